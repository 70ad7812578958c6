package io.marketstreams.testkit;

import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The decoded records of every output stream of one run, each list in the order a reader of the
 * topic sees them (per key in emission order; keys may interleave): the streams the lifecycle rules
 * read, and the quarantine. This is what {@link OutputChecker#check(DecodedOutput)} checks without
 * a broker; a test builds it with {@link #of} from records made by hand, taken from an operator
 * harness, or decoded from topics.
 */
public record DecodedOutput(LifecycleRules.Streams lifecycle, List<Quarantined> quarantined) {

    /** Sorts records of any output streams into their streams, keeping their order. */
    public static DecodedOutput of(Collection<? extends SpecificRecord> records) {
        return new DecodedOutput(
                new LifecycleRules.Streams(
                        only(records, Event.class),
                        only(records, EventResolution.class),
                        only(records, Market.class),
                        only(records, MarketSnapshot.class),
                        only(records, MarketUpdate.class),
                        only(records, MarketStateChange.class),
                        only(records, MarketResolution.class),
                        only(records, OrderBookSnapshot.class),
                        only(records, OrderBookDelta.class),
                        only(records, Trade.class)),
                only(records, Quarantined.class));
    }

    /** Every record, stream by stream in {@link CanonicalStream#ALL} order. */
    public Map<StreamTopic, List<SpecificRecord>> byStream() {
        List<SpecificRecord> all = all();
        Map<StreamTopic, List<SpecificRecord>> streams = new LinkedHashMap<>();
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            streams.put(stream.topic(), all.stream().filter(stream.type()::isInstance).toList());
        }
        return streams;
    }

    /** How many records each stream holds. */
    public Map<StreamTopic, Integer> counts() {
        Map<StreamTopic, Integer> counts = new HashMap<>();
        byStream().forEach((topic, records) -> counts.put(topic, records.size()));
        return counts;
    }

    /**
     * This output without records that repeat an earlier record of the same key exactly, as an
     * at-least-once restart may write them and as a client dropping {@code seq <= last} would.
     * Quarantine records are kept as they are: they carry no sequence to drop repeats by.
     */
    public DecodedOutput withoutRepeats() {
        Map<String, Set<SpecificRecord>> seen = new HashMap<>();
        List<SpecificRecord> unique = new ArrayList<>(quarantined);
        for (SpecificRecord r : all()) {
            if (r instanceof Quarantined) {
                continue;
            }
            String key = CanonicalStream.of(r).topic() + "/" + CanonicalStream.of(r).keyOfRecord(r);
            if (seen.computeIfAbsent(key, k -> new HashSet<>()).add(r)) {
                unique.add(r);
            }
        }
        return of(unique);
    }

    private List<SpecificRecord> all() {
        LifecycleRules.Streams s = lifecycle;
        List<SpecificRecord> all = new ArrayList<>();
        for (List<? extends SpecificRecord> stream :
                List.of(
                        s.events(),
                        s.eventResolutions(),
                        s.markets(),
                        s.marketSnapshots(),
                        s.marketUpdates(),
                        s.marketStates(),
                        s.marketResolutions(),
                        s.bookSnapshots(),
                        s.bookDeltas(),
                        s.trades(),
                        quarantined)) {
            all.addAll(stream);
        }
        return all;
    }

    private static <T> List<T> only(Collection<?> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
