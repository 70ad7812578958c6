package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookSide;
import org.junit.jupiter.api.Test;

/** The worked example of docs/contract.md: a third party must get the same numbers. */
class BookChecksumTest {

    @Test
    void workedExampleOfTheContract() {
        // YES book: bids 0.42 x 100, 0.41 x 250.5; asks 0.45 x 80
        long bid1 = BookChecksum.levelHash(BookSide.BID, 420_000L, 100_000_000L);
        long bid2 = BookChecksum.levelHash(BookSide.BID, 410_000L, 250_500_000L);
        long ask1 = BookChecksum.levelHash(BookSide.ASK, 450_000L, 80_000_000L);

        assertThat(Long.toUnsignedString(bid1, 16)).isEqualTo(EXPECTED_BID_1);
        assertThat(Long.toUnsignedString(bid2, 16)).isEqualTo(EXPECTED_BID_2);
        assertThat(Long.toUnsignedString(ask1, 16)).isEqualTo(EXPECTED_ASK_1);
        long checksum = bid1 + bid2 + ask1;
        assertThat(checksum).isEqualTo(EXPECTED_CHECKSUM);

        OrderBook book = new OrderBook();
        book.set(BookSide.BID, 420_000L, 100_000_000L);
        book.set(BookSide.BID, 410_000L, 250_500_000L);
        book.set(BookSide.ASK, 450_000L, 80_000_000L);
        assertThat(book.checksum()).isEqualTo(EXPECTED_CHECKSUM);

        // Delta: MODIFY bid 0.42 to 60, REMOVE ask 0.45.
        book.set(BookSide.BID, 420_000L, 60_000_000L);
        book.set(BookSide.ASK, 450_000L, 0L);
        long after =
                checksum
                        - bid1
                        - ask1
                        + BookChecksum.levelHash(BookSide.BID, 420_000L, 60_000_000L);
        assertThat(book.checksum()).isEqualTo(after).isEqualTo(EXPECTED_AFTER_DELTA);
    }

    @Test
    void emptyBookIsZeroAndSidesDiffer() {
        assertThat(new OrderBook().checksum()).isZero();
        assertThat(BookChecksum.levelHash(BookSide.BID, 500_000, 1))
                .isNotEqualTo(BookChecksum.levelHash(BookSide.ASK, 500_000, 1));
    }

    // The same numbers are printed in docs/contract.md.
    static final String EXPECTED_BID_1 = "41e791ffa817f82f";
    static final String EXPECTED_BID_2 = "4d10dd1a0d996e8d";
    static final String EXPECTED_ASK_1 = "6aa1cf4e9fbb4a03";
    static final long EXPECTED_CHECKSUM = -460987394021347137L; // 0xf99a3e68556cb0bf
    static final long EXPECTED_AFTER_DELTA = -142662896132542126L; // 0xfe0528da11643152
}
