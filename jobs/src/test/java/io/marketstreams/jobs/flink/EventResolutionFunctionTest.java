package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.core.catalog.EventMarketUpdate.Kind.DISCOVERED;
import static io.marketstreams.jobs.core.catalog.EventMarketUpdate.Kind.DISPUTED;
import static io.marketstreams.jobs.core.catalog.EventMarketUpdate.Kind.RESOLVED;
import static io.marketstreams.jobs.flink.OperatorInputs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.catalog.EventResolutionState;
import io.marketstreams.jobs.core.catalog.RelationEdge;
import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.jobs.flink.HarnessView.Backend;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code event-resolution} stage in Flink's keyed harness (keyed by canonical event): updates
 * from many market keys wait until the watermark passes their order time and are applied in that
 * order whatever their arrival order; then no update is buffered and no timer is left, only each
 * event's resolution state; and a restored stage continues identically.
 *
 * <p>Inputs: Fed, a Kalshi market and its COMPLEMENT on Polymarket, both determined then final
 * (consistently: YES and NO), then a dispute that comes after FINAL; Rain, one market, final.
 */
class EventResolutionFunctionTest {
    private static final String FED = "kalshi:KXFED-25DEC";
    private static final String HOLD = "kalshi:KXFED-25DEC-HOLD";
    private static final String CUT = "polymarket:0xfed";
    private static final String RAIN = "kalshi:KXRAIN-1DEC";
    private static final long LAST = T0 + 500;

    private KeyedOneInputStreamOperatorTestHarness<String, EventMarketUpdate, EventResolution> h;

    private final KeyedStage<EventMarketUpdate, EventResolution> stage =
            new KeyedStage<>(
                    b ->
                            HarnessView.keyed(
                                    new EventResolutionFunction(),
                                    u -> u.eventId,
                                    TypeInformation.of(EventMarketUpdate.class),
                                    TypeInformation.of(EventResolution.class),
                                    b));

    @AfterEach
    void stop() throws Exception {
        stage.close();
    }

    private static EventMarketUpdate market(
            String event, String market, EventMarketUpdate.Kind kind, long time, long sequence) {
        return EventMarketUpdate.fromMarket(event, market, kind, time, sequence, time + 1, null);
    }

    private static EventMarketUpdate resolved(
            String event,
            String market,
            String outcome,
            ResolutionConfidence c,
            long time,
            long seq) {
        MarketResolution resolution =
                MarketResolution.newBuilder()
                        .setMarketId(market)
                        .setEventId(event)
                        .setRevision((int) seq)
                        .setResolvedOutcomeId(outcome)
                        .setPayoutValue(outcome.equals("YES") ? 1_000_000L : 0L)
                        .setPayouts(List.of())
                        .setResolutionTime(time)
                        .setConfidenceLevel(c)
                        .setResolutionSource(market.split(":")[0])
                        .setIngestTime(time + 1)
                        .build();
        return EventMarketUpdate.fromMarket(
                event, market, RESOLVED, time, seq, time + 1, resolution);
    }

    /** Every update, in order time (new objects each call). */
    private static List<EventMarketUpdate> updates() {
        var determined = ResolutionConfidence.DETERMINED;
        var fin = ResolutionConfidence.FINAL;
        return List.of(
                market(FED, HOLD, DISCOVERED, T0 + 100, 1),
                market(RAIN, "kalshi:KXRAIN-1DEC-Y", DISCOVERED, T0 + 100, 1),
                market(FED, CUT, DISCOVERED, T0 + 110, 1),
                EventMarketUpdate.relations(
                        FED,
                        T0 + 120,
                        T0 + 121,
                        List.of(RelationEdge.of(HOLD, CUT, Relation.COMPLEMENT))),
                resolved(FED, HOLD, "YES", determined, T0 + 200, 2),
                resolved(RAIN, "kalshi:KXRAIN-1DEC-Y", "NO", fin, T0 + 250, 2),
                resolved(FED, CUT, "NO", determined, T0 + 300, 2),
                resolved(FED, CUT, "NO", fin, T0 + 400, 3),
                resolved(FED, HOLD, "YES", fin, T0 + 400, 3),
                market(FED, CUT, DISPUTED, LAST, 4));
    }

    private void feed(List<EventMarketUpdate> updates) throws Exception {
        for (EventMarketUpdate u : updates) {
            h.processElement(u, u.orderTime);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updatesWaitForTheWatermarkAndLeaveOnlyTheResolutionBehind(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        feed(updates());
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(HarnessView.list(h, FED, StateDescriptors.EventResolution.buffer())).hasSize(8);
        assertThat(h.numEventTimeTimers()).as("one per event and distinct order time").isEqualTo(9);

        h.processWatermark(LAST);

        assertThat(h.extractOutputValues())
                .extracting(
                        EventResolution::getEventId,
                        EventResolution::getRevision,
                        EventResolution::getFinalityStatus,
                        EventResolution::getResolvedOutcome)
                .containsExactly(
                        tuple(RAIN, 1, FinalityStatus.FINAL, "NO"),
                        tuple(FED, 1, FinalityStatus.TENTATIVE, "YES"),
                        tuple(FED, 2, FinalityStatus.TENTATIVE, "YES"),
                        tuple(FED, 3, FinalityStatus.FINAL, "YES"));
        assertThat(HarnessView.keysWith(h, StateDescriptors.EventResolution.buffer())).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        var resolution = StateDescriptors.EventResolution.resolution();
        assertThat(HarnessView.keysWith(h, resolution)).containsExactly(FED, RAIN);
        EventResolutionState fed = HarnessView.value(h, FED, resolution);
        assertThat(fed.finalized).isTrue();
        assertThat(fed.markets).containsOnlyKeys(HOLD, CUT);
        assertThat(fed.markets.get(CUT).disputed).as("a dispute after FINAL is ignored").isFalse();
        if (backend == Backend.HEAP) {
            assertThat(h.numKeyedStateEntries()).as("one resolution per event").isEqualTo(2);
        }
        String out = RecordAccounting.Names.OUT_PREFIX + StreamTopic.EVENTS_RESOLVED.streamName();
        assertThat(HarnessView.counter(h, out)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updatesAreAppliedInOrderTimeWhateverTheArrivalOrder(Backend backend) throws Exception {
        h = stage.start(backend, null);
        feed(updates());
        h.processWatermark(LAST);
        List<EventResolution> inOrder = h.extractOutputValues();

        List<EventMarketUpdate> reversed = new ArrayList<>(updates());
        Collections.reverse(reversed);
        h = stage.start(backend, null);
        feed(reversed);
        h.processWatermark(LAST);

        assertThat(h.extractOutputValues()).isEqualTo(inOrder).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRestoredStageContinuesAsTheUninterruptedOne(Backend backend) throws Exception {
        h = stage.start(backend, null);
        feed(updates());
        h.processWatermark(T0 + 250);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        int before = h.extractOutputValues().size();
        h.processWatermark(LAST);
        List<EventResolution> all = h.extractOutputValues();
        List<EventResolution> uninterrupted = all.subList(before, all.size());

        h = stage.start(backend, snapshot);
        assertThat(h.numEventTimeTimers()).as("the buffered updates' timers").isEqualTo(3);
        h.processWatermark(LAST);

        assertThat(h.extractOutputValues())
                .isEqualTo(uninterrupted)
                .extracting(EventResolution::getRevision)
                .containsExactly(1, 2, 3);
        assertThat(HarnessView.keysWith(h, StateDescriptors.EventResolution.buffer())).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
