package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples of venue book semantics (docs/contract.md, "Venue normalization"). */
class BookNormalizerTest {

    static PriceLevel level(long price, long qty) {
        return new PriceLevel(price, qty);
    }

    static Ladder ladder(String outcome, BookSide side, PriceLevel... levels) {
        return new Ladder(outcome, side, List.of(levels));
    }

    @Test
    void kalshiSnapshotDerivesEachAskLadderFromTheOtherOutcomesBids() {
        // Kalshi: YES bids 0.42 x 100, 0.40 x 50; NO bids 0.55 x 30, 0.56 x 10.
        BookSnapshot snapshot =
                new BookSnapshot(
                        "KXFED",
                        List.of(
                                ladder(
                                        "YES",
                                        BookSide.BID,
                                        level(400_000, 50),
                                        level(420_000, 100)),
                                ladder(
                                        "NO",
                                        BookSide.BID,
                                        level(550_000, 30),
                                        level(560_000, 10))));

        NormalizedBook book =
                BookNormalizer.snapshot(snapshot, BookConvention.BIDS_ONLY_COMPLEMENT).book();

        NormalizedBook.BookLevels yes = book.books().get("YES");
        assertThat(yes.bidPrices()).containsExactly(420_000, 400_000);
        assertThat(yes.bidQty()).containsExactly(100, 50);
        // YES asks = 1 - NO bids: 1 - 0.56 = 0.44 x 10, 1 - 0.55 = 0.45 x 30, best (lowest) first.
        assertThat(yes.askPrices()).containsExactly(440_000, 450_000);
        assertThat(yes.askQty()).containsExactly(10, 30);
        NormalizedBook.BookLevels no = book.books().get("NO");
        assertThat(no.bidPrices()).containsExactly(560_000, 550_000);
        // NO asks = 1 - YES bids: 0.58 x 100, 0.60 x 50.
        assertThat(no.askPrices()).containsExactly(580_000, 600_000);
        assertThat(no.askQty()).containsExactly(100, 50);
    }

    @Test
    void kalshiNoBidDeltaBecomesANoBidChangeAndAYesAskChange() {
        BookDelta delta =
                new BookDelta(
                        "KXFED",
                        List.of(
                                new LevelUpdate(
                                        "NO", BookSide.BID, 550_000L, -12L, UpdateKind.DELTA)));

        NormalizedBook book =
                BookNormalizer.delta(delta, BookConvention.BIDS_ONLY_COMPLEMENT).book();

        assertThat(book.changes())
                .containsExactly(
                        new LevelChange("NO", BookSide.BID, 550_000, -12, false),
                        new LevelChange("YES", BookSide.ASK, 450_000, -12, false));
    }

    @Test
    void kalshiMustNotSendAsks() {
        BookSnapshot snapshot =
                new BookSnapshot("KXFED", List.of(ladder("YES", BookSide.ASK, level(1, 1))));

        assertThat(
                        BookNormalizer.snapshot(snapshot, BookConvention.BIDS_ONLY_COMPLEMENT)
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void polymarketBooksAreTakenPerTokenWithAbsoluteSizes() {
        // Polymarket lists the best price last: bids ascending, asks descending.
        BookSnapshot snapshot =
                new BookSnapshot(
                        "0xabc",
                        List.of(
                                ladder("YES", BookSide.BID, level(480_000, 5), level(490_000, 7)),
                                ladder("YES", BookSide.ASK, level(520_000, 3), level(510_000, 4))));

        NormalizedBook book =
                BookNormalizer.snapshot(snapshot, BookConvention.FULL_BOOK_PER_OUTCOME).book();

        assertThat(book.books()).containsOnlyKeys("YES");
        assertThat(book.books().get("YES").bidPrices()).containsExactly(490_000, 480_000);
        assertThat(book.books().get("YES").askPrices()).containsExactly(510_000, 520_000);

        BookDelta change =
                new BookDelta(
                        "0xabc",
                        List.of(
                                new LevelUpdate(
                                        "YES", BookSide.BID, 490_000L, 0L, UpdateKind.ABSOLUTE),
                                new LevelUpdate(
                                        "NO", BookSide.ASK, 510_000L, 9L, UpdateKind.ABSOLUTE)));
        assertThat(
                        BookNormalizer.delta(change, BookConvention.FULL_BOOK_PER_OUTCOME)
                                .book()
                                .changes())
                .containsExactly(
                        new LevelChange("YES", BookSide.BID, 490_000, 0, true),
                        new LevelChange("NO", BookSide.ASK, 510_000, 9, true));
    }

    @Test
    void aSnapshotListingAPriceTwiceIsMalformed() {
        BookSnapshot snapshot =
                new BookSnapshot(
                        "0xabc",
                        List.of(ladder("YES", BookSide.BID, level(480_000, 5), level(480_000, 7))));

        assertThat(
                        BookNormalizer.snapshot(snapshot, BookConvention.FULL_BOOK_PER_OUTCOME)
                                .rejection()
                                .detail())
                .contains("twice");
    }

    @Test
    void conventionsByVenue() {
        assertThat(Venues.bookConvention("kalshi")).isEqualTo(BookConvention.BIDS_ONLY_COMPLEMENT);
        assertThat(Venues.bookConvention("polymarket"))
                .isEqualTo(BookConvention.FULL_BOOK_PER_OUTCOME);
    }
}
