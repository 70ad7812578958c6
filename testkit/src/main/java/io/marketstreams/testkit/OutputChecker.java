package io.marketstreams.testkit;

import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
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
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An independent checker of the job's output topics: it reads them with a plain Kafka consumer,
 * decodes them with the published schemas and checks each stream's contract and the cross-stream
 * invariants. It shares no code with the job beyond the schemas. Each stream adds its rules here.
 *
 * <p>Rules today:
 *
 * <ul>
 *   <li>every record: stream and fingerprint headers present and matching the topic, value decodes
 *       with every byte used;
 *   <li>{@code trades.executed}: key = market_id; trade_id = venue_id:venue_trade_id and unique
 *       (emitted once); market_id starts with venue_id:; price within (0, 1000000]; quantity
 *       positive; taker side BUY or SELL; per market, trade_sequence runs 1, 2, 3, ... without gap
 *       or repeat;
 *   <li>{@code orders.snapshot} and {@code orders.delta}: key = market_id|outcome_id; per key and
 *       topic, sequences strictly increase; merged per key in emission order the first record is an
 *       INITIAL snapshot; every sequence number from 1 to the last is taken by exactly one delta or
 *       reset (INITIAL/RESYNC) or CLOSED snapshot, and PERIODIC snapshots restate the book at an
 *       existing number; every record's checksum (and a restating snapshot's levels) matches the
 *       book rebuilt so far by the client library; a RESYNCING delta has no mutations and is
 *       followed only by a RESYNC snapshot, which only follows a RESYNCING delta (books reset only
 *       via snapshots, and every reset is announced);
 *   <li>{@code quarantine}: key = market_id, else source_topic:source_partition; a detail and a
 *       stage are given;
 *   <li>the catalog and lifecycle streams: keys are their entity ids, and {@link LifecycleRules}
 *       (the spec's five cross-stream invariants).
 * </ul>
 *
 * <p>For at-least-once output, {@link #allowingRepeats()} first drops records that repeat an
 * earlier record of the same key exactly, as a client dropping {@code seq <= last} would.
 */
public final class OutputChecker {
    private final String bootstrapServers;
    private final String namespace;
    private final boolean allowRepeats;

    public OutputChecker(String bootstrapServers, String namespace) {
        this(bootstrapServers, namespace, false);
    }

    private OutputChecker(String bootstrapServers, String namespace, boolean allowRepeats) {
        this.bootstrapServers = bootstrapServers;
        this.namespace = namespace;
        this.allowRepeats = allowRepeats;
    }

    /** A checker for at-least-once output, which may repeat records after a restart. */
    public OutputChecker allowingRepeats() {
        return new OutputChecker(bootstrapServers, namespace, true);
    }

    /** What the checker read and what it found wrong. */
    public record Report(
            Map<StreamTopic, Integer> counts,
            LifecycleRules.Streams lifecycle,
            List<Trade> trades,
            List<OrderBookSnapshot> snapshots,
            List<OrderBookDelta> deltas,
            Map<String, BookReplica> books,
            List<Quarantined> quarantined,
            List<String> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /** Reads the output topics and checks every rule. */
    public Report check() {
        List<String> violations = new ArrayList<>();
        Map<StreamTopic, Integer> counts = new HashMap<>();
        List<Trade> trades =
                decodeAll(StreamTopic.TRADES_EXECUTED, Trade.class, counts, violations);
        List<OrderBookSnapshot> snapshots =
                decodeAll(StreamTopic.ORDERS_SNAPSHOT, OrderBookSnapshot.class, counts, violations);
        List<OrderBookDelta> deltas =
                decodeAll(StreamTopic.ORDERS_DELTA, OrderBookDelta.class, counts, violations);
        List<Quarantined> quarantined =
                decodeAll(StreamTopic.QUARANTINE, Quarantined.class, counts, violations);
        List<Event> events =
                decodeAll(StreamTopic.EVENTS_DISCOVERED, Event.class, counts, violations);
        List<EventResolution> eventResolutions =
                decodeAll(StreamTopic.EVENTS_RESOLVED, EventResolution.class, counts, violations);
        List<Market> markets =
                decodeAll(StreamTopic.MARKETS_DISCOVERED, Market.class, counts, violations);
        List<MarketSnapshot> marketSnapshots =
                decodeAll(StreamTopic.MARKETS_SNAPSHOTS, MarketSnapshot.class, counts, violations);
        List<MarketUpdate> marketUpdates =
                decodeAll(StreamTopic.MARKETS_UPDATED, MarketUpdate.class, counts, violations);
        List<MarketStateChange> marketStates =
                decodeAll(
                        StreamTopic.MARKET_STATE_UPDATED,
                        MarketStateChange.class,
                        counts,
                        violations);
        List<MarketResolution> marketResolutions =
                decodeAll(StreamTopic.MARKETS_RESOLVED, MarketResolution.class, counts, violations);
        if (allowRepeats) {
            events = withoutRepeats(events, Event::getEventId);
            eventResolutions = withoutRepeats(eventResolutions, EventResolution::getEventId);
            markets = withoutRepeats(markets, Market::getMarketId);
            marketSnapshots = withoutRepeats(marketSnapshots, MarketSnapshot::getMarketId);
            marketUpdates = withoutRepeats(marketUpdates, MarketUpdate::getMarketId);
            marketStates = withoutRepeats(marketStates, MarketStateChange::getMarketId);
            marketResolutions = withoutRepeats(marketResolutions, MarketResolution::getMarketId);
            trades = withoutRepeats(trades, Trade::getMarketId);
            snapshots = withoutRepeats(snapshots, s -> s.getMarketId() + "|" + s.getOutcomeId());
            deltas = withoutRepeats(deltas, d -> d.getMarketId() + "|" + d.getOutcomeId());
        }
        checkTrades(trades, violations);
        Map<String, BookReplica> books = BookRules.check(snapshots, deltas, violations);
        checkQuarantine(quarantined, violations);
        LifecycleRules.Streams lifecycle =
                new LifecycleRules.Streams(
                        events,
                        eventResolutions,
                        markets,
                        marketSnapshots,
                        marketUpdates,
                        marketStates,
                        marketResolutions,
                        snapshots,
                        deltas,
                        trades);
        LifecycleRules.check(lifecycle, violations);
        return new Report(
                counts, lifecycle, trades, snapshots, deltas, books, quarantined, violations);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> List<T> decodeAll(
            StreamTopic stream,
            Class<T> type,
            Map<StreamTopic, Integer> counts,
            List<String> violations) {
        AvroCodec<T> codec = AvroCodec.forStream(stream, type);
        List<T> decoded = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> records =
                TopicRecords.readAll(bootstrapServers, stream.topicName(namespace));
        counts.put(stream, records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String where = stream.streamName() + "@" + record.partition() + ":" + record.offset();
            Header streamHeader = record.headers().lastHeader(WireHeaders.STREAM);
            Header fp = record.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
            if (streamHeader == null
                    || !stream.streamName()
                            .equals(new String(streamHeader.value(), StandardCharsets.UTF_8))) {
                violations.add(where + ": stream header missing or wrong");
                continue;
            }
            if (fp == null) {
                violations.add(where + ": fingerprint header missing");
                continue;
            }
            T value;
            try {
                value =
                        codec.decode(
                                record.value(), WireHeaders.parseFingerprintHeader(fp.value()));
            } catch (DecodeException | IllegalArgumentException e) {
                violations.add(where + ": " + e.getMessage());
                continue;
            }
            String key =
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            String expectedKey = expectedKey(value);
            if (!expectedKey.equals(key)) {
                violations.add(
                        where + ": key '" + key + "' but record is about '" + expectedKey + "'");
            }
            decoded.add(value);
        }
        return decoded;
    }

    /** Drops records equal to an earlier record of the same key (at-least-once repeats). */
    private static <T> List<T> withoutRepeats(List<T> records, Function<T, String> key) {
        Map<String, Set<T>> seen = new HashMap<>();
        List<T> unique = new ArrayList<>();
        for (T r : records) {
            if (seen.computeIfAbsent(key.apply(r), k -> new HashSet<>()).add(r)) {
                unique.add(r);
            }
        }
        return unique;
    }

    private static String expectedKey(Object value) {
        if (value instanceof Trade trade) {
            return trade.getMarketId();
        }
        if (value instanceof Event e) {
            return e.getEventId();
        }
        if (value instanceof EventResolution e) {
            return e.getEventId();
        }
        if (value instanceof Market m) {
            return m.getMarketId();
        }
        if (value instanceof MarketSnapshot m) {
            return m.getMarketId();
        }
        if (value instanceof MarketUpdate m) {
            return m.getMarketId();
        }
        if (value instanceof MarketStateChange m) {
            return m.getMarketId();
        }
        if (value instanceof MarketResolution m) {
            return m.getMarketId();
        }
        if (value instanceof OrderBookSnapshot s) {
            return s.getMarketId() + "|" + s.getOutcomeId();
        }
        if (value instanceof OrderBookDelta d) {
            return d.getMarketId() + "|" + d.getOutcomeId();
        }
        Quarantined q = (Quarantined) value;
        return q.getMarketId() != null
                ? q.getMarketId()
                : q.getSourceTopic() + ":" + q.getSourcePartition();
    }

    private static void checkTrades(List<Trade> trades, List<String> violations) {
        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (Trade t : trades) {
            String id = t.getTradeId();
            if (!ids.add(id)) {
                violations.add("trade " + id + " emitted more than once");
            }
            if (!id.equals(t.getVenueId() + ":" + t.getVenueTradeId())) {
                violations.add("trade " + id + " id is not venue_id:venue_trade_id");
            }
            if (!t.getMarketId().startsWith(t.getVenueId() + ":")) {
                violations.add("trade " + id + " market_id is not venue_id:...");
            }
            if (t.getPrice() <= 0 || t.getPrice() > 1_000_000L) {
                violations.add("trade " + id + " price " + t.getPrice() + " outside (0, 1000000]");
            }
            if (t.getQuantity() <= 0) {
                violations.add("trade " + id + " quantity " + t.getQuantity() + " not positive");
            }
            if (t.getTakerSide() != TakerSide.BUY && t.getTakerSide() != TakerSide.SELL) {
                violations.add("trade " + id + " taker side " + t.getTakerSide());
            }
            long expected = lastSequence.getOrDefault(t.getMarketId(), 0L) + 1;
            if (t.getTradeSequence() != expected) {
                violations.add(
                        "market "
                                + t.getMarketId()
                                + " trade_sequence "
                                + t.getTradeSequence()
                                + " where "
                                + expected
                                + " was due");
            }
            lastSequence.put(t.getMarketId(), t.getTradeSequence());
        }
    }

    private static void checkQuarantine(List<Quarantined> records, List<String> violations) {
        for (Quarantined q : records) {
            if (q.getDetail() == null || q.getDetail().isBlank() || q.getStage().isBlank()) {
                violations.add("quarantine record without detail or stage: " + q);
            }
        }
    }
}
