package io.marketstreams.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.client.Checksum;
import io.marketstreams.savepoints.SavepointVerification.Status;
import io.marketstreams.savepoints.SavepointVerification.Verdict;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.SnapshotReason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The comparison rules of {@link SavepointVerification#compare} on hand-made replays: equal books
 * and markets pass; a replay ahead of the savepoint is a mismatch, unless the savepoint holds input
 * of the market that the end of the replay decided and the replay's book at the savepoint's
 * sequence is the savepoint's; books of cleaned markets are counted, not compared.
 */
class SavepointVerificationTest {
    private static final String MARKET = "kalshi:M-1";
    private static final String BOOK = MARKET + "|YES";
    private static final long BID = 500_000L;
    private static final long BID_QTY = 10_000_000L;
    private static final long BID2 = 490_000L;
    private static final long BID2_QTY = 5_000_000L;

    @Test
    void equalBooksAndMarketsVerify() {
        SavepointVerification.Report report =
                SavepointVerification.compare(
                        List.of(bookAtSequence2()),
                        List.of(market("HALTED", 1, 0)),
                        Map.of(),
                        replay());

        assertThat(report.ok()).isTrue();
        assertThat(report.verdicts())
                .extracting(Verdict::kind, Verdict::key, Verdict::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("book", BOOK, Status.OK),
                        org.assertj.core.groups.Tuple.tuple("market", MARKET, Status.OK));
    }

    @Test
    void aReplayAheadOfTheSavepointIsAMismatch() {
        SavepointVerification.Report report =
                SavepointVerification.compare(
                        List.of(bookAtSequence1()),
                        List.of(market("HALTED", 1, 0)),
                        Map.of(),
                        replay());

        assertThat(report.ok()).isFalse();
        assertThat(report.with(Status.MISMATCH))
                .singleElement()
                .extracting(Verdict::detail)
                .isEqualTo("sequence 1 in the savepoint, 2 in the replay");
    }

    @Test
    void aReplayAheadOnlyByHeldInputIsHeldWhenEqualAtTheSavepointsSequence() {
        SavepointVerification.Report report =
                SavepointVerification.compare(
                        List.of(bookAtSequence1()),
                        List.of(market("OPEN", 0, 2)),
                        Map.of(),
                        replay());

        assertThat(report.ok()).isTrue();
        assertThat(report.with(Status.HELD))
                .extracting(Verdict::kind)
                .containsExactly("book", "market");

        // Held input excuses a replay that went further, not a different past.
        BookRow tampered = withChecksum(bookAtSequence1(), 7);
        SavepointVerification.Report different =
                SavepointVerification.compare(
                        List.of(tampered), List.of(market("OPEN", 0, 2)), Map.of(), replay());
        assertThat(different.with(Status.MISMATCH))
                .singleElement()
                .extracting(Verdict::detail)
                .isEqualTo("sequence 1 in the savepoint, 2 in the replay");
    }

    @Test
    void booksOfCleanedMarketsAreCountedNotCompared() {
        MarketRow cleaned = cleaned(market("HALTED", 1, 0));
        SavepointVerification.Report report =
                SavepointVerification.compare(List.of(), List.of(cleaned), Map.of(), replay());
        assertThat(report.ok()).isTrue();
        assertThat(report.cleanedBooks()).isEqualTo(1);

        SavepointVerification.Report missing =
                SavepointVerification.compare(
                        List.of(), List.of(market("HALTED", 1, 0)), Map.of(), replay());
        assertThat(missing.with(Status.MISMATCH))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.key()).isEqualTo(BOOK);
                            assertThat(v.detail()).endsWith("not in the savepoint");
                        });
    }

    @Test
    void aMarketInAnotherStateOrOnlyInTheReplayIsAMismatch() {
        SavepointVerification.Report report =
                SavepointVerification.compare(
                        List.of(bookAtSequence2()),
                        List.of(market("OPEN", 0, 0)),
                        Map.of(),
                        replay());
        assertThat(report.with(Status.MISMATCH))
                .singleElement()
                .extracting(Verdict::detail)
                .isEqualTo("state OPEN#0 in the savepoint, HALTED#1 in the replay");

        SavepointVerification.Report absent =
                SavepointVerification.compare(
                        List.of(bookAtSequence2()), List.of(), Map.of(), replay());
        assertThat(absent.with(Status.MISMATCH))
                .singleElement()
                .extracting(Verdict::detail)
                .isEqualTo("discovered in the replay, not in the savepoint");
    }

    /** A book that got a snapshot at 1 and a delta at 2, a market discovered OPEN then halted. */
    private static InputReplay.Result replay() {
        long sum1 = Checksum.level(true, BID, BID_QTY);
        long sum2 = sum1 + Checksum.level(true, BID2, BID2_QTY);
        OrderBookSnapshot snapshot =
                OrderBookSnapshot.newBuilder()
                        .setMarketId(MARKET)
                        .setOutcomeId("YES")
                        .setVenueId("kalshi")
                        .setSequenceStart(1)
                        .setBids(List.of(new PriceLevel(BID, BID_QTY)))
                        .setAsks(List.of())
                        .setChecksum(sum1)
                        .setReason(SnapshotReason.INITIAL)
                        .setHealth(BookHealth.LIVE)
                        .setVenueSequence(null)
                        .setVenueEventTime(1)
                        .setIngestTime(1)
                        .build();
        OrderBookDelta delta =
                OrderBookDelta.newBuilder()
                        .setMarketId(MARKET)
                        .setOutcomeId("YES")
                        .setVenueId("kalshi")
                        .setSequenceNumber(2)
                        .setMutations(
                                List.of(
                                        new LevelMutation(
                                                MutationAction.ADD, BookSide.BID, BID2, BID2_QTY)))
                        .setChecksum(sum2)
                        .setHealth(BookHealth.LIVE)
                        .setVenueSequence(null)
                        .setVenueEventTime(2)
                        .setIngestTime(2)
                        .build();
        List<Object> records = List.of(snapshot, delta);
        BookReplica replica = new BookReplica(BOOK);
        records.forEach(r -> InputReplay.apply(replica, r));
        Market market =
                Market.newBuilder()
                        .setMarketId(MARKET)
                        .setEventId("kalshi:E-1")
                        .setVenueId("kalshi")
                        .setVenueMarketId("M-1")
                        .setMarketDescription("a market")
                        .setMarketType(MarketType.BINARY)
                        .setInitialState(MarketState.OPEN)
                        .setOutcomes(List.of(new Outcome("YES", "Yes", "YES")))
                        .setVenueEventTime(0)
                        .setIngestTime(0)
                        .build();
        MarketStateChange halt =
                MarketStateChange.newBuilder()
                        .setMarketId(MARKET)
                        .setStateSequence(1)
                        .setPreviousState(MarketState.OPEN)
                        .setNewState(MarketState.HALTED)
                        .setTimestamp(3)
                        .setReason("VENUE_PAUSED")
                        .setIngestTime(3)
                        .build();
        return new InputReplay.Result(
                new TreeMap<>(Map.of(BOOK, replica)),
                Map.of(BOOK, records),
                Map.of(MARKET, market),
                Map.of(MARKET, halt),
                Map.of());
    }

    private static BookRow bookAtSequence1() {
        return new BookRow(
                BOOK,
                1,
                "LIVE",
                new long[] {BID},
                new long[] {BID_QTY},
                new long[0],
                new long[0],
                Checksum.level(true, BID, BID_QTY),
                "OPEN");
    }

    private static BookRow bookAtSequence2() {
        return new BookRow(
                BOOK,
                2,
                "LIVE",
                new long[] {BID, BID2},
                new long[] {BID_QTY, BID2_QTY},
                new long[0],
                new long[0],
                Checksum.level(true, BID, BID_QTY) + Checksum.level(true, BID2, BID2_QTY),
                "HALTED");
    }

    private static BookRow withChecksum(BookRow b, long checksum) {
        return new BookRow(
                b.key(),
                b.sequence(),
                b.health(),
                b.bidPrices(),
                b.bidQty(),
                b.askPrices(),
                b.askQty(),
                checksum,
                b.lifecycle());
    }

    private static MarketRow market(String state, long stateSequence, int pending) {
        return new MarketRow(
                MARKET,
                true,
                "kalshi:E-1",
                state,
                stateSequence,
                3L,
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                1,
                pending,
                false,
                null,
                false,
                1,
                null,
                null);
    }

    private static MarketRow cleaned(MarketRow m) {
        return new MarketRow(
                m.marketId(),
                m.discovered(),
                m.eventId(),
                m.state(),
                m.stateSequence(),
                m.stateTime(),
                m.stateReason(),
                m.metadataRevision(),
                m.resolutionRevision(),
                m.resolvedOutcomeId(),
                m.resolutionConfidence(),
                m.resolutionTime(),
                m.resolutionSource(),
                m.knownEvents(),
                m.pending(),
                true,
                10L,
                true,
                0,
                m.lastTradePrice(),
                m.lastTradeOutcomeId());
    }
}
