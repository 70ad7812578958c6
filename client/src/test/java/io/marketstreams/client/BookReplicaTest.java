package io.marketstreams.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.SnapshotReason;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client follows docs/contract.md; the numbers are the contract's worked example. */
class BookReplicaTest {
    static final long BID1 = Checksum.level(true, 420_000, 100_000_000);
    static final long BID2 = Checksum.level(true, 410_000, 250_500_000);
    static final long ASK1 = Checksum.level(false, 450_000, 80_000_000);

    static OrderBookSnapshot snapshot(long seq, long time) {
        return OrderBookSnapshot.newBuilder()
                .setMarketId("kalshi:M")
                .setOutcomeId("YES")
                .setVenueId("kalshi")
                .setSequenceStart(seq)
                .setBids(
                        List.of(
                                new PriceLevel(420_000L, 100_000_000L),
                                new PriceLevel(410_000L, 250_500_000L)))
                .setAsks(List.of(new PriceLevel(450_000L, 80_000_000L)))
                .setChecksum(BID1 + BID2 + ASK1)
                .setReason(SnapshotReason.INITIAL)
                .setHealth(BookHealth.LIVE)
                .setVenueEventTime(time)
                .setIngestTime(time)
                .build();
    }

    static OrderBookDelta delta(long seq, long checksum, long time, LevelMutation... mutations) {
        return OrderBookDelta.newBuilder()
                .setMarketId("kalshi:M")
                .setOutcomeId("YES")
                .setVenueId("kalshi")
                .setSequenceNumber(seq)
                .setMutations(List.of(mutations))
                .setChecksum(checksum)
                .setHealth(BookHealth.LIVE)
                .setVenueEventTime(time)
                .setIngestTime(time)
                .build();
    }

    static final long AFTER = BID2 + Checksum.level(true, 420_000, 60_000_000);

    static OrderBookDelta contractDelta(long seq) {
        return delta(
                seq,
                AFTER,
                20,
                new LevelMutation(MutationAction.MODIFY, BookSide.BID, 420_000L, 60_000_000L),
                new LevelMutation(MutationAction.REMOVE, BookSide.ASK, 450_000L, 0L));
    }

    @Test
    void checksumMatchesTheContractsWorkedExample() {
        assertThat(Long.toHexString(BID1)).isEqualTo("41e791ffa817f82f");
        assertThat(Long.toHexString(BID2)).isEqualTo("4d10dd1a0d996e8d");
        assertThat(Long.toHexString(ASK1)).isEqualTo("6aa1cf4e9fbb4a03");
        assertThat(BID1 + BID2 + ASK1).isEqualTo(-460987394021347137L);
        assertThat(AFTER).isEqualTo(-142662896132542126L);
    }

    @Test
    void appliesTheNextDeltaAndDerivesViews() {
        BookReplica book = new BookReplica("kalshi:M|YES");
        assertThat(book.apply(snapshot(1, 10))).isEqualTo(BookReplica.Status.APPLIED);
        assertThat(book.mid()).isEqualByComparingTo(new BigDecimal("0.435"));
        assertThat(book.spread()).isEqualTo(30_000L);
        assertThat(book.depthTo(BookSide.BID, 410_000)).isEqualTo(350_500_000L);
        assertThat(book.depthTo(BookSide.BID, 415_000)).isEqualTo(100_000_000L);

        assertThat(book.apply(contractDelta(2))).isEqualTo(BookReplica.Status.APPLIED);
        assertThat(book.bestAsk()).isNull();
        assertThat(book.mid()).isNull();
        assertThat(book.bestBid()).isEqualTo(new PriceLevel(420_000L, 60_000_000L));
        assertThat(book.sequence()).isEqualTo(2);
    }

    @Test
    void dropsRepeatsAndDetectsGapsAndMismatches() {
        BookReplica book = new BookReplica("kalshi:M|YES");
        assertThat(book.apply(contractDelta(2))).isEqualTo(BookReplica.Status.NO_BOOK);
        book.apply(snapshot(1, 10));
        assertThat(book.apply(contractDelta(1))).isEqualTo(BookReplica.Status.REPEAT);
        assertThat(book.apply(contractDelta(3))).isEqualTo(BookReplica.Status.GAP);
        assertThat(book.hasBook()).isFalse();

        book.apply(snapshot(5, 10));
        OrderBookDelta wrong =
                delta(6, 12345L, 20, new LevelMutation(MutationAction.ADD, BookSide.BID, 1L, 1L));
        assertThat(book.apply(wrong)).isEqualTo(BookReplica.Status.MISMATCH);
        assertThat(book.hasBook()).isFalse();
    }

    @Test
    void aRestatingSnapshotMustEqualTheBook() {
        BookReplica book = new BookReplica("kalshi:M|YES");
        book.apply(snapshot(1, 10));
        assertThat(book.apply(snapshot(1, 10))).isEqualTo(BookReplica.Status.REPEAT);

        OrderBookSnapshot different = snapshot(1, 10);
        different.setAsks(List.of());
        different.setChecksum(BID1 + BID2);
        assertThat(book.apply(different)).isEqualTo(BookReplica.Status.MISMATCH);
        assertThat(book.bestAsk()).isNull();
    }

    @Test
    void bookAsOfAPointInTime() {
        List<OrderBookSnapshot> snapshots = List.of(snapshot(1, 10));
        List<OrderBookDelta> deltas = List.of(contractDelta(2));

        assertThat(BookHistory.asOf("k", snapshots, deltas, 5)).isNull();
        assertThat(BookHistory.asOf("k", snapshots, deltas, 15).bestAsk())
                .isEqualTo(new PriceLevel(450_000L, 80_000_000L));
        assertThat(BookHistory.asOf("k", snapshots, deltas, 20).bestAsk()).isNull();
    }
}
