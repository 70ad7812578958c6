package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed trade operator: its state, its survival across snapshot/restore, its cleanup. */
class MarketFunctionTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> harness()
            throws Exception {
        MarketFunction function =
                new MarketFunction(
                        new MarketFunction.Config(
                                Duration.ofMinutes(60),
                                Duration.ofMinutes(10),
                                100,
                                1000,
                                1000,
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(30)));
        KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), m -> m.marketId, Types.STRING);
        return harness;
    }

    static IngestedMessage trade(String market, String id, long eventTime, long offset) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueEventTime(eventTime)
                        .setIngestTime(eventTime + 1)
                        .setPayload(
                                TradeReport.newBuilder()
                                        .setVenueTradeId(id)
                                        .setVenueMarketId(market)
                                        .setOutcomeId("YES")
                                        .setPrice(500_000)
                                        .setQuantity(2_000_000)
                                        .setTakerSide(TakerSide.SELL)
                                        .build())
                        .build();
        return IngestedMessage.decoded(
                message, "kalshi:" + market, 0L, "venue.messages", 0, offset);
    }

    /** A market of the kalshi venue, binary, with the given venue status. */
    static IngestedMessage marketInfo(String market, String status, long time, long offset) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueEventTime(time)
                        .setIngestTime(time)
                        .setPayload(
                                MarketInfo.newBuilder()
                                        .setVenueMarketId(market)
                                        .setVenueEventId("E")
                                        .setMarketDescription("market " + market)
                                        .setMarketType(MarketType.BINARY)
                                        .setOutcomes(
                                                List.of(
                                                        new Outcome("YES", "Yes", null),
                                                        new Outcome("NO", "No", null)))
                                        .setVenueStatus(status)
                                        .build())
                        .build();
        return IngestedMessage.decoded(
                message, "kalshi:" + market, 0L, "venue.messages", 0, offset);
    }

    /** Discovers an open market: its event is known, then its info arrives. */
    static void openMarket(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> h, String market)
            throws Exception {
        h.processElement(
                new StreamRecord<>(
                        IngestedMessage.eventKnown("kalshi:" + market, "kalshi:E"), T0 - 10));
        h.processElement(new StreamRecord<>(marketInfo(market, "active", T0 - 10, -1), T0 - 10));
    }

    private static List<Trade> trades(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> harness) {
        return harness.extractOutputValues();
    }

    private static int rememberedIds(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, Trade> h, String key)
            throws Exception {
        h.getOperator().setCurrentKey(key);
        MapState<String, Long> fingerprints =
                h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new MapStateDescriptor<>("fingerprints", Types.STRING, Types.LONG));
        MapState<Long, String> bySequence =
                h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new MapStateDescriptor<>(
                                        "ids-by-sequence", Types.LONG, Types.STRING));
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
            before.open();
            openMarket(before, "M1");
            openMarket(before, "M2");
            before.processElement(new StreamRecord<>(trade("M1", "a", T0, 0)));
            before.processElement(new StreamRecord<>(trade("M1", "b", T0 + 1, 1)));
            before.processElement(new StreamRecord<>(trade("M2", "c", T0 + 2, 2)));
            snapshot = before.snapshot(1L, 1L);
        }

        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(new StreamRecord<>(trade("M1", "a", T0, 3))); // duplicate
            after.processElement(new StreamRecord<>(trade("M1", "d", T0 + 3, 4)));

            assertThat(trades(after))
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.getTradeId()).isEqualTo("kalshi:d");
                                assertThat(t.getTradeSequence()).isEqualTo(3);
                            });
            assertThat(after.getSideOutput(MarketFunction.QUARANTINE)).isNull();
        }
    }

    @Test
    void rejectedTradesGoToTheSideOutputWithSourceCoordinates() throws Exception {
        try (var h = harness()) {
            h.open();
            openMarket(h, "M1");
            h.processElement(new StreamRecord<>(trade("M1", "a", T0, 10)));
            IngestedMessage conflicting = trade("M1", "a", T0, 11);
            ((TradeReport) conflicting.message.getPayload()).setPrice(510_000);
            h.processElement(new StreamRecord<>(conflicting));

            List<Quarantined> quarantined =
                    h.getSideOutput(MarketFunction.QUARANTINE).stream()
                            .map(StreamRecord::getValue)
                            .toList();
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
            h.open();
            openMarket(h, "M1");
            for (int i = 0; i < 30; i++) {
                h.processElement(new StreamRecord<>(trade("M1", "t" + i, T0 + i * MINUTE, i)));
            }
            int entriesEarly = rememberedIds(h, "kalshi:M1");

            for (int i = 30; i < 300; i++) {
                h.processElement(new StreamRecord<>(trade("M1", "t" + i, T0 + i * MINUTE, i)));
            }
            int entriesLate = rememberedIds(h, "kalshi:M1");

            assertThat(trades(h)).hasSize(300);
            // At most 60 minutes of trades, one 10-minute bucket and the newest are remembered.
            assertThat(entriesEarly).isEqualTo(30);
            assertThat(entriesLate).isBetween(60, 71);
        }
    }

    @Test
    void inputWaitsForItsMarketAndEventThenFlowsInInputOrder() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(trade("M1", "early", T0, 1), T0 + 1));
            h.processElement(new StreamRecord<>(marketInfo("M1", "active", T0 + 2, 2), T0 + 2));
            assertThat(trades(h)).as("the event is not known yet").isEmpty();
            assertThat(h.getSideOutput(MarketFunction.MARKETS)).isNull();

            h.processElement(
                    new StreamRecord<>(
                            IngestedMessage.eventKnown("kalshi:M1", "kalshi:E"), T0 + 5));

            assertThat(h.getSideOutput(MarketFunction.MARKETS)).hasSize(1);
            assertThat(trades(h)).extracting(Trade::getTradeId).containsExactly("kalshi:early");
            h.processElement(new StreamRecord<>(trade("M1", "next", T0 + 6, 3), T0 + 7));
            assertThat(trades(h)).hasSize(2);
        }
    }

    @Test
    void inputStillWaitingWhenTheWatermarkPassesTheTimeoutIsQuarantined() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(marketInfo("M9", "active", T0, 1), T0));
            h.processElement(new StreamRecord<>(trade("M9", "t", T0 + 1, 2), T0 + 2));
            h.processWatermark(T0 + 9 * MINUTE);
            assertThat(h.getSideOutput(MarketFunction.QUARANTINE)).isNull();

            h.processWatermark(T0 + 11 * MINUTE);

            assertThat(h.getSideOutput(MarketFunction.QUARANTINE))
                    .extracting(r -> r.getValue().getReason())
                    .containsExactly(ReasonCode.ORPHAN_MARKET, ReasonCode.UNKNOWN_MARKET);
            assertThat(trades(h)).isEmpty();
            // The signal arriving after the timeout finds nothing left to release.
            h.processElement(
                    new StreamRecord<>(
                            IngestedMessage.eventKnown("kalshi:M9", "kalshi:E"), T0 + 11 * MINUTE));
            assertThat(h.getSideOutput(MarketFunction.MARKETS)).isNull();
        }
    }
}
