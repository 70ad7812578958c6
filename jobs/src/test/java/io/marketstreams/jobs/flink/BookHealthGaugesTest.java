package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.market.MarketInputs;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.Trade;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
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
    private static final long T0 = MarketInputs.T0;

    private static MarketFunction function() {
        return new MarketFunction(MarketStateHarness.CONFIG);
    }

    private static MarketStateHarness harness(
            KeyedCoProcessOperator<String, IngestedMessage, EventSignal, Trade> operator,
            int parallelism,
            int subtask)
            throws Exception {
        var h = new MarketStateHarness(operator, MAX_PARALLELISM, parallelism, subtask);
        // The production backend: the recount iterates RocksDB's column family of "books".
        h.h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    /** Every market gets two LIVE books; the first GAPPED skip a venue sequence and resync. */
    private static void feed(MarketStateHarness h) throws Exception {
        for (int m = 0; m < MARKETS; m++) {
            String market = "M" + m;
            MarketFunctionTest.openMarket(h, market);
            h.input(MarketInputs.bookSnapshot(market, 1, 1), T0);
            h.input(MarketInputs.bookDelta(market, 2, 2), T0);
            if (m < GAPPED) {
                h.input(MarketInputs.bookDelta(market, 4, 4), T0);
            }
        }
    }

    private static Map<BookHealth, Long> counts(MarketStateHarness h) {
        BookHealthGauges gauges = h.function().bookHealth();
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
            h.h.open();
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
            h.h.open();
            feed(h);
            snapshot = h.h.snapshot(1L, T0);
        }

        long total = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, subtask);
            try (var h = harness(new MarketStateOperator(function()), 2, subtask)) {
                h.h.initializeState(part);
                h.h.open();

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
            h.h.open();
            feed(h);
            snapshot = h.h.snapshot(1L, T0);
        }
        // The plain operator is what `.process(MarketFunction)` would build: same state, no pass.
        try (var h = harness(new KeyedCoProcessOperator<>(function()), 1, 0)) {
            h.h.initializeState(snapshot);
            h.h.open();

            assertThat(counts(h).values()).containsOnly(0L);
        }
    }
}
