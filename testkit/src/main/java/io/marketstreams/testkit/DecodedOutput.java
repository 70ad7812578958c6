package io.marketstreams.testkit;

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
 * topic sees them (per key in emission order; keys may interleave). This is what {@link
 * OutputChecker#check(DecodedOutput)} checks without a broker: a test can build it by hand, from an
 * operator harness, or by decoding topics.
 */
public record DecodedOutput(
        List<Event> events,
        List<EventResolution> eventResolutions,
        List<Market> markets,
        List<MarketSnapshot> marketSnapshots,
        List<MarketUpdate> marketUpdates,
        List<MarketStateChange> marketStates,
        List<MarketResolution> marketResolutions,
        List<OrderBookSnapshot> bookSnapshots,
        List<OrderBookDelta> bookDeltas,
        List<Trade> trades,
        List<Quarantined> quarantined) {

    /** Sorts records of any output streams into their streams, keeping their order. */
    public static DecodedOutput of(Collection<? extends SpecificRecord> records) {
        return new DecodedOutput(
                only(records, Event.class),
                only(records, EventResolution.class),
                only(records, Market.class),
                only(records, MarketSnapshot.class),
                only(records, MarketUpdate.class),
                only(records, MarketStateChange.class),
                only(records, MarketResolution.class),
                only(records, OrderBookSnapshot.class),
                only(records, OrderBookDelta.class),
                only(records, Trade.class),
                only(records, Quarantined.class));
    }

    /** Every record, stream by stream in {@link CheckedStream#ALL} order. */
    public Map<StreamTopic, List<SpecificRecord>> byStream() {
        List<SpecificRecord> all = new ArrayList<>();
        List.of(
                        events,
                        eventResolutions,
                        markets,
                        marketSnapshots,
                        marketUpdates,
                        marketStates,
                        marketResolutions,
                        bookSnapshots,
                        bookDeltas,
                        trades,
                        quarantined)
                .forEach(all::addAll);
        Map<StreamTopic, List<SpecificRecord>> streams = new LinkedHashMap<>();
        for (CheckedStream<?> stream : CheckedStream.ALL) {
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

    /** The streams the lifecycle rules read. */
    public LifecycleRules.Streams lifecycle() {
        return new LifecycleRules.Streams(
                events,
                eventResolutions,
                markets,
                marketSnapshots,
                marketUpdates,
                marketStates,
                marketResolutions,
                bookSnapshots,
                bookDeltas,
                trades);
    }

    /**
     * This output without records that repeat an earlier record of the same key exactly, as an
     * at-least-once restart may write them and as a client dropping {@code seq <= last} would.
     */
    public DecodedOutput withoutRepeats() {
        return new DecodedOutput(
                unique(events),
                unique(eventResolutions),
                unique(markets),
                unique(marketSnapshots),
                unique(marketUpdates),
                unique(marketStates),
                unique(marketResolutions),
                unique(bookSnapshots),
                unique(bookDeltas),
                unique(trades),
                quarantined);
    }

    private static <T extends SpecificRecord> List<T> unique(List<T> records) {
        Map<String, Set<T>> seen = new HashMap<>();
        List<T> unique = new ArrayList<>();
        for (T r : records) {
            if (seen.computeIfAbsent(CheckedStream.keyOf(r), k -> new HashSet<>()).add(r)) {
                unique.add(r);
            }
        }
        return List.copyOf(unique);
    }

    private static <T> List<T> only(Collection<?> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
