package io.marketstreams.jobs.core.book;

import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything {@link MarketBooks} keeps for one market, as one value: the venue cursor and the
 * market's books. The market operator stores it as a single keyed value, so a venue message costs
 * one state read and one write however many of the market's books it touches (a Kalshi message
 * always touches both). A Flink POJO: Flink's POJO serializer evolves it with the class.
 */
public final class MarketBookSet {
    /** Venue stream position; null before the first sequenced book message. */
    public BookCursor cursor;

    /**
     * The market's lifecycle (discovery, state, resolution), kept in the same value so that a venue
     * message still costs one state read and one write; null before the market's first input.
     */
    public MarketRecord lifecycle;

    /** Book per outcome id. */
    public Map<String, BookState> books = new HashMap<>();

    public MarketBookSet() {}

    /** Whether the value holds nothing a new one does not: no cursor, no book, a blank record. */
    public boolean blank() {
        return cursor == null && books.isEmpty() && (lifecycle == null || lifecycle.blank());
    }
}
