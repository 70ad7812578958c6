package io.marketstreams.jobs.core.book;

import static io.marketstreams.jobs.core.book.BookScenario.absolute;
import static io.marketstreams.jobs.core.book.BookScenario.delta;
import static io.marketstreams.jobs.core.book.BookScenario.ladder;
import static io.marketstreams.jobs.core.book.BookScenario.signed;
import static io.marketstreams.jobs.core.book.BookScenario.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketBooksTest {
    private final BookScenario kalshi = new BookScenario("kalshi", 100, 1000);

    private void kalshiSnapshot(long seq) {
        kalshi.send(
                seq,
                snapshot(
                        List.of(
                                ladder("YES", BookSide.BID, 420_000, 100, 400_000, 50),
                                ladder("NO", BookSide.BID, 550_000, 30))));
    }

    @Test
    void firstVenueSnapshotGivesInitialSnapshotsOfBothKalshiBooks() {
        kalshiSnapshot(1);

        assertThat(kalshi.snapshots).hasSize(2);
        assertThat(kalshi.snapshots)
                .allSatisfy(
                        s -> {
                            assertThat(s.getReason()).isEqualTo(SnapshotReason.INITIAL);
                            assertThat(s.getSequenceStart()).isEqualTo(1);
                            assertThat(s.getHealth()).isEqualTo(BookHealth.LIVE);
                        });
        assertThat(kalshi.book("YES").askPrices).containsExactly(450_000);
        assertThat(kalshi.book("NO").askPrices).containsExactly(580_000, 600_000);
    }

    @Test
    void inOrderDeltasApplyOnBothBooksWithContiguousSequences() {
        kalshiSnapshot(1);
        kalshi.send(2L, delta(signed("NO", BookSide.BID, 550_000, -10)));
        kalshi.send(3L, delta(signed("YES", BookSide.BID, 430_000, 5)));

        List<OrderBookDelta> yes =
                kalshi.deltas.stream().filter(d -> d.getOutcomeId().equals("YES")).toList();
        assertThat(yes).extracting(OrderBookDelta::getSequenceNumber).containsExactly(2L, 3L);
        assertThat(yes.get(0).getMutations())
                .containsExactly(
                        new LevelMutation(MutationAction.MODIFY, BookSide.ASK, 450_000L, 20L));
        assertThat(yes.get(1).getMutations())
                .containsExactly(new LevelMutation(MutationAction.ADD, BookSide.BID, 430_000L, 5L));
        assertThat(kalshi.replica("NO").levels(BookSide.ASK).get(0).getPrice()).isEqualTo(570_000);
    }

    @Test
    void repeatedOrOldSequencesAreDroppedAndCounted() {
        kalshiSnapshot(1);
        kalshi.send(2L, delta(signed("NO", BookSide.BID, 550_000, -10)));
        kalshi.send(2L, delta(signed("NO", BookSide.BID, 550_000, -10)));
        kalshi.send(1L, delta(signed("NO", BookSide.BID, 550_000, -10)));
        kalshiSnapshot(1);

        assertThat(kalshi.duplicates).isEqualTo(3);
        assertThat(kalshi.book("NO").bidQty).containsExactly(20);
    }

    @Test
    void aVenueGapTurnsBooksResyncingUntilTheNextVenueSnapshot() {
        kalshiSnapshot(1);
        kalshi.send(2L, delta(signed("NO", BookSide.BID, 550_000, -10)));

        MarketBooks.Result gap = kalshi.send(4L, delta(signed("NO", BookSide.BID, 550_000, -10)));
        assertThat(gap.rejection().reason()).isEqualTo(ReasonCode.SEQUENCE_GAP);
        assertThat(gap.deltas())
                .hasSize(2)
                .allSatisfy(
                        d -> {
                            assertThat(d.getHealth()).isEqualTo(BookHealth.RESYNCING);
                            assertThat(d.getMutations()).isEmpty();
                            assertThat(d.getSequenceNumber()).isEqualTo(3);
                        });

        MarketBooks.Result skipped =
                kalshi.send(5L, delta(signed("YES", BookSide.BID, 420_000, 1)));
        assertThat(skipped.rejection().reason()).isEqualTo(ReasonCode.RESYNCING);
        assertThat(skipped.deltas()).isEmpty();

        kalshiSnapshot(6);
        assertThat(kalshi.snapshots.subList(2, 4))
                .allSatisfy(
                        s -> {
                            assertThat(s.getReason()).isEqualTo(SnapshotReason.RESYNC);
                            assertThat(s.getSequenceStart()).isEqualTo(4);
                        });
        assertThat(kalshi.book("YES").health).isEqualTo(BookHealth.LIVE);
        // Back in order after the resync.
        assertThat(kalshi.send(7L, delta(signed("YES", BookSide.BID, 420_000, 1))).disposition())
                .isEqualTo(MarketBooks.Disposition.APPLIED);
    }

    @Test
    void aNewVenueStreamWithoutSnapshotIsAGap() {
        kalshiSnapshot(1);
        var message =
                io.marketstreams.schema.venue.VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueSequence(2L)
                        .setVenueStreamId("sid-2")
                        .setVenueEventTime(kalshi.time)
                        .setIngestTime(kalshi.time)
                        .setPayload(delta(signed("NO", BookSide.BID, 550_000, -10)))
                        .build();

        assertThat(kalshi.send(message).rejection().reason()).isEqualTo(ReasonCode.SEQUENCE_GAP);
    }

    @Test
    void deltasBeforeAnySnapshotAreQuarantinedAsResyncing() {
        assertThat(
                        kalshi.send(1L, delta(signed("NO", BookSide.BID, 550_000, 10)))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.RESYNCING);
        assertThat(kalshi.deltas).isEmpty();
    }

    @Test
    void aDeltaThatWouldCrossTheBookIsRejectedWholeAndBooksResync() {
        kalshiSnapshot(1);
        // YES bid at 0.46 would cross the YES ask at 0.45 (1 - NO bid 0.55).
        MarketBooks.Result crossed =
                kalshi.send(2L, delta(signed("YES", BookSide.BID, 460_000, 5)));

        assertThat(crossed.rejection().reason()).isEqualTo(ReasonCode.CROSSED_BOOK);
        assertThat(kalshi.book("YES").health).isEqualTo(BookHealth.RESYNCING);
        assertThat(kalshi.book("YES").bidPrices).containsExactly(420_000, 400_000);
    }

    @Test
    void negativeSizesAndOutOfRangePricesAreRejected() {
        kalshiSnapshot(1);
        assertThat(
                        kalshi.send(2L, delta(signed("NO", BookSide.BID, 550_000, -31)))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.INVALID_QUANTITY);

        BookScenario poly = new BookScenario("polymarket", 100, 1000);
        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5))));
        assertThat(
                        poly.send(null, delta(absolute("YES", BookSide.ASK, 1_000_001, 5)))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.PRICE_OUT_OF_RANGE);
        assertThat(
                        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 0))))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.INVALID_QUANTITY);
    }

    @Test
    void levelLimitIsEnforced() {
        BookScenario poly = new BookScenario("polymarket", 2, 1000);
        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5, 470_000, 5))));

        assertThat(
                        poly.send(null, delta(absolute("YES", BookSide.BID, 460_000, 5)))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.LEVEL_LIMIT);
    }

    @Test
    void polymarketAbsoluteSizesWithZeroRemoving() {
        BookScenario poly = new BookScenario("polymarket", 100, 1000);
        poly.send(
                null,
                snapshot(
                        List.of(
                                ladder("YES", BookSide.BID, 480_000, 5, 490_000, 7),
                                ladder("YES", BookSide.ASK, 510_000, 4))));

        MarketBooks.Result r =
                poly.send(
                        null,
                        delta(
                                absolute("YES", BookSide.BID, 490_000, 0),
                                absolute("YES", BookSide.BID, 495_000, 3),
                                absolute("YES", BookSide.ASK, 510_000, 9)));

        assertThat(r.deltas())
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.getMutations())
                                        .containsExactly(
                                                new LevelMutation(
                                                        MutationAction.REMOVE,
                                                        BookSide.BID,
                                                        490_000L,
                                                        0L),
                                                new LevelMutation(
                                                        MutationAction.ADD,
                                                        BookSide.BID,
                                                        495_000L,
                                                        3L),
                                                new LevelMutation(
                                                        MutationAction.MODIFY,
                                                        BookSide.ASK,
                                                        510_000L,
                                                        9L)));
    }

    @Test
    void aTransientCrossInsideOneMessageIsFine() {
        BookScenario poly = new BookScenario("polymarket", 100, 1000);
        poly.send(
                null,
                snapshot(
                        List.of(
                                ladder("YES", BookSide.BID, 480_000, 5),
                                ladder("YES", BookSide.ASK, 510_000, 4))));

        // The bid moves above the old ask, and the same message lifts the ask: valid as a whole.
        MarketBooks.Result r =
                poly.send(
                        null,
                        delta(
                                absolute("YES", BookSide.BID, 515_000, 1),
                                absolute("YES", BookSide.ASK, 510_000, 0),
                                absolute("YES", BookSide.ASK, 520_000, 2)));

        assertThat(r.disposition()).isEqualTo(MarketBooks.Disposition.APPLIED);
    }

    @Test
    void aLiveVenueSnapshotBecomesADeltaOfTheDifferences() {
        BookScenario poly = new BookScenario("polymarket", 100, 1000);
        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5, 470_000, 1))));

        MarketBooks.Result same =
                poly.send(
                        null,
                        snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5, 470_000, 1))));
        assertThat(same.deltas()).isEmpty();
        assertThat(same.snapshots()).isEmpty();

        MarketBooks.Result moved =
                poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 6))));
        assertThat(moved.snapshots()).isEmpty();
        assertThat(moved.deltas().get(0).getMutations())
                .containsExactlyInAnyOrder(
                        new LevelMutation(MutationAction.MODIFY, BookSide.BID, 480_000L, 6L),
                        new LevelMutation(MutationAction.REMOVE, BookSide.BID, 470_000L, 0L));
    }

    @Test
    void unsequencedMessagesOlderThanTheLastVenueSnapshotAreStale() {
        BookScenario poly = new BookScenario("polymarket", 100, 1000);
        poly.time = 10_000;
        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5))));
        poly.time = 5_000;

        assertThat(
                        poly.send(null, delta(absolute("YES", BookSide.BID, 480_000, 9)))
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.STALE);
        assertThat(poly.book("YES").health).isEqualTo(BookHealth.LIVE);
    }

    @Test
    void periodicSnapshotsFollowEveryNDeltasAtTheSameSequence() {
        BookScenario poly = new BookScenario("polymarket", 100, 3);
        poly.send(null, snapshot(List.of(ladder("YES", BookSide.BID, 480_000, 5))));
        for (int i = 1; i <= 7; i++) {
            poly.send(null, delta(absolute("YES", BookSide.BID, 480_000, 5 + i)));
        }

        assertThat(poly.snapshots)
                .extracting(s -> s.getReason() + "@" + s.getSequenceStart())
                .containsExactly("INITIAL@1", "PERIODIC@4", "PERIODIC@7");
    }
}
