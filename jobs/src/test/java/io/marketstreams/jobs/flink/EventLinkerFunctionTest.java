package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.flink.OperatorInputs.T0;
import static io.marketstreams.jobs.flink.OperatorInputs.eventLink;
import static io.marketstreams.jobs.flink.OperatorInputs.fedEvent;
import static io.marketstreams.jobs.flink.OperatorInputs.forLinker;
import static io.marketstreams.jobs.flink.OperatorInputs.kalshi;
import static io.marketstreams.jobs.flink.OperatorInputs.kalshiEvent;
import static io.marketstreams.jobs.flink.OperatorInputs.polymarket;
import static io.marketstreams.jobs.flink.OperatorInputs.polymarketEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.jobs.flink.HarnessView.Backend;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.Quarantined;
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
 * The global {@code event-linker} stage in Flink's keyed harness (one key): it buffers venue
 * records and curated link records until the watermark passes them, applies them in event-time
 * order whatever their arrival order, leaves no buffered input and no timer behind, accounts for
 * every link record, and, rebuilt from its {@code log} after a restore, decides the next inputs as
 * the uninterrupted linker does.
 *
 * <p>Inputs: Fed (Kalshi, Polymarket) joined by a curated link and a COMPLEMENT relation; Rain on
 * both venues, joined by the rules; a stale repeat of the Fed link and an invalid link record. Then
 * the Fed link is removed (a split) and a Snow event appears.
 */
class EventLinkerFunctionTest {
    private static final String FED = "KXFED-25DEC";
    private static final long EXPIRY = T0 + 86_400_000L;
    private static final long LAST_OF_PART_ONE = T0 + 460;

    private KeyedOneInputStreamOperatorTestHarness<String, LinkerInput, EventSignal> h;

    private final KeyedStage<LinkerInput, EventSignal> stage =
            new KeyedStage<>(
                    b ->
                            HarnessView.keyed(
                                    new EventLinkerFunction(true, 8_000),
                                    in -> LinkerInput.GLOBAL,
                                    TypeInformation.of(LinkerInput.class),
                                    TypeInformation.of(EventSignal.class),
                                    b));

    @AfterEach
    void stop() throws Exception {
        stage.close();
    }

    /**
     * The inputs up to {@link #LAST_OF_PART_ONE} (new objects each call), arriving as two sources
     * would deliver them: the venue records, then the link records that fall between them.
     */
    private static List<LinkerInput> partOne() throws Exception {
        String rain = "Rain in NYC on December 1";
        List<LinkerInput> in =
                new ArrayList<>(
                        forLinker(
                                fedEvent(100, "Fed in December", "HOLD"),
                                polymarket(
                                        200,
                                        polymarketEvent(
                                                "7001",
                                                "Will the Fed cut?",
                                                "Economics",
                                                null,
                                                "0xfed",
                                                "F")),
                                kalshi(
                                        300,
                                        kalshiEvent("KXRAIN-1DEC", rain, "Climate", EXPIRY, "Y")),
                                polymarket(
                                        400,
                                        polymarketEvent(
                                                "7003", rain, "Climate", EXPIRY, "0xrain", "R"))));
        in.add(eventLink("7001", FED, 1, false, T0 + 150, 0));
        in.add(
                OperatorInputs.marketRelation(
                        "kalshi:KXFED-25DEC-HOLD",
                        "polymarket:0xfed",
                        Relation.COMPLEMENT,
                        T0 + 160,
                        1));
        in.add(eventLink("7001", FED, 1, false, T0 + 450, 2));
        LinkerInput invalid = eventLink("7001", FED, 3, false, LAST_OF_PART_ONE, 3);
        invalid.link = LinkChange.newBuilder(invalid.link).setIdB(null).build();
        in.add(invalid);
        return in;
    }

    /** The Fed link removed (revision 2) at T0+500. */
    private static LinkerInput split() {
        return eventLink("7001", FED, 2, true, T0 + 500, 4);
    }

    /** A Kalshi Snow event at T0+600. */
    private static List<LinkerInput> snow() throws Exception {
        return forLinker(
                kalshi(600, kalshiEvent("KXSNOW-25", "Snow in Boston", "Climate", null, "Y")));
    }

    private void feed(List<LinkerInput> inputs) throws Exception {
        for (LinkerInput in : inputs) {
            h.processElement(
                    in,
                    in.link != null
                            ? in.link.getEffectiveTime()
                            : in.message.message.getIngestTime());
        }
    }

    /** Everything the linker decided so far, per output. */
    private record Decisions(
            List<Event> events,
            List<Object> signals,
            List<Object> relations,
            List<Quarantined> quarantined) {
        static Decisions of(
                KeyedOneInputStreamOperatorTestHarness<String, LinkerInput, EventSignal> h) {
            return new Decisions(
                    HarnessView.side(h, EventLinkerFunction.EVENTS),
                    h.extractOutputValues().stream()
                            .map(
                                    s ->
                                            (Object)
                                                    tuple(
                                                            s.marketId,
                                                            s.venueEventKey,
                                                            s.eventId,
                                                            s.time,
                                                            s.venueTime))
                            .toList(),
                    HarnessView.side(h, EventLinkerFunction.RELATIONS).stream()
                            .map(
                                    u ->
                                            (Object)
                                                    tuple(
                                                            u.eventId,
                                                            u.kind,
                                                            u.orderTime,
                                                            u.ingestTime,
                                                            u.edges()))
                            .toList(),
                    HarnessView.side(h, EventLinkerFunction.QUARANTINE));
        }

        /** What was decided after {@code earlier}. */
        Decisions since(Decisions earlier) {
            return new Decisions(
                    events.subList(earlier.events.size(), events.size()),
                    signals.subList(earlier.signals.size(), signals.size()),
                    relations.subList(earlier.relations.size(), relations.size()),
                    quarantined.subList(earlier.quarantined.size(), quarantined.size()));
        }
    }

    private List<LinkerInput> buffer() throws Exception {
        return HarnessView.list(h, LinkerInput.GLOBAL, StateDescriptors.Linker.buffer());
    }

    private List<LinkerInput> log() throws Exception {
        return HarnessView.list(h, LinkerInput.GLOBAL, StateDescriptors.Linker.log());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void inputsWaitForTheWatermarkAndLeaveNoBufferOrTimerOnceApplied(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        List<LinkerInput> in = partOne();
        feed(in);

        assertThat(HarnessView.side(h, EventLinkerFunction.EVENTS)).isEmpty();
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(buffer()).as("all but the invalid link record").hasSize(in.size() - 1);
        assertThat(h.numEventTimeTimers()).as("one per distinct event time").isEqualTo(7);
        assertThat(HarnessView.side(h, EventLinkerFunction.QUARANTINE))
                .as("invalid at once")
                .hasSize(1);

        h.processWatermark(LAST_OF_PART_ONE);

        assertThat(buffer()).isEmpty();
        assertThat(HarnessView.keysWith(h, StateDescriptors.Linker.buffer())).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(log()).hasSize(in.size() - 1);
        if (backend == Backend.HEAP) {
            assertThat(h.numKeyedStateEntries()).as("log and emitted, no buffer").isEqualTo(2);
        }
        assertThat(h.extractOutputValues())
                .as("each market learns its canonical event once")
                .extracting(s -> s.marketId, s -> s.venueEventKey, s -> s.eventId)
                .containsExactly(
                        tuple(
                                "kalshi:KXFED-25DEC-HOLD",
                                "kalshi:KXFED-25DEC",
                                "kalshi:KXFED-25DEC"),
                        tuple("polymarket:0xfed", "polymarket:7001", "kalshi:KXFED-25DEC"),
                        tuple("kalshi:KXRAIN-1DEC-Y", "kalshi:KXRAIN-1DEC", "kalshi:KXRAIN-1DEC"),
                        tuple("polymarket:0xrain", "polymarket:7003", "kalshi:KXRAIN-1DEC"));
        List<Event> events = HarnessView.side(h, EventLinkerFunction.EVENTS);
        assertThat(HarnessView.map(h, LinkerInput.GLOBAL, StateDescriptors.Linker.emitted()))
                .as("the last record per event id")
                .containsOnlyKeys(events.stream().map(Event::getEventId).distinct().toList());
        assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_APPLIED)).isEqualTo(2);
        assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_STALE)).isEqualTo(1);
        assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_QUARANTINED)).isEqualTo(1);
        assertThat(
                        HarnessView.counter(
                                h,
                                RecordAccounting.Names.OUT_PREFIX
                                        + StreamTopic.EVENTS_DISCOVERED.streamName()))
                .isEqualTo(events.size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void buffersAreAppliedInEventTimeOrderWhateverTheArrivalOrder(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        feed(partOne());
        h.processWatermark(LAST_OF_PART_ONE);
        Decisions inOrder = Decisions.of(h);

        h = stage.start(backend, null);
        List<LinkerInput> reversed = new ArrayList<>(partOne());
        Collections.reverse(reversed);
        feed(reversed);
        h.processWatermark(LAST_OF_PART_ONE);

        assertThat(Decisions.of(h)).isEqualTo(inOrder);
        assertThat(inOrder.events())
                .filteredOn(e -> e.getEventId().equals("kalshi:KXRAIN-1DEC"))
                .last()
                .satisfies(e -> assertThat(e.getVenueEvents()).hasSize(2));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRestoredLinkerDecidesTheNextInputsAsTheUninterruptedOne(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        feed(partOne());
        h.processWatermark(LAST_OF_PART_ONE);
        feed(List.of(split()));
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        Decisions atSnapshot = Decisions.of(h);
        feed(snow());
        h.processWatermark(T0 + 600);
        Decisions uninterrupted = Decisions.of(h).since(atSnapshot);

        h = stage.start(backend, snapshot);
        assertThat(buffer()).as("the split waits in the restored buffer").hasSize(1);
        feed(snow());
        h.processWatermark(T0 + 600);

        assertThat(Decisions.of(h)).isEqualTo(uninterrupted);
        assertThat(uninterrupted.signals())
                .as("the split re-points the Polymarket Fed market to its own event")
                .contains(
                        tuple(
                                "polymarket:0xfed",
                                "polymarket:7001",
                                "polymarket:7001",
                                T0 + 500,
                                T0 + 500));
        assertThat(buffer()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(log()).hasSize(partOne().size() - 1 + 1 + snow().size());
    }
}
