package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which canonical event a market belongs to at its discovery (docs/linking.md, "In the job"). The
 * linker's signals travel on another channel than the market's own input, so a market may see
 * several of them before its discovery: it keeps them with their event time, is discovered once the
 * watermark passes its discovery time (when every assignment up to that time has arrived) under the
 * ids in force then, and hands the later ones to its outbox, which releases them as re-points in
 * time order ({@link OutboxRelease}).
 */
final class EventAssignments {
    private EventAssignments() {}

    /**
     * The canonical id of each venue event as in force at {@code time}: its last assignment (in
     * arrival order, which is the linker's order) at or before it. Venue events without one are
     * missing: each is its own canonical event.
     */
    static Map<String, String> inForceAt(MarketRecord rec, long time) {
        Map<String, String> ids = new HashMap<>();
        for (EventAssignment a : rec.eventAssignments) {
            if (a.time <= time) {
                ids.put(a.venueEventKey, a.eventId);
            }
        }
        return ids;
    }

    /** The assignments of any venue event after {@code time}, in arrival order. */
    static List<EventAssignment> after(MarketRecord rec, long time) {
        List<EventAssignment> later = new ArrayList<>();
        for (EventAssignment a : rec.eventAssignments) {
            if (a.time > time) {
                later.add(a);
            }
        }
        return later;
    }
}
