package io.marketstreams.jobs.core.book;

import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@link MarketBookStore} over the books of one {@link MarketBookSet} value, which a market store
 * loads and writes back as a whole. Every write calls {@code changed}, so the store knows to write
 * the value back.
 */
public final class MarketBookSetStore implements MarketBookStore {
    private final Supplier<MarketBookSet> value;
    private final Runnable changed;

    /**
     * @param value the market's value (loaded on first use by the caller)
     * @param changed called on every write
     */
    public MarketBookSetStore(Supplier<MarketBookSet> value, Runnable changed) {
        this.value = value;
        this.changed = changed;
    }

    @Override
    public BookCursor cursor() {
        return value.get().cursor;
    }

    @Override
    public void cursor(BookCursor cursor) {
        value.get().cursor = cursor;
        changed.run();
    }

    @Override
    public BookState book(String outcomeId) {
        return value.get().books.get(outcomeId);
    }

    @Override
    public void book(String outcomeId, BookState state) {
        value.get().books.put(outcomeId, state);
        changed.run();
    }

    /** Outcomes with a book, in id order (the map itself has no order). */
    @Override
    public Iterable<String> outcomes() {
        return new TreeSet<>(value.get().books.keySet());
    }
}
