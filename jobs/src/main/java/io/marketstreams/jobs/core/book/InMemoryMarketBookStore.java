package io.marketstreams.jobs.core.book;

import java.util.Map;
import java.util.TreeMap;

/** {@link MarketBookStore} of one market in plain maps: for tests, replays and benchmarks. */
public final class InMemoryMarketBookStore implements MarketBookStore {
    private BookCursor cursor;
    private final Map<String, BookState> books = new TreeMap<>();

    @Override
    public BookCursor cursor() {
        return cursor;
    }

    @Override
    public void cursor(BookCursor cursor) {
        this.cursor = cursor;
    }

    @Override
    public BookState book(String outcomeId) {
        return books.get(outcomeId);
    }

    @Override
    public void book(String outcomeId, BookState state) {
        books.put(outcomeId, state);
    }

    @Override
    public Iterable<String> outcomes() {
        return books.keySet();
    }
}
