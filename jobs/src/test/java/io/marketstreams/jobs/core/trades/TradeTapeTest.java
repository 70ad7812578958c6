package io.marketstreams.jobs.core.trades;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TradeTapeTest {
    private static final Set<String> BINARY = Set.of("YES", "NO");
    private static final long T0 = 1_767_225_600_000L;
    private static final long HOUR = 3_600_000L;

    private final TradeTape tape = new TradeTape(Duration.ofHours(24), Duration.ofHours(1));
    private final InMemoryTradeTapeState state = new InMemoryTradeTapeState();
    private final List<Long> emittedSequences = new ArrayList<>();

    static VenueMessage trade(String id, long eventTime, long price, long quantity) {
        return VenueMessage.newBuilder()
                .setVenueId("kalshi")
                .setVenueSequence(7L)
                .setVenueEventTime(eventTime)
                .setIngestTime(eventTime + 3)
                .setPayload(
                        TradeReport.newBuilder()
                                .setVenueTradeId(id)
                                .setVenueMarketId("KXFED-25DEC-T4.00")
                                .setOutcomeId("YES")
                                .setPrice(price)
                                .setQuantity(quantity)
                                .setTakerSide(TakerSide.BUY)
                                .build())
                .build();
    }

    private TradeDecision process(VenueMessage message) {
        TradeDecision decision =
                tape.process(message, (TradeReport) message.getPayload(), BINARY, state);
        if (decision instanceof TradeDecision.Emit emit) {
            emittedSequences.add(emit.trade().getTradeSequence());
        }
        return decision;
    }

    /** Internal-state validator, run after every test: what the tape state must always satisfy. */
    @AfterEach
    void stateIsConsistent() {
        TapeCursor cursor = state.cursor();
        if (cursor == null) {
            assertThat(state.rememberedIds()).isZero();
            return;
        }
        for (int i = 0; i < emittedSequences.size(); i++) {
            assertThat(emittedSequences.get(i)).isEqualTo(i + 1L);
        }
        assertThat(cursor.lastTradeSequence).isEqualTo(emittedSequences.size());
        assertThat(cursor.segmentBuckets).isSorted().doesNotHaveDuplicates();
        assertThat(cursor.segmentStarts).isSorted().doesNotHaveDuplicates();
        assertThat(cursor.segmentBuckets.length).isEqualTo(cursor.segmentStarts.length);
        long remembered =
                cursor.segmentStarts.length == 0
                        ? 0
                        : cursor.lastTradeSequence - cursor.segmentStarts[0] + 1;
        assertThat((long) state.rememberedIds()).isEqualTo(remembered);
    }

    @Test
    void acceptedTradesAreNumberedPerMarketFromOne() {
        Trade first = ((TradeDecision.Emit) process(trade("a", T0, 420_000, 5_000_000))).trade();
        Trade second =
                ((TradeDecision.Emit) process(trade("b", T0 + 10, 430_000, 1_000_000))).trade();

        assertThat(first.getTradeSequence()).isEqualTo(1);
        assertThat(second.getTradeSequence()).isEqualTo(2);
        assertThat(first.getTradeId()).isEqualTo("kalshi:a");
        assertThat(first.getMarketId()).isEqualTo("kalshi:KXFED-25DEC-T4.00");
        assertThat(first.getPrice()).isEqualTo(420_000);
        assertThat(first.getQuantity()).isEqualTo(5_000_000);
        assertThat(first.getTimestamp()).isEqualTo(T0);
        assertThat(first.getIngestTime()).isEqualTo(T0 + 3);
        assertThat(first.getVenueSequence()).isEqualTo(7L);
    }

    @Test
    void anExactDuplicateIsDroppedEvenWhenRedeliveredLater() {
        process(trade("a", T0, 420_000, 5_000_000));
        VenueMessage redelivery = trade("a", T0, 420_000, 5_000_000);
        redelivery.setIngestTime(T0 + 9_000);
        redelivery.setVenueSequence(99L);

        assertThat(process(redelivery)).isEqualTo(new TradeDecision.ExactDuplicate("kalshi:a"));
        assertThat(state.cursor().lastTradeSequence).isEqualTo(1);
    }

    @Test
    void sameIdWithOtherContentIsAConflictingDuplicate() {
        process(trade("a", T0, 420_000, 5_000_000));

        TradeDecision decision = process(trade("a", T0, 420_000, 6_000_000));

        assertThat(decision).isInstanceOf(TradeDecision.Reject.class);
        assertThat(((TradeDecision.Reject) decision).rejection().reason())
                .isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }

    @Test
    void sameIdAtAnotherTimeIsAConflictingDuplicate() {
        process(trade("a", T0, 420_000, 5_000_000));

        assertThat(reason(process(trade("a", T0 + 1, 420_000, 5_000_000))))
                .isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }

    @Test
    void invalidTradesAreRejectedWithTheirReason() {
        assertThat(reason(process(trade("p0", T0, 0, 1)))).isEqualTo(ReasonCode.PRICE_OUT_OF_RANGE);
        assertThat(reason(process(trade("p1", T0, 1_000_001, 1))))
                .isEqualTo(ReasonCode.PRICE_OUT_OF_RANGE);
        assertThat(reason(process(trade("q0", T0, 500_000, 0))))
                .isEqualTo(ReasonCode.INVALID_QUANTITY);
        assertThat(reason(process(trade("q-", T0, 500_000, -1))))
                .isEqualTo(ReasonCode.INVALID_QUANTITY);

        VenueMessage unknownSide = trade("s", T0, 500_000, 1);
        ((TradeReport) unknownSide.getPayload()).setTakerSide(TakerSide.UNKNOWN);
        assertThat(reason(process(unknownSide))).isEqualTo(ReasonCode.UNKNOWN_TAKER_SIDE);

        VenueMessage unknownOutcome = trade("o", T0, 500_000, 1);
        ((TradeReport) unknownOutcome.getPayload()).setOutcomeId("MAYBE");
        assertThat(reason(process(unknownOutcome))).isEqualTo(ReasonCode.UNKNOWN_OUTCOME);

        assertThat(state.cursor()).isNull();
    }

    @Test
    void priceBoundsAreInclusiveOfOneAndExclusiveOfZero() {
        assertThat(process(trade("min", T0, 1, 1))).isInstanceOf(TradeDecision.Emit.class);
        assertThat(process(trade("max", T0, 1_000_000, 1))).isInstanceOf(TradeDecision.Emit.class);
    }

    @Test
    void outOfOrderTradesWithinTheHorizonAreAccepted() {
        process(trade("late-first", T0 + 10 * HOUR, 420_000, 1));

        assertThat(process(trade("early", T0, 420_000, 1))).isInstanceOf(TradeDecision.Emit.class);
    }

    @Test
    void tradesOlderThanTheHorizonAreQuarantinedNotReEmitted() {
        process(trade("old", T0, 420_000, 1));
        process(trade("new", T0 + 30 * HOUR, 420_000, 1));

        // "old" has been forgotten; its redelivery must not be emitted a second time.
        assertThat(reason(process(trade("old", T0, 420_000, 1))))
                .isEqualTo(ReasonCode.BEYOND_DEDUPE_HORIZON);
    }

    @Test
    void rememberedIdsStayBoundedOnALongTape() {
        TradeTape shortTape = new TradeTape(Duration.ofHours(1), Duration.ofMinutes(10));
        long minute = 60_000L;
        int maxRemembered = 0;
        for (int i = 0; i < 10_000; i++) {
            VenueMessage m = trade("t" + i, T0 + i * minute, 420_000, 1);
            TradeDecision d = shortTape.process(m, (TradeReport) m.getPayload(), BINARY, state);
            assertThat(d).isInstanceOf(TradeDecision.Emit.class);
            emittedSequences.add(((TradeDecision.Emit) d).trade().getTradeSequence());
            maxRemembered = Math.max(maxRemembered, state.rememberedIds());
        }
        // One hour of trades plus at most one 10-minute bucket plus the newest: 71 ids.
        assertThat(maxRemembered).isBetween(60, 71);
    }

    @Test
    void sameInputGivesSameDecisions() {
        List<TradeDecision> first = new ArrayList<>();
        List<TradeDecision> second = new ArrayList<>();
        for (List<TradeDecision> out : List.of(first, second)) {
            TradeTape t = new TradeTape(Duration.ofHours(1), Duration.ofMinutes(10));
            InMemoryTradeTapeState s = new InMemoryTradeTapeState();
            for (int i = 0; i < 500; i++) {
                VenueMessage m = trade("t" + (i % 300), T0 + (i * 7919L % 5_000_000), 420_000, 1);
                out.add(t.process(m, (TradeReport) m.getPayload(), BINARY, s));
            }
        }
        assertThat(first).isEqualTo(second);
    }

    private static ReasonCode reason(TradeDecision decision) {
        assertThat(decision).isInstanceOf(TradeDecision.Reject.class);
        return ((TradeDecision.Reject) decision).rejection().reason();
    }
}
