package io.marketstreams.connectors.venue;

/**
 * How a venue publishes books, which decides how venue ladders become canonical books. Each {@link
 * Venue} names its convention; {@link Venues#bookConvention} looks one up by venue id.
 */
public enum BookConvention {
    /**
     * Kalshi: only bid ladders, for YES and for NO, with signed size deltas. A NO bid at price p is
     * an offer to sell YES at 1 − p, so the canonical YES book is YES bids + (1 − NO bids) as asks,
     * and the NO book is NO bids + (1 − YES bids) as asks. Every venue change touches both
     * canonical books.
     */
    BIDS_ONLY_COMPLEMENT,
    /**
     * Polymarket: every outcome token has its own full book (bids and asks) with absolute sizes;
     * the canonical book of an outcome is its token's book.
     */
    FULL_BOOK_PER_OUTCOME
}
