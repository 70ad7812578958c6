package io.marketstreams.jobs.core.book;

import java.util.List;
import java.util.Map;

/**
 * A venue book message after normalization: either full canonical books per outcome (snapshot) or
 * level changes on canonical books (delta).
 *
 * @param snapshot whether this is a full snapshot
 * @param books snapshot only: outcome → its canonical book levels, each side best first
 * @param changes delta only: changes in venue order
 */
public record NormalizedBook(
        boolean snapshot, Map<String, BookLevels> books, List<LevelChange> changes) {

    /**
     * Full levels of one canonical book, best first.
     *
     * @param bidPrices bid prices, descending
     * @param bidQty bid quantities
     * @param askPrices ask prices, ascending
     * @param askQty ask quantities
     */
    public record BookLevels(long[] bidPrices, long[] bidQty, long[] askPrices, long[] askQty) {}
}
