package io.marketstreams.jobs.core.book;

import io.marketstreams.schema.BookSide;

/**
 * The full-depth book checksum carried by every {@code orders.snapshot} and {@code orders.delta}
 * record (docs/contract.md has the specification and a worked example).
 *
 * <p>checksum = Σ levelHash(side, price, quantity) over every level of both sides, with wrapping
 * 64-bit arithmetic; the empty book has checksum 0. Because the sum is order-independent and each
 * level contributes one term, a change updates it in O(1): subtract the old level's term, add the
 * new one.
 */
public final class BookChecksum {
    private static final long PRICE_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long QUANTITY_MULTIPLIER = 0xC2B2AE3D27D4EB4FL;

    private BookChecksum() {}

    /**
     * The term one level contributes.
     *
     * <pre>
     * z = price * 0x9E3779B97F4A7C15 + (side == BID ? 1 : 2)
     * z = z XOR (quantity * 0xC2B2AE3D27D4EB4F)
     * return fmix64(z)
     * </pre>
     *
     * where fmix64 is MurmurHash3's 64-bit finalizer and all arithmetic wraps modulo 2^64.
     */
    public static long levelHash(BookSide side, long price, long quantity) {
        long z = price * PRICE_MULTIPLIER + (side == BookSide.BID ? 1L : 2L);
        z ^= quantity * QUANTITY_MULTIPLIER;
        return fmix64(z);
    }

    /** MurmurHash3 fmix64. */
    static long fmix64(long z) {
        z ^= z >>> 33;
        z *= 0xFF51AFD7ED558CCDL;
        z ^= z >>> 33;
        z *= 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return z;
    }

    /** The checksum of a book given as level arrays. */
    public static long of(long[] bidPrices, long[] bidQty, long[] askPrices, long[] askQty) {
        long sum = 0;
        for (int i = 0; i < bidPrices.length; i++) {
            sum += levelHash(BookSide.BID, bidPrices[i], bidQty[i]);
        }
        for (int i = 0; i < askPrices.length; i++) {
            sum += levelHash(BookSide.ASK, askPrices[i], askQty[i]);
        }
        return sum;
    }
}
