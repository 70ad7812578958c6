package io.marketstreams.client;

/**
 * The book checksum of docs/contract.md, implemented from the contract alone: the wrapping 64-bit
 * sum over every level of {@code fmix64((price * 0x9E3779B97F4A7C15 + side) ^ (quantity *
 * 0xC2B2AE3D27D4EB4F))} with side 1 for bids and 2 for asks.
 */
public final class Checksum {
    private Checksum() {}

    /** The term one level contributes; {@code bid} selects the side constant (1 bid, 2 ask). */
    public static long level(boolean bid, long price, long quantity) {
        long z = price * 0x9E3779B97F4A7C15L + (bid ? 1L : 2L);
        z ^= quantity * 0xC2B2AE3D27D4EB4FL;
        z ^= z >>> 33;
        z *= 0xFF51AFD7ED558CCDL;
        z ^= z >>> 33;
        z *= 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return z;
    }
}
