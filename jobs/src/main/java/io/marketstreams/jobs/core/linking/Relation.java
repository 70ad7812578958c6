package io.marketstreams.jobs.core.linking;

/**
 * How two binary markets on different venues relate: {@code SAME} (YES here = YES there) or {@code
 * COMPLEMENT} (YES here = NO there). Both relations are symmetric, and they compose like signs
 * (complement of a complement is the same question), which is what lets a chain of relations orient
 * every market of a cluster onto one reference market.
 */
public enum Relation {
    SAME,
    COMPLEMENT;

    /** The relation of a to c, given this relation of a to b and {@code next} of b to c. */
    public Relation then(Relation next) {
        return this == next ? SAME : COMPLEMENT;
    }

    /**
     * Maps a binary outcome id across this relation: unchanged for SAME, YES ↔ NO for COMPLEMENT.
     * Returns null for an outcome that a complement cannot map (not YES or NO).
     */
    public String mapOutcome(String outcomeId) {
        if (this == SAME) {
            return outcomeId;
        }
        if ("YES".equals(outcomeId)) {
            return "NO";
        }
        if ("NO".equals(outcomeId)) {
            return "YES";
        }
        return null;
    }
}
