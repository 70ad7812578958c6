package io.marketstreams.jobs.core.book;

import io.marketstreams.schema.BookHealth;

/**
 * Stored state of one canonical (market, outcome) book: its levels (best first), checksum,
 * canonical sequence and health. A Flink POJO: one compact value per book in keyed state.
 */
public final class BookState {
    /** Canonical sequence of the last record emitted for the book (snapshot or delta). */
    public long sequence;

    /** Book health; LIVE after a snapshot, RESYNCING after a gap or invalid input. */
    public BookHealth health = BookHealth.RESYNCING;

    /** Deltas emitted since the last snapshot (drives PERIODIC snapshots). */
    public int deltasSinceSnapshot;

    /** Venue event time of the last venue snapshot applied (staleness check). */
    public long snapshotVenueTime = Long.MIN_VALUE;

    public long[] bidPrices = new long[0];
    public long[] bidQty = new long[0];
    public long[] askPrices = new long[0];
    public long[] askQty = new long[0];

    /** Checksum of the levels above. */
    public long checksum;

    public BookState() {}

    /** Loads the levels into a book. */
    public OrderBook toBook() {
        OrderBook book = new OrderBook(Math.max(bidPrices.length, askPrices.length) + 4);
        book.restore(bidPrices, bidQty, askPrices, askQty, checksum);
        return book;
    }

    /** Stores a book's levels. */
    public void levelsFrom(OrderBook book) {
        bidPrices = book.prices(io.marketstreams.schema.BookSide.BID);
        bidQty = book.quantities(io.marketstreams.schema.BookSide.BID);
        askPrices = book.prices(io.marketstreams.schema.BookSide.ASK);
        askQty = book.quantities(io.marketstreams.schema.BookSide.ASK);
        checksum = book.checksum();
    }
}
