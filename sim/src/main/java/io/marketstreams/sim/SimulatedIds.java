package io.marketstreams.sim;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The venues' id formats, generated. Catalog ids come from generators derived from the seed and a
 * market index only, so they do not depend on traffic (or on how many frames were drawn before).
 */
final class SimulatedIds {
    private SimulatedIds() {}

    /** A generator derived from the seed and a market index only. */
    static SplittableRandom derived(long seed, int index, int salt) {
        return new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
    }

    /** {@code 0x} and 64 hex digits, as Polymarket's condition ids. */
    static String conditionId(long seed, int index) {
        SplittableRandom r = derived(seed, index, 7);
        return "0x" + hex(r, 4);
    }

    /** A CLOB token id: a uint256 in decimal, 77 digits here. */
    static String tokenId(long seed, int index, int outcome) {
        SplittableRandom r = derived(seed, index, 11 + outcome);
        StringBuilder digits = new StringBuilder(77);
        digits.append((char) ('1' + r.nextInt(9)));
        while (digits.length() < 77) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        return digits.toString();
    }

    /** {@code longs} × 16 hex digits. */
    static String hex(SplittableRandom r, int longs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < longs; i++) {
            s.append(String.format(Locale.ROOT, "%016x", r.nextLong()));
        }
        return s.toString();
    }

    /** A version-4 UUID (Kalshi market and trade ids). */
    static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
