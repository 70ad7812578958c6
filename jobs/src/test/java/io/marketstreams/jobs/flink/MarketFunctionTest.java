package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static io.marketstreams.jobs.core.market.MarketInputs.bookSnapshot;
import static io.marketstreams.jobs.core.market.MarketInputs.event;
import static io.marketstreams.jobs.core.market.MarketInputs.marketId;
import static io.marketstreams.jobs.core.market.MarketInputs.marketInfo;
import static io.marketstreams.jobs.core.market.MarketInputs.resolution;
import static io.marketstreams.jobs.core.market.MarketInputs.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.market.VenueInput;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.TradeReport;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code market-state} operator in Flink's harness: what the shell adds to {@link
 * io.marketstreams.jobs.core.market.MarketProcessor} — keyed state that survives snapshot and
 * restore, side outputs with source coordinates, state cleared as event time advances, timers.
 */
class MarketFunctionTest {
    private static final long MINUTE = 60_000L;

    static MarketStateHarness harness() throws Exception {
        return new MarketStateHarness(MarketStateHarness.CONFIG);
    }

    /**
     * Discovers an open market before {@code T0}: its event is known, its info arrives, and the
     * watermark passes the discovery time (a new one each time: a watermark that does not advance
     * fires no timer).
     */
    static void openMarket(MarketStateHarness h, String market) throws Exception {
        long time = Math.max(T0 - 100, h.watermark + 1);
        h.eventKnown(marketId(market), event(), time);
        h.input(marketInfo(market, "active", time, -1), time);
        h.watermark(time);
    }

    private static int keyedEntries(MarketStateHarness h, String key) throws Exception {
        h.h.getOperator().setCurrentKey(key);
        MapState<String, Long> fingerprints =
                h.h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                StateDescriptors.Market.fingerprints());
        MapState<Long, String> bySequence =
                h.h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                StateDescriptors.Market.idsBySequence());
        int ids = 0;
        for (String ignored : fingerprints.keys()) {
            ids++;
        }
        int sequences = 0;
        for (Long ignored : bySequence.keys()) {
            sequences++;
        }
        assertThat(sequences).as("both maps hold the same trades").isEqualTo(ids);
        return ids;
    }

    @Test
    void stateSurvivesSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness()) {
            before.h.open();
            openMarket(before, "M1");
            openMarket(before, "M2");
            before.input(trade("M1", "a", T0, 0), T0);
            before.input(trade("M1", "b", T0 + 1, 1), T0 + 1);
            before.input(trade("M2", "c", T0 + 2, 2), T0 + 2);
            snapshot = before.h.snapshot(1L, 1L);
        }

        try (var after = harness()) {
            after.h.initializeState(snapshot);
            after.h.open();
            after.input(trade("M1", "a", T0, 3), T0); // duplicate
            after.input(trade("M1", "d", T0 + 3, 4), T0 + 3);

            assertThat(after.trades())
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.getTradeId()).isEqualTo("kalshi:d");
                                assertThat(t.getTradeSequence()).isEqualTo(3);
                            });
            assertThat(after.values(MarketFunction.QUARANTINE)).isEmpty();
        }
    }

    @Test
    void rejectedTradesGoToTheSideOutputWithSourceCoordinates() throws Exception {
        try (var h = harness()) {
            h.h.open();
            openMarket(h, "M1");
            h.input(trade("M1", "a", T0, 10), T0);
            VenueInput conflicting = trade("M1", "a", T0, 11);
            ((TradeReport) conflicting.message().getPayload()).setPrice(510_000);
            h.input(conflicting, T0);

            List<Quarantined> quarantined = h.values(MarketFunction.QUARANTINE);
            assertThat(quarantined)
                    .singleElement()
                    .satisfies(
                            q -> {
                                assertThat(q.getReason())
                                        .isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
                                assertThat(q.getSourceOffset()).isEqualTo(11L);
                                assertThat(q.getMarketId()).isEqualTo("kalshi:M1");
                                assertThat(q.getStage()).isEqualTo(Stages.MARKET);
                                assertThat(q.getPayload().remaining()).isPositive();
                            });
        }
    }

    @Test
    void oldTradeIdsAreRemovedFromKeyedStateAsEventTimeAdvances() throws Exception {
        try (var h = harness()) {
            h.h.open();
            openMarket(h, "M1");
            for (int i = 0; i < 30; i++) {
                h.input(trade("M1", "t" + i, T0 + i * MINUTE, i), T0 + i * MINUTE);
            }
            int entriesEarly = keyedEntries(h, "kalshi:M1");

            for (int i = 30; i < 300; i++) {
                h.input(trade("M1", "t" + i, T0 + i * MINUTE, i), T0 + i * MINUTE);
            }
            int entriesLate = keyedEntries(h, "kalshi:M1");

            assertThat(h.trades()).hasSize(300);
            // At most 60 minutes of trades, one 10-minute bucket and the newest are remembered.
            assertThat(entriesEarly).isEqualTo(30);
            assertThat(entriesLate).isBetween(60, 71);
        }
    }

    @Test
    void inputWaitsForItsMarketAndEventThenFlowsInInputOrder() throws Exception {
        try (var h = harness()) {
            h.h.open();
            h.input(trade("M1", "early", T0, 1), T0 + 1);
            h.input(marketInfo("M1", "active", T0 + 2, 2), T0 + 2);
            assertThat(h.trades()).as("the event is not known yet").isEmpty();
            assertThat(h.values(MarketFunction.MARKETS)).isEmpty();

            h.eventKnown("kalshi:M1", "kalshi:E", T0 + 5);
            assertThat(h.values(MarketFunction.MARKETS))
                    .as("until the watermark passes the discovery time")
                    .isEmpty();
            h.watermark(T0 + 5);

            assertThat(h.values(MarketFunction.MARKETS)).hasSize(1);
            assertThat(h.trades()).extracting(Trade::getTradeId).containsExactly("kalshi:early");
            h.input(trade("M1", "next", T0 + 6, 3), T0 + 7);
            assertThat(h.trades()).hasSize(2);
        }
    }

    @Test
    void inputStillWaitingWhenTheWatermarkPassesTheTimeoutIsQuarantined() throws Exception {
        try (var h = harness()) {
            h.h.open();
            h.input(marketInfo("M9", "active", T0, 1), T0);
            h.input(trade("M9", "t", T0 + 1, 2), T0 + 2);
            h.watermark(T0 + 9 * MINUTE);
            assertThat(h.values(MarketFunction.QUARANTINE)).isEmpty();
            assertThat(h.h.numEventTimeTimers()).as("one deadline per held input").isEqualTo(2);

            h.watermark(T0 + 11 * MINUTE);

            assertThat(h.values(MarketFunction.QUARANTINE))
                    .extracting(Quarantined::getReason)
                    .containsExactly(ReasonCode.ORPHAN_MARKET, ReasonCode.UNKNOWN_MARKET);
            assertThat(h.trades()).isEmpty();
            assertThat(h.h.numEventTimeTimers()).isZero();
            // The signal arriving after the timeout finds nothing left to release.
            h.eventKnown("kalshi:M9", "kalshi:E", T0 + 11 * MINUTE);
            assertThat(h.values(MarketFunction.MARKETS)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(HarnessView.Backend.class)
    void booksAndTradeIdsGoAfterTheClosedRetentionWhileTheLifecycleRecordStays(
            HarnessView.Backend backend) throws Exception {
        String key = marketId("M1");
        long resolvedAt = T0 + 3 * MINUTE;
        long retention = MarketStateHarness.CONFIG.closedRetention().toMillis();
        try (var h = harness()) {
            backend.on(h.h);
            h.h.open();
            openMarket(h, "M1");
            h.input(bookSnapshot("M1", 1, 1), T0);
            h.input(trade("M1", "a", T0 + 1, 2), T0 + 1);
            h.input(trade("M1", "b", T0 + 2, 3), T0 + 2);
            h.input(resolution("M1", "YES", resolvedAt, 4), resolvedAt);
            h.watermark(resolvedAt + retention - 1);

            assertThat(keyedEntries(h, key)).as("kept through the retention").isEqualTo(2);
            assertThat(HarnessView.value(h.h, key, StateDescriptors.Market.books()).books)
                    .isNotEmpty();
            assertThat(h.h.numEventTimeTimers()).as("the cleanup").isEqualTo(1);

            h.watermark(resolvedAt + retention);

            assertThat(keyedEntries(h, key)).isZero();
            assertThat(HarnessView.value(h.h, key, StateDescriptors.Market.tapeCursor())).isNull();
            MarketBookSet set = HarnessView.value(h.h, key, StateDescriptors.Market.books());
            assertThat(set.books).isEmpty();
            assertThat(set.cursor).isNull();
            assertThat(set.lifecycle.cleaned).isTrue();
            assertThat(set.lifecycle.state).isEqualTo(MarketState.RESOLVED);
            assertThat(set.lifecycle.market.getMarketId()).isEqualTo(key);
            assertThat(h.h.numEventTimeTimers()).isZero();
            assertThat(HarnessView.keysWith(h.h, StateDescriptors.Market.pending())).isEmpty();

            // The record alone still rejects what comes after the resolution.
            int tradesBefore = h.trades().size();
            h.input(trade("M1", "late", resolvedAt + retention + 1, 5), resolvedAt + retention + 1);
            assertThat(h.trades()).hasSize(tradesBefore);
            assertThat(h.values(MarketFunction.QUARANTINE)).hasSize(1);
            assertThat(keyedEntries(h, key)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(HarnessView.Backend.class)
    void aMarketNeverDiscoveredLeavesNoStateOnceItsHeldInputTimedOut(HarnessView.Backend backend)
            throws Exception {
        try (var h = harness()) {
            backend.on(h.h);
            h.h.open();
            h.input(trade("M8", "t", T0, 1), T0);
            h.input(bookSnapshot("M8", 1, 2), T0 + 1);
            assertThat(HarnessView.keysWith(h.h, StateDescriptors.Market.pending()))
                    .containsExactly(marketId("M8"));

            h.watermark(T0 + 11 * MINUTE);

            assertThat(h.values(MarketFunction.QUARANTINE))
                    .extracting(Quarantined::getReason)
                    .containsExactly(ReasonCode.UNKNOWN_MARKET, ReasonCode.UNKNOWN_MARKET);
            assertThat(h.h.numEventTimeTimers()).isZero();
            assertThat(HarnessView.keysWith(h.h, StateDescriptors.Market.pending())).isEmpty();
            assertThat(HarnessView.keysWith(h.h, StateDescriptors.Market.books()))
                    .as("nothing is known of the market: nothing to keep")
                    .isEmpty();
        }
    }
}
