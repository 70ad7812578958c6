package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.lifecycle.MarketRecord;

/**
 * The linker's word to one market (the second input of {@code market-state}): the market's venue
 * event {@link #venueEventKey} is known, and is canonical event {@link #eventId} from {@link #time}
 * on — sent at the venue event's first assignment and at every re-point. A Flink POJO.
 */
public final class EventSignal {
    /** The market told. */
    public String marketId;

    /** The market's venue event, {@code venue_id:venue_event_id}. */
    public String venueEventKey;

    /** The canonical event id the linker gives the venue event from {@link #time} on. */
    public String eventId;

    /** Event time of the linker input that caused the decision (its ingest time), epoch ms. */
    public long time;

    /** Venue time of that input, epoch ms. */
    public long venueTime;

    public EventSignal() {}

    /** A signal. */
    public static EventSignal of(
            String marketId, String venueEventKey, String eventId, long time, long venueTime) {
        EventSignal s = new EventSignal();
        s.marketId = marketId;
        s.venueEventKey = venueEventKey;
        s.eventId = eventId;
        s.time = time;
        s.venueTime = venueTime;
        return s;
    }

    /** The assignment as the market record keeps it. */
    public MarketRecord.EventAssignment assignment() {
        return MarketRecord.EventAssignment.of(venueEventKey, eventId, time, venueTime);
    }
}
