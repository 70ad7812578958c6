package io.marketstreams.schema;

/**
 * The key of one (market, outcome) order book: {@code market_id|outcome_id} — the Kafka key of
 * {@code orders.snapshot} and {@code orders.delta}, and the name clients and tools give a book.
 * Market ids never contain {@code |} (docs/contract.md, "Ids"), so the split is unambiguous.
 */
public final class BookKey {
    private BookKey() {}

    /** The key of a market's outcome book. */
    public static String of(String marketId, String outcomeId) {
        return marketId + "|" + outcomeId;
    }

    /** The key of the book a snapshot restates. */
    public static String of(OrderBookSnapshot snapshot) {
        return of(snapshot.getMarketId(), snapshot.getOutcomeId());
    }

    /** The key of the book a delta changes. */
    public static String of(OrderBookDelta delta) {
        return of(delta.getMarketId(), delta.getOutcomeId());
    }

    /** The market id of a book key. */
    public static String marketOf(String bookKey) {
        int bar = bookKey.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not a book key (market|outcome): " + bookKey);
        }
        return bookKey.substring(0, bar);
    }
}
