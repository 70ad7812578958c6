package io.marketstreams.jobs.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the event resolution stage keeps per canonical event. A Flink POJO. */
public final class EventResolutionState {
    /** Markets of the event by market id. */
    public Map<String, MarketOutcome> markets = new HashMap<>();

    /** Market relations in force within the event, as the linker last sent them. */
    public List<RelationEdge> relationEdges = new ArrayList<>();

    /**
     * The relations as a version before typed relations stored them ({@code a|b|SAME}): read once
     * through {@link #edges()} and cleared, never written.
     */
    public List<String> relations = new ArrayList<>();

    /** Revision of the last emitted {@code events.resolved} record; 0 before the first. */
    public int revision;

    /** Signature of the last emitted record: a repeat of the same content is not emitted. */
    public String lastSignature;

    /** Whether a FINAL record was emitted: the event is then immutable. */
    public boolean finalized;

    public EventResolutionState() {}

    /** The relations in force, typed; moves relations restored from an older version over. */
    public List<RelationEdge> edges() {
        if (relations != null && !relations.isEmpty()) {
            relationEdges = RelationEdge.fromLegacy(relations);
            relations = new ArrayList<>();
        }
        return relationEdges;
    }

    /** One market's resolution as the event stage knows it. A Flink POJO. */
    public static final class MarketOutcome {
        public boolean resolved;
        public boolean disputed;
        public String outcomeId;
        public io.marketstreams.schema.ResolutionConfidence confidence;
        public long resolutionTime;
        public String resolutionSource;

        public MarketOutcome() {}
    }
}
