package io.marketstreams.jobs.core.book;

/**
 * The book state {@link MarketBooks} keeps for one market: a cursor and one {@link BookState} per
 * outcome. The Flink operator implements it over keyed state; tests use {@link
 * InMemoryMarketBookStore}.
 */
public interface MarketBookStore {
    /** The market's cursor, or null before its first sequenced book message. */
    BookCursor cursor();

    void cursor(BookCursor cursor);

    /** The book of an outcome, or null before its first snapshot. */
    BookState book(String outcomeId);

    void book(String outcomeId, BookState state);

    /** Outcomes that have a book. */
    Iterable<String> outcomes();
}
