package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.flink.OperatorInputs.CENT;
import static io.marketstreams.jobs.flink.OperatorInputs.CONTRACT;
import static io.marketstreams.jobs.flink.OperatorInputs.T0;
import static io.marketstreams.jobs.flink.OperatorInputs.kalshi;
import static io.marketstreams.jobs.flink.OperatorInputs.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.jobs.flink.HarnessView.Backend;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code raw-frames} stage in Flink's keyed harness (keyed by venue): every frame is accounted
 * for, each market's book messages are numbered contiguously on its connection, the state is one
 * entry per subscription and market (nothing per frame), and the numbering continues after a
 * restore.
 */
class RawFrameFunctionTest {
    private static final String A = "KXA-1";
    private static final String B = "KXB-1";

    private KeyedOneInputStreamOperatorTestHarness<
                    String,
                    Either<Quarantined, IngestedFrame>,
                    Either<Quarantined, IngestedMessage>>
            h;

    private final KeyedStage<
                    Either<Quarantined, IngestedFrame>, Either<Quarantined, IngestedMessage>>
            stage = new KeyedStage<>(OperatorInputs::rawFrames);

    @AfterEach
    void stop() throws Exception {
        stage.close();
    }

    private void feed(IngestedFrame... frames) throws Exception {
        for (IngestedFrame frame : frames) {
            h.processElement(Either.Right(frame), frame.receiveTime);
        }
    }

    private List<VenueMessage> messages() {
        return h.extractOutputValues().stream().map(out -> out.right().message).toList();
    }

    /** (venue market, per-market number, stream) of the book messages emitted, in order. */
    private List<Object> bookNumbers() {
        return messages().stream()
                .filter(
                        m ->
                                m.getPayload() instanceof BookSnapshot
                                        || m.getPayload() instanceof BookDelta)
                .map(m -> (Object) tuple(marketOf(m), m.getVenueSequence(), m.getVenueStreamId()))
                .toList();
    }

    private static String marketOf(VenueMessage m) {
        return m.getPayload() instanceof BookSnapshot s
                ? s.getVenueMarketId()
                : ((BookDelta) m.getPayload()).getVenueMarketId();
    }

    private static IngestedFrame snapshot(long offset, long sid, long seq, String market) {
        return kalshi(
                offset,
                KalshiFrames.orderbookSnapshot(
                        sid, seq, market, List.of(level(30, 5)), List.of(level(65, 7))));
    }

    private static IngestedFrame delta(long offset, long sid, long seq, String market) {
        return kalshi(
                offset,
                KalshiFrames.orderbookDelta(
                        sid, seq, market, "YES", (20 + offset % 10) * CENT, CONTRACT, T0));
    }

    private static IngestedFrame trade(long offset, long sid, long seq, String market) {
        return kalshi(
                offset,
                KalshiFrames.trade(
                        sid, seq, "t" + offset, market, 30 * CENT, CONTRACT, TakerSide.BUY, T0));
    }

    private Map<String, Long> lastSequence() throws Exception {
        return HarnessView.map(h, "kalshi", StateDescriptors.RawFrames.lastSequence());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyFrameIsAccountedForAndBooksAreNumberedPerMarket(Backend backend) throws Exception {
        h = stage.start(backend, null);
        feed(
                kalshi(0, KalshiFrames.subscribed(1, 1, "orderbook_delta")),
                snapshot(1, 1, 1, A),
                snapshot(2, 1, 2, B),
                trade(3, 2, 1, A),
                delta(4, 1, 3, A),
                delta(5, 1, 3, A),
                delta(6, 1, 4, B),
                kalshi(7, "{not json".getBytes(StandardCharsets.UTF_8)),
                OperatorInputs.polymarket(
                        8,
                        PolymarketFrames.book(
                                new PolymarketFrames.Book(
                                        "0xp",
                                        OperatorInputs.token("P", 1),
                                        T0,
                                        List.of(new PriceLevel(40 * CENT, CONTRACT)),
                                        List.of(new PriceLevel(45 * CENT, CONTRACT))))));
        Quarantined unreadable =
                QuarantineRecords.undecodable(
                        ReasonCode.MALFORMED,
                        "no headers",
                        Stages.RAW_FRAMES,
                        null,
                        "raw.kalshi",
                        0,
                        9);
        h.processElement(Either.Left(unreadable), T0);

        assertThat(HarnessView.counter(h, RawFrameFunction.Names.IN)).isEqualTo(10);
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.PARSED)).isEqualTo(6);
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.IGNORED)).isEqualTo(1);
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.DUPLICATES)).isEqualTo(1);
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.QUARANTINED)).isEqualTo(2);
        assertThat(HarnessView.side(h, RawFrameFunction.QUARANTINE))
                .extracting(
                        Quarantined::getReason, Quarantined::getSourceOffset, Quarantined::getStage)
                .containsExactly(
                        tuple(ReasonCode.MALFORMED, 7L, Stages.RAW_FRAMES),
                        tuple(ReasonCode.MALFORMED, 9L, Stages.RAW_FRAMES));

        assertThat(h.extractOutputValues()).allMatch(Either::isRight);
        assertThat(bookNumbers())
                .containsExactly(
                        tuple(A, 1L, "kalshi-1"),
                        tuple(B, 1L, "kalshi-1"),
                        tuple(A, 2L, "kalshi-1"),
                        tuple(B, 2L, "kalshi-1"),
                        // Polymarket numbers nothing: its book passes unnumbered.
                        tuple("0xp", null, "polymarket-1"));
        assertThat(messages())
                .filteredOn(m -> m.getPayload() instanceof TradeReport)
                .singleElement()
                .satisfies(m -> assertThat(m.getRawSource().getOffset()).isEqualTo(3L));
        assertThat(h.extractOutputValues())
                .extracting(out -> out.right().sourceOffset)
                .containsExactly(1L, 2L, 3L, 4L, 6L, 8L);
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stateIsOneEntryPerSubscriptionAndMarketAndNothingPerFrame(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        feed(snapshot(0, 1, 1, A), snapshot(1, 1, 2, B));
        long offset = 2;
        for (long seq = 3; seq < 203; seq++) {
            feed(delta(offset++, 1, seq, seq % 2 == 0 ? A : B));
        }
        for (long seq = 1; seq <= 50; seq++) {
            feed(trade(offset++, 2, seq, A));
        }

        assertThat(lastSequence())
                .containsOnly(Map.entry("kalshi-1/1", 202L), Map.entry("kalshi-1/2", 50L));
        assertThat(HarnessView.map(h, "kalshi", StateDescriptors.RawFrames.marketSequence()))
                .containsOnly(Map.entry("kalshi:" + A, 101L), Map.entry("kalshi:" + B, 101L));
        assertThat(HarnessView.map(h, "kalshi", StateDescriptors.RawFrames.marketSubscription()))
                .containsOnly(
                        Map.entry("kalshi:" + A, "kalshi-1/1"),
                        Map.entry("kalshi:" + B, "kalshi-1/1"));
        assertThat(HarnessView.keysWith(h, StateDescriptors.RawFrames.gapPending())).isEmpty();
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.PARSED)).isEqualTo(252);
        if (backend == Backend.HEAP) {
            assertThat(h.numKeyedStateEntries()).as("three maps of one venue").isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLostFrameIsAGapOnEveryMarketOfItsSubscriptionUntilItsNextBookMessage(Backend backend)
            throws Exception {
        h = stage.start(backend, null);
        feed(snapshot(0, 1, 1, A), snapshot(1, 1, 2, B), delta(2, 1, 4, A));
        var gaps = StateDescriptors.RawFrames.gapPending();
        assertThat(HarnessView.map(h, "kalshi", gaps))
                .as("seq 3 was lost: B has not seen its gap yet")
                .containsOnly(Map.entry("kalshi:" + B, true));

        feed(delta(3, 1, 5, B));

        assertThat(bookNumbers())
                .containsExactly(
                        tuple(A, 1L, "kalshi-1"),
                        tuple(B, 1L, "kalshi-1"),
                        tuple(A, 3L, "kalshi-1"),
                        tuple(B, 3L, "kalshi-1"));
        assertThat(HarnessView.keysWith(h, gaps)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void afterARestoreSubscriptionsKeepTheirNumbersAndRepeatsAreStillDropped(Backend backend)
            throws Exception {
        IngestedFrame[] before = {snapshot(0, 1, 1, A), delta(1, 1, 2, A), trade(2, 2, 1, A)};
        IngestedFrame[] after = {
            delta(3, 1, 2, A), trade(4, 2, 1, A), delta(5, 1, 3, A), delta(6, 1, 5, A)
        };
        h = stage.start(backend, null);
        feed(before);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        feed(after);
        List<Object> uninterrupted = bookNumbers().subList(2, bookNumbers().size());

        h = stage.start(backend, snapshot);
        feed(after);

        assertThat(bookNumbers())
                .isEqualTo(uninterrupted)
                .containsExactly(tuple(A, 3L, "kalshi-1"), tuple(A, 5L, "kalshi-1"));
        assertThat(HarnessView.counter(h, RawFrameFunction.Names.DUPLICATES)).isEqualTo(2);
        assertThat(lastSequence())
                .containsOnly(Map.entry("kalshi-1/1", 5L), Map.entry("kalshi-1/2", 1L));
    }
}
