package io.marketstreams.jobs.core.catalog;

import io.marketstreams.schema.ResolutionConfidence;
import java.util.List;

/**
 * What the event's resolution stage learns: from the market operator, that one market was
 * discovered (or joined the event), resolved (with the result), disputed, or left the event (a
 * cross-venue re-point); from the linker, the market relations in force within the event. A Flink
 * POJO.
 */
public final class EventMarketUpdate {
    /** Kinds of update. */
    public enum Kind {
        DISCOVERED,
        RESOLVED,
        DISPUTED,
        /** The market was re-pointed to another canonical event. */
        LEFT,
        /** From the linker: {@link #relations} replaces the event's market relations. */
        RELATIONS
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

    /**
     * RELATIONS only: the relations in force between the event's markets, each {@code
     * market_a|market_b|SAME} or {@code market_a|market_b|COMPLEMENT}.
     */
    public List<String> relations;

    /** Ingest time of the causing input. */
    public long ingestTime;

    public EventMarketUpdate() {}
}
