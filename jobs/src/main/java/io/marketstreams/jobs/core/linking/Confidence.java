package io.marketstreams.jobs.core.linking;

/**
 * Link confidence in integer basis points: 0 (no evidence) to 10000 (certain). Integers, never
 * floating point, so that the same inputs give bit-identical scores on every JVM and every replay.
 */
public final class Confidence {
    private Confidence() {}

    /** Full confidence: every curated link defaults to this. */
    public static final int MAX = 10_000;

    /** Returns {@code basisPoints} when it is within 0..10000, else throws. */
    public static int check(int basisPoints) {
        if (basisPoints < 0 || basisPoints > MAX) {
            throw new IllegalArgumentException(
                    "confidence must be 0.." + MAX + " basis points: " + basisPoints);
        }
        return basisPoints;
    }
}
