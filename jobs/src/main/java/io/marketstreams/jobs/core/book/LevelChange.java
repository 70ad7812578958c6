package io.marketstreams.jobs.core.book;

import io.marketstreams.schema.BookSide;

/**
 * One level change on one canonical book, after venue normalization.
 *
 * @param outcomeId canonical book's outcome
 * @param side ladder side
 * @param price level price, micro-units
 * @param quantity new total (absolute) or signed change (not absolute), micro-contracts
 * @param absolute whether quantity is the new total
 */
public record LevelChange(
        String outcomeId, BookSide side, long price, long quantity, boolean absolute) {}
