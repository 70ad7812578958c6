package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.flink.OperatorInputs.fedEvent;
import static io.marketstreams.jobs.flink.OperatorInputs.polymarket;
import static io.marketstreams.jobs.flink.OperatorInputs.polymarketEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.flink.HarnessView.Backend;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.venue.EventInfo;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code event-catalog} stage in Flink's keyed harness (keyed by venue event): it forwards a
 * venue event when it is new or its description changed and each market once, counts unchanged
 * repeats as duplicates, keeps one entry per venue event and per forwarded market, and recognises
 * repeats after a restore.
 */
class EventCatalogFunctionTest {
    private static final String FED = "kalshi:KXFED-25DEC";
    private static final String POLY_FED = "polymarket:7001";

    private KeyedOneInputStreamOperatorTestHarness<String, IngestedMessage, LinkerInput> h;

    private final KeyedStage<IngestedMessage, LinkerInput> stage =
            new KeyedStage<>(
                    b ->
                            HarnessView.keyed(
                                    new EventCatalogFunction(),
                                    m -> MarketIds.venueEventKeyOf(m.message),
                                    TypeInformation.of(IngestedMessage.class),
                                    TypeInformation.of(LinkerInput.class),
                                    b));

    @AfterEach
    void stop() throws Exception {
        stage.close();
    }

    /** Event frames: what the router sends to the catalog (events, market infos) for them. */
    private static List<IngestedMessage> firstSightings() throws Exception {
        return OperatorInputs.messages(
                fedEvent(0, "Fed in December", "HOLD", "CUT"),
                polymarket(
                        1,
                        polymarketEvent(
                                "7001", "Will the Fed cut?", "Economics", null, "0xfed", "F")),
                fedEvent(2, "Fed in December", "HOLD", "CUT"));
    }

    private static List<IngestedMessage> correction() throws Exception {
        return OperatorInputs.messages(
                fedEvent(3, "Fed decision in December", "HOLD", "CUT", "HIKE"));
    }

    private void feed(List<IngestedMessage> records) throws Exception {
        for (IngestedMessage m : records) {
            h.processElement(m, m.message.getIngestTime());
        }
    }

    /** What was forwarded to the linker: (venue event key or market id, source offset). */
    private List<Object> forwarded() {
        return h.extractOutputValues().stream()
                .map(
                        in ->
                                (Object)
                                        tuple(
                                                in.message.message.getPayload() instanceof EventInfo
                                                        ? MarketIds.venueEventKeyOf(
                                                                in.message.message)
                                                        : in.message.marketId,
                                                in.message.sourceOffset))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forwardsNewAndChangedEventsAndEachMarketOnce(Backend backend) throws Exception {
        h = stage.start(backend, null);
        feed(firstSightings());
        feed(correction());

        assertThat(forwarded())
                .containsExactly(
                        tuple(FED, 0L),
                        tuple("kalshi:KXFED-25DEC-HOLD", 0L),
                        tuple("kalshi:KXFED-25DEC-CUT", 0L),
                        tuple(POLY_FED, 1L),
                        tuple("polymarket:0xfed", 1L),
                        tuple(FED, 3L),
                        tuple("kalshi:KXFED-25DEC-HIKE", 3L));
        assertThat(HarnessView.counter(h, RecordAccounting.Names.EMITTED)).isEqualTo(3);
        assertThat(HarnessView.counter(h, RecordAccounting.Names.DUPLICATES))
                .as("the unchanged repeat at offset 2")
                .isEqualTo(1);

        var events = StateDescriptors.EventCatalog.event();
        var markets = StateDescriptors.EventCatalog.markets();
        assertThat(HarnessView.keysWith(h, events)).containsExactly(FED, POLY_FED);
        assertThat(HarnessView.keysWith(h, markets)).containsExactly(FED, POLY_FED);
        assertThat(HarnessView.map(h, FED, markets))
                .containsOnlyKeys(
                        "kalshi:KXFED-25DEC-HOLD",
                        "kalshi:KXFED-25DEC-CUT",
                        "kalshi:KXFED-25DEC-HIKE");
        assertThat(HarnessView.map(h, POLY_FED, markets)).containsOnlyKeys("polymarket:0xfed");
        Event fed = HarnessView.value(h, FED, events);
        assertThat(fed.getRevision()).isEqualTo(2);
        assertThat(fed.getEventName()).isEqualTo("Fed decision in December");
        if (backend == Backend.HEAP) {
            assertThat(h.numKeyedStateEntries()).as("two states of two venue events").isEqualTo(4);
        }
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void afterARestoreRepeatsAreStillDuplicatesAndMarketsAreNotForwardedAgain(Backend backend)
            throws Exception {
        List<IngestedMessage> first = firstSightings();
        h = stage.start(backend, null);
        feed(first.subList(0, 5));
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        feed(first.subList(5, first.size()));
        feed(correction());
        List<Object> uninterrupted = forwarded().subList(5, forwarded().size());

        h = stage.start(backend, snapshot);
        feed(first.subList(5, first.size()));
        feed(correction());

        assertThat(forwarded())
                .isEqualTo(uninterrupted)
                .containsExactly(tuple(FED, 3L), tuple("kalshi:KXFED-25DEC-HIKE", 3L));
        assertThat(HarnessView.counter(h, RecordAccounting.Names.DUPLICATES)).isEqualTo(1);
        assertThat(HarnessView.value(h, FED, StateDescriptors.EventCatalog.event()).getRevision())
                .isEqualTo(2);
    }
}
