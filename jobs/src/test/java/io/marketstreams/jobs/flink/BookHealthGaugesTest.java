package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Books by health per subtask of {@code market-state}: maintained per element, and recounted from
 * keyed state when a restored or rescaled operator opens, so each subtask reports exactly the books
 * of the key groups it now owns.
 */
class BookHealthGaugesTest {
    private static final int MAX_PARALLELISM = 128;
    private static final int MARKETS = 12;
    private static final int GAPPED = 4;
    private static final long T0 = 1_767_225_600_000L;

    private static MarketFunction function() {
        return new MarketFunction(
                new MarketFunction.Config(
                        Duration.ofMinutes(60),
                        Duration.ofMinutes(10),
                        100,
                        1000,
                        1000,
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(30)));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> harness(
            KeyedProcessOperator<String, IngestedMessage, Trade> operator,
            int parallelism,
            int subtask)
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator,
                        m -> m.marketId,
                        Types.STRING,
                        MAX_PARALLELISM,
                        parallelism,
                        subtask);
        // The production backend: the recount iterates RocksDB's column family of "books".
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static IngestedMessage book(String market, long sequence, Object payload) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueSequence(sequence)
                        .setVenueStreamId("stream-" + market)
                        .setVenueEventTime(T0 + sequence)
                        .setIngestTime(T0 + sequence)
                        .setPayload(payload)
                        .build();
        return IngestedMessage.decoded(
                message, "kalshi:" + market, 0L, "venue.messages", 0, sequence);
    }

    private static BookSnapshot snapshot(String market) {
        return new BookSnapshot(
                market,
                List.of(
                        new Ladder("YES", BookSide.BID, List.of(new PriceLevel(400_000L, 1L))),
                        new Ladder("NO", BookSide.BID, List.of(new PriceLevel(500_000L, 2L)))));
    }

    private static BookDelta delta(String market) {
        return new BookDelta(
                market,
                List.of(
                        new LevelUpdate(
                                "YES", BookSide.BID, 300_000L, 1_000_000L, UpdateKind.DELTA)));
    }

    /** Every market gets two LIVE books; the first GAPPED skip a venue sequence and resync. */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> h)
            throws Exception {
        for (int m = 0; m < MARKETS; m++) {
            String market = "M" + m;
            MarketFunctionTest.openMarket(h, market);
            h.processElement(new StreamRecord<>(book(market, 1, snapshot(market)), T0));
            h.processElement(new StreamRecord<>(book(market, 2, delta(market)), T0));
            if (m < GAPPED) {
                h.processElement(new StreamRecord<>(book(market, 4, delta(market)), T0));
            }
        }
    }

    private static Map<BookHealth, Long> counts(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> h) {
        BookHealthGauges gauges =
                ((MarketFunction)
                                ((KeyedProcessOperator<String, IngestedMessage, Trade>)
                                                h.getOperator())
                                        .getUserFunction())
                        .bookHealth();
        Map<BookHealth, Long> counts = new EnumMap<>(BookHealth.class);
        for (BookHealth health : BookHealth.values()) {
            counts.put(health, gauges.count(health));
        }
        return counts;
    }

    private static Map<BookHealth, Long> expected(int parallelism, int subtask) {
        Map<BookHealth, Long> counts = new EnumMap<>(BookHealth.class);
        for (BookHealth health : BookHealth.values()) {
            counts.put(health, 0L);
        }
        for (int m = 0; m < MARKETS; m++) {
            int owner =
                    KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            "kalshi:M" + m, MAX_PARALLELISM, parallelism);
            if (owner == subtask) {
                counts.merge(m < GAPPED ? BookHealth.RESYNCING : BookHealth.LIVE, 2L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void countsFollowEveryHealthChange() throws Exception {
        try (var h = harness(new MarketStateOperator(function()), 1, 0)) {
            h.open();
            feed(h);

            assertThat(counts(h))
                    .containsEntry(BookHealth.LIVE, 2L * (MARKETS - GAPPED))
                    .containsEntry(BookHealth.RESYNCING, 2L * GAPPED)
                    .containsEntry(BookHealth.CLOSED, 0L);
        }
    }

    @Test
    void aRestoredAndRescaledOperatorCountsTheBooksOfItsKeyGroups() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new MarketStateOperator(function()), 1, 0)) {
            h.open();
            feed(h);
            snapshot = h.snapshot(1L, T0);
        }

        long total = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, subtask);
            try (var h = harness(new MarketStateOperator(function()), 2, subtask)) {
                h.initializeState(part);
                h.open();

                Map<BookHealth, Long> counts = counts(h);
                assertThat(counts).as("subtask %d", subtask).isEqualTo(expected(2, subtask));
                total += counts.values().stream().mapToLong(Long::longValue).sum();
            }
        }
        assertThat(total).isEqualTo(2L * MARKETS);
    }

    @Test
    void withoutTheRecountARestoredOperatorWouldReportNothing() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new MarketStateOperator(function()), 1, 0)) {
            h.open();
            feed(h);
            snapshot = h.snapshot(1L, T0);
        }
        // The plain operator is what `.process(MarketFunction)` would build: same state, no pass.
        try (var h = harness(new KeyedProcessOperator<>(function()), 1, 0)) {
            h.initializeState(snapshot);
            h.open();

            assertThat(counts(h).values()).containsOnly(0L);
        }
    }
}
