package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.schema.BookHealth;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Books by health for one subtask of {@code market-state}: how many (market, outcome) books this
 * subtask holds in each {@link BookHealth}, as the gauge {@code books} in the key-value group
 * {@code health=<HEALTH>} (Prometheus: one series per {@code health} label).
 *
 * <p>The counts must equal what keyed state holds, also after a failover, a restore from a
 * savepoint or a rescale, where a subtask's key groups change. Keyed state is the only truth that
 * survives all three, so the counts are rebuilt from it: {@link MarketStateOperator} adds every
 * stored market once when the operator opens, and the market operator applies the difference
 * between a market's books as loaded and as written back for each element ({@link #before} / {@link
 * #after}). Counting in operator state would be wrong after a rescale (operator state is not split
 * by key group), and counting from zero at start would forget every book untouched since.
 */
public final class BookHealthGauges {
    private static final BookHealth[] HEALTHS = BookHealth.values();

    private final long[] counts = new long[HEALTHS.length];
    private final int[] loaded = new int[HEALTHS.length];

    /** Registers one gauge per health under {@code group}. */
    public BookHealthGauges(MetricGroup group) {
        for (BookHealth health : HEALTHS) {
            group.addGroup("health", health.name())
                    .gauge("books", (Gauge<Long>) () -> count(health));
        }
    }

    /** Books this subtask holds in a health. */
    public long count(BookHealth health) {
        return counts[health.ordinal()];
    }

    /** Counts the books of a market read from state (at open, after restore). */
    public void add(MarketBookSet set) {
        if (set == null) {
            return;
        }
        for (BookState book : set.books.values()) {
            counts[book.health.ordinal()]++;
        }
    }

    /** Remembers the health of a market's books as loaded for the current element. */
    void before(MarketBookSet set) {
        java.util.Arrays.fill(loaded, 0);
        for (BookState book : set.books.values()) {
            loaded[book.health.ordinal()]++;
        }
    }

    /** Applies the difference between the market's books as written back and as loaded. */
    void after(MarketBookSet set) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] -= loaded[i];
        }
        for (BookState book : set.books.values()) {
            counts[book.health.ordinal()]++;
        }
        java.util.Arrays.fill(loaded, 0);
    }
}
