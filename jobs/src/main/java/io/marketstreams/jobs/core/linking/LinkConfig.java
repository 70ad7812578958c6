package io.marketstreams.jobs.core.linking;

/**
 * Tunables of the automatic rules and of applying rule-made links; all integers so decisions are
 * exact and replayable.
 *
 * @param applyThreshold a rule-made link (event or market) is applied only with confidence at or
 *     above this (basis points); below it is recorded as proposed only
 * @param minTitleSimilarity event title Jaccard (basis points) below which no event proposal is
 *     made at all
 * @param expiryToleranceMillis two expiry dates within this many milliseconds agree; further apart
 *     they veto an event proposal
 * @param minMarketSimilarity market description Jaccard (basis points) below which no market
 *     relation is proposed
 */
public record LinkConfig(
        int applyThreshold,
        int minTitleSimilarity,
        long expiryToleranceMillis,
        int minMarketSimilarity) {

    /** Defaults documented in docs/linking.md: 8000, 5000, 24 hours, 6000. */
    public static final LinkConfig DEFAULTS = new LinkConfig(8_000, 5_000, 86_400_000L, 6_000);

    /** Validates the ranges. */
    public LinkConfig {
        Confidence.check(applyThreshold);
        Confidence.check(minTitleSimilarity);
        Confidence.check(minMarketSimilarity);
        if (expiryToleranceMillis < 0) {
            throw new IllegalArgumentException("expiryToleranceMillis < 0");
        }
    }
}
