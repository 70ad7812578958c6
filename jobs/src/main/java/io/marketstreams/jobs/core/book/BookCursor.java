package io.marketstreams.jobs.core.book;

/**
 * Per-market position in the venue's book stream: which venue stream the sequence belongs to and
 * the last venue sequence accepted. A Flink POJO.
 */
public final class BookCursor {
    /**
     * Venue stream (Kalshi subscription id) of the last accepted sequenced message; null if none.
     */
    public String venueStreamId;

    /** Last accepted venue sequence in that stream. */
    public long lastVenueSequence;

    public BookCursor() {}
}
