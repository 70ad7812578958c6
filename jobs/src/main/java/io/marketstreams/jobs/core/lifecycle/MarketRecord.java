package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the lifecycle keeps for one market: its discovered metadata, state, resolution and
 * last trade. One keyed value per market in the market operator; a Flink POJO (the Avro fields are
 * serialized by Flink's Avro serializer), so it evolves with the class.
 */
public final class MarketRecord {
    /** The market as discovered, with metadata patches applied; null until discovered. */
    public Market market;

    /**
     * Revision of the metadata: 0 at discovery, +1 per {@code markets.updated} patch released (the
     * market stage numbers patches and re-points when it releases them, in event time order).
     */
    public long metadataRevision;

    /** Current state; null until discovered. */
    public MarketState state;

    /** Number of the last transition; 0 = the initial state of {@code markets.discovered}. */
    public long stateSequence;

    /** Venue time of the last applied status or discovery (older statuses are STALE). */
    public long stateTime = Long.MIN_VALUE;

    /** Reason of the current state. */
    public String stateReason;

    /** The last {@code markets.resolved} record; null while never resolved. */
    public MarketResolution resolution;

    /**
     * Venue events ({@code venue_id:venue_event_id}) this market has been told are discovered, with
     * the time of that signal.
     */
    public Map<String, Long> knownEvents = new HashMap<>();

    /**
     * Canonical event id of each known venue event, as the linker said at the market's discovery
     * time and, after it, as far as the market stage has released the linker's later assignments
     * (cross-venue linking, docs/linking.md); a venue event missing here is its own canonical
     * event.
     */
    public Map<String, String> canonicalEvents = new HashMap<>();

    /**
     * Every canonical event id the linker gave a venue event of this market before its discovery,
     * in arrival order. The market is discovered once the watermark passes its discovery time, when
     * every assignment up to that time has arrived: it takes the ids in force then, and the later
     * assignments wait in the market's outbox to be released as re-points. Emptied at discovery;
     * assignments arriving after it go to the outbox directly.
     */
    public List<EventAssignment> eventAssignments = new ArrayList<>();

    /** The market's venue event ({@code venue_id:venue_event_id}); null until discovered. */
    public String venueEventKey;

    /**
     * Ordering time of everything the market emits towards its event: the later of its discovering
     * input's ingest time and its event's signal (design: docs/contract.md, "Determinism across
     * keys").
     */
    public long discoveryTime = Long.MIN_VALUE;

    /** Last emitted trade price (micro-units); null before the first trade. */
    public Long lastTradePrice;

    /** Outcome of the last trade. */
    public String lastTradeOutcomeId;

    /** Venue time of the last trade. */
    public Long lastTradeTime;

    /** Applied messages since the last {@code markets.snapshots} record. */
    public int messagesSinceSnapshot;

    /** Records released to the event's resolution stage (orders them per market). */
    public long eventUpdates;

    /** Whether the books were closed (final CLOSED snapshots emitted). */
    public boolean booksClosed;

    /** Inputs held until the market (or its event) is discovered. */
    public int pending;

    /** Event time after which a resolved market's books and trade ids are cleared; null before. */
    public Long cleanupTime;

    /** Whether the books and trade ids were cleared. */
    public boolean cleaned;

    public MarketRecord() {}

    /** One linker signal: venue event → canonical event from a time on. A Flink POJO. */
    public static final class EventAssignment {
        /** The venue event, {@code venue_id:venue_event_id}. */
        public String venueEventKey;

        /** Its canonical event id from {@link #time} on. */
        public String eventId;

        /** Event time of the linker decision (ingest time of its cause), epoch ms. */
        public long time;

        /** Venue time of the linker decision's cause, epoch ms. */
        public long venueTime;

        public EventAssignment() {}

        /** An assignment. */
        public static EventAssignment of(
                String venueEventKey, String eventId, long time, long venueTime) {
            EventAssignment a = new EventAssignment();
            a.venueEventKey = venueEventKey;
            a.eventId = eventId;
            a.time = time;
            a.venueTime = venueTime;
            return a;
        }
    }

    /** Whether {@code markets.discovered} has been emitted. */
    public boolean discovered() {
        return market != null;
    }

    /**
     * Whether the record is as a new one: every field at its initial value. A market of which
     * nothing is known (its held input timed out before it was discovered or told of its event) has
     * such a record, and need not store it.
     */
    public boolean blank() {
        return market == null
                && metadataRevision == 0
                && state == null
                && stateSequence == 0
                && stateTime == Long.MIN_VALUE
                && stateReason == null
                && resolution == null
                && knownEvents.isEmpty()
                && canonicalEvents.isEmpty()
                && eventAssignments.isEmpty()
                && venueEventKey == null
                && discoveryTime == Long.MIN_VALUE
                && lastTradePrice == null
                && lastTradeOutcomeId == null
                && lastTradeTime == null
                && messagesSinceSnapshot == 0
                && eventUpdates == 0
                && !booksClosed
                && pending == 0
                && cleanupTime == null
                && !cleaned;
    }
}
