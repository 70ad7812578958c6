package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketUpdate;

/**
 * One thing waiting in a market's {@link MarketOutbox} for the watermark to pass its {@link #time}:
 * a record whose content depends on the market's canonical event, decided but not yet stamped, or a
 * linker assignment not yet applied. Which fields are set follows from {@link #kind} (the factories
 * below are the only way they are built). A Flink POJO, kept in the market's keyed state.
 */
public final class OutboxEntry {
    /** What waits. */
    public enum Kind {
        /** A {@code markets.snapshots} record: {@link #snapshot}. */
        SNAPSHOT,
        /** A {@code markets.updated} patch ({@link #update}) moving to {@link #venueEventKey}. */
        UPDATE,
        /** A {@code markets.resolved} record: {@link #resolution}. */
        RESOLUTION,
        /** An update for the event stage of kind {@link #eventKind}. */
        TO_EVENT,
        /** The linker's {@link #assignment}, applied (a re-point, maybe) at its time. */
        ASSIGNMENT
    }

    public Kind kind;

    /**
     * Event time from which the entry may be released: for records the order time of the input that
     * decided them (never below an earlier record's: {@link MarketOutbox#add}); for an assignment
     * its {@code time}.
     */
    public long time;

    /** SNAPSHOT: the record, stamped with the event id and metadata revision at release. */
    public MarketSnapshot snapshot;

    /** UPDATE: the patch, stamped with its revision (and {@code event_id}) at release. */
    public MarketUpdate update;

    /** UPDATE: the market's venue event after the patch. */
    public String venueEventKey;

    /** RESOLUTION, and TO_EVENT of kind RESOLVED: the market's resolution. */
    public MarketResolution resolution;

    /** TO_EVENT: the kind of update for the event stage. */
    public EventMarketUpdate.Kind eventKind;

    /** TO_EVENT: ingest time of the causing input. */
    public long ingestTime;

    /** ASSIGNMENT: the linker's assignment. */
    public EventAssignment assignment;

    public OutboxEntry() {}

    static OutboxEntry snapshot(MarketSnapshot snapshot, long time) {
        OutboxEntry e = of(Kind.SNAPSHOT, time);
        e.snapshot = snapshot;
        return e;
    }

    static OutboxEntry update(MarketUpdate update, String venueEventKey, long time) {
        OutboxEntry e = of(Kind.UPDATE, time);
        e.update = update;
        e.venueEventKey = venueEventKey;
        return e;
    }

    static OutboxEntry resolution(MarketResolution resolution, long time) {
        OutboxEntry e = of(Kind.RESOLUTION, time);
        e.resolution = MarketResolution.newBuilder(resolution).build();
        return e;
    }

    /**
     * @param resolution the market's resolution for RESOLVED, else null
     */
    static OutboxEntry toEvent(
            EventMarketUpdate.Kind kind, MarketResolution resolution, long ingestTime, long time) {
        OutboxEntry e = of(Kind.TO_EVENT, time);
        e.eventKind = kind;
        e.resolution = resolution == null ? null : MarketResolution.newBuilder(resolution).build();
        e.ingestTime = ingestTime;
        return e;
    }

    static OutboxEntry assignment(EventAssignment assignment) {
        OutboxEntry e = of(Kind.ASSIGNMENT, assignment.time);
        e.assignment = assignment;
        return e;
    }

    private static OutboxEntry of(Kind kind, long time) {
        OutboxEntry e = new OutboxEntry();
        e.kind = kind;
        e.time = time;
        return e;
    }
}
