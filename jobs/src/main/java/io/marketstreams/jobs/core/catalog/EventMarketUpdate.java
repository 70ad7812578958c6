package io.marketstreams.jobs.core.catalog;

import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.ArrayList;
import java.util.List;

/**
 * What an event's resolution stage learns, in one of five kinds: from the market stage, that one
 * market was discovered under the event (or joined it), resolved (with the result), disputed, or
 * left it (a cross-venue re-point); from the linker, the market relations in force within the
 * event. Built only by {@link #fromMarket} and {@link #relations}. A Flink POJO: the resolution
 * stage buffers it in keyed state until the watermark passes its {@link #orderTime}.
 */
public final class EventMarketUpdate {
    /** Kinds of update. */
    public enum Kind {
        DISCOVERED,
        RESOLVED,
        DISPUTED,
        /** The market was re-pointed to another canonical event. */
        LEFT,
        /** From the linker: {@link #relationEdges} replaces the event's market relations. */
        RELATIONS
    }

    public String eventId;

    /** The market; empty for RELATIONS. */
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

    /** RELATIONS only: the relations in force between the event's markets. */
    public List<RelationEdge> relationEdges;

    /**
     * RELATIONS buffered by a version before typed relations, as {@code a|b|SAME} strings: read
     * once through {@link #edges()}, never written.
     */
    public List<String> relations;

    /** Ingest time of the causing input. */
    public long ingestTime;

    public EventMarketUpdate() {}

    /**
     * An update from the market stage.
     *
     * @param resolution the market's resolution, for RESOLVED; else null
     */
    public static EventMarketUpdate fromMarket(
            String eventId,
            String marketId,
            Kind kind,
            long orderTime,
            long marketSequence,
            long ingestTime,
            MarketResolution resolution) {
        if (kind == Kind.RELATIONS || (kind == Kind.RESOLVED) != (resolution != null)) {
            throw new IllegalArgumentException(kind + " with resolution " + resolution);
        }
        EventMarketUpdate u = new EventMarketUpdate();
        u.eventId = eventId;
        u.marketId = marketId;
        u.kind = kind;
        u.orderTime = orderTime;
        u.marketSequence = marketSequence;
        u.ingestTime = ingestTime;
        if (resolution != null) {
            u.resolvedOutcomeId = resolution.getResolvedOutcomeId();
            u.confidence = resolution.getConfidenceLevel();
            u.resolutionTime = resolution.getResolutionTime();
            u.resolutionSource = resolution.getResolutionSource();
        }
        return u;
    }

    /** The linker's relations in force within an event, from {@code orderTime} on. */
    public static EventMarketUpdate relations(
            String eventId, long orderTime, long ingestTime, List<RelationEdge> edges) {
        EventMarketUpdate u = new EventMarketUpdate();
        u.eventId = eventId;
        u.marketId = "";
        u.kind = Kind.RELATIONS;
        u.orderTime = orderTime;
        u.ingestTime = ingestTime;
        u.relationEdges = new ArrayList<>(edges);
        return u;
    }

    /** The relations of a RELATIONS update, typed (also when buffered by an older version). */
    public List<RelationEdge> edges() {
        if (relationEdges != null) {
            return relationEdges;
        }
        return relations == null ? List.of() : RelationEdge.fromLegacy(relations);
    }
}
