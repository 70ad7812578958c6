package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MutationAction;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    private final OrderBook book = new OrderBook(2);

    @AfterEach
    void invariantsHold() {
        assertThat(book.invariantViolation()).isNull();
    }

    @Test
    void setAddsModifiesAndRemovesLevels() {
        assertThat(book.set(BookSide.BID, 400_000, 5)).isEqualTo(MutationAction.ADD);
        assertThat(book.set(BookSide.BID, 400_000, 7)).isEqualTo(MutationAction.MODIFY);
        assertThat(book.set(BookSide.BID, 400_000, 7)).isNull();
        assertThat(book.set(BookSide.BID, 400_000, 0)).isEqualTo(MutationAction.REMOVE);
        assertThat(book.set(BookSide.BID, 400_000, 0)).isNull();
        assertThat(book.levels(BookSide.BID)).isZero();
        assertThat(book.checksum()).isZero();
    }

    @Test
    void laddersAreBestFirst() {
        for (long p : new long[] {300_000, 500_000, 100_000, 400_000}) {
            book.set(BookSide.BID, p, 1);
            book.set(BookSide.ASK, p + 500_000, 1);
        }
        assertThat(book.prices(BookSide.BID)).containsExactly(500_000, 400_000, 300_000, 100_000);
        assertThat(book.prices(BookSide.ASK)).containsExactly(600_000, 800_000, 900_000, 1_000_000);
        assertThat(book.bestBid()).isEqualTo(500_000);
        assertThat(book.bestAsk()).isEqualTo(600_000);
        assertThat(book.isCrossed()).isFalse();
        book.set(BookSide.BID, 600_000, 1);
        assertThat(book.isCrossed()).isTrue();
        book.set(BookSide.BID, 600_000, 0);
    }

    @Test
    void checksumIsIndependentOfTheOrderOfChanges() {
        OrderBook other = new OrderBook();
        book.set(BookSide.BID, 1, 10);
        book.set(BookSide.ASK, 999_999, 20);
        book.set(BookSide.BID, 2, 30);
        other.set(BookSide.BID, 2, 30);
        other.set(BookSide.ASK, 999_999, 20);
        other.set(BookSide.BID, 1, 99);
        other.set(BookSide.BID, 1, 10);
        assertThat(other.checksum()).isEqualTo(book.checksum());
        assertThat(other.sameLevels(book)).isTrue();
    }

    @Test
    void randomChangesMatchAReferenceModel() {
        SplittableRandom random = new SplittableRandom(3);
        TreeMap<Long, Long> bids = new TreeMap<>();
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            BookSide side = random.nextBoolean() ? BookSide.BID : BookSide.ASK;
            long price = (1 + random.nextInt(99)) * 10_000L;
            long qty = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1000);
            book.set(side, price, qty);
            TreeMap<Long, Long> ref = side == BookSide.BID ? bids : asks;
            if (qty == 0) {
                ref.remove(price);
            } else {
                ref.put(price, qty);
            }
            if (i % 1000 == 0) {
                assertThat(book.invariantViolation()).isNull();
            }
        }
        assertThat(book.prices(BookSide.BID))
                .containsExactly(
                        bids.descendingKeySet().stream().mapToLong(Long::longValue).toArray());
        assertThat(book.prices(BookSide.ASK))
                .containsExactly(asks.keySet().stream().mapToLong(Long::longValue).toArray());
        for (var e : bids.entrySet()) {
            assertThat(book.quantityAt(BookSide.BID, e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Test
    void copyIsDeepAndEqual() {
        book.set(BookSide.BID, 100, 1);
        OrderBook copy = book.copy();
        copy.set(BookSide.BID, 100, 2);
        assertThat(book.quantityAt(BookSide.BID, 100)).isEqualTo(1);
        assertThat(copy.invariantViolation()).isNull();
    }
}
