package io.marketstreams.jobs.core.catalog;

import io.marketstreams.schema.ResolutionConfidence;

/**
 * What the market operator tells its event's resolution stage about one market: discovered,
 * resolved (with the result), or disputed. A Flink POJO.
 */
public final class EventMarketUpdate {
    /** Kinds of update. */
    public enum Kind {
        DISCOVERED,
        RESOLVED,
        DISPUTED
    }

    public String eventId;
    public String marketId;
    public Kind kind;

    /**
     * Deterministic ordering time (the later of the causing input's ingest time and the market's
     * discovery time): the resolution stage applies updates in this order.
     */
    public long orderTime;

    /** Per-market update number: breaks ties of equal order time within a market. */
    public long marketSequence;

    /** Resolved outcome (RESOLVED only). */
    public String resolvedOutcomeId;

    /** Confidence (RESOLVED only). */
    public ResolutionConfidence confidence;

    /** Venue time of the resolution (RESOLVED only). */
    public long resolutionTime;

    /** Resolution source (RESOLVED only). */
    public String resolutionSource;

    /** Ingest time of the causing input. */
    public long ingestTime;

    public EventMarketUpdate() {}
}
