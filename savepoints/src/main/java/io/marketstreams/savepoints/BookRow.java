package io.marketstreams.savepoints;

import java.util.Arrays;

/**
 * One (market, outcome) book as stored in the {@code books} state of the {@code market-state}
 * operator of a savepoint.
 *
 * @param key {@code market_id|outcome_id}, the key of the book's records on {@code orders.*}
 * @param sequence canonical sequence of the last record the job emitted for the book
 * @param health book health ({@code LIVE} or {@code RESYNCING})
 * @param bidPrices bid prices, best first (scaled longs, micro-units)
 * @param bidQty bid quantities, aligned with {@code bidPrices}
 * @param askPrices ask prices, best first
 * @param askQty ask quantities, aligned with {@code askPrices}
 * @param checksum checksum of the levels, as carried by the book's snapshots and deltas
 * @param lifecycle the market's lifecycle state ({@code MarketState}), or {@code -} if the market's
 *     lifecycle record is absent
 */
public record BookRow(
        String key,
        long sequence,
        String health,
        long[] bidPrices,
        long[] bidQty,
        long[] askPrices,
        long[] askQty,
        long checksum,
        String lifecycle) {

    /** Number of bid levels. */
    public int bidLevels() {
        return bidPrices.length;
    }

    /** Number of ask levels. */
    public int askLevels() {
        return askPrices.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BookRow r
                && key.equals(r.key)
                && sequence == r.sequence
                && health.equals(r.health)
                && Arrays.equals(bidPrices, r.bidPrices)
                && Arrays.equals(bidQty, r.bidQty)
                && Arrays.equals(askPrices, r.askPrices)
                && Arrays.equals(askQty, r.askQty)
                && checksum == r.checksum
                && lifecycle.equals(r.lifecycle);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return key + " seq=" + sequence + " " + health + " checksum=" + checksum;
    }
}
