package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import java.util.ArrayList;
import java.util.List;

/**
 * Which canonical event a market belongs to (docs/linking.md, "In the job"). The linker's signals
 * travel on another channel than the market's own input, so a market may see several of them before
 * its discovery, or after: the market keeps every assignment with its event time, is discovered
 * under the assignment in effect at its discovery time, and replays later ones as re-points, so
 * that the output is the same whichever arrived first.
 */
final class EventAssignments {
    private EventAssignments() {}

    /** The canonical id the linker gave a venue event at or before {@code time}. */
    static String assignedAt(MarketRecord rec, String venueEvent, long time) {
        String id = venueEvent;
        for (EventAssignment a : rec.eventAssignments) {
            if (a.venueEventKey.equals(venueEvent) && a.time <= time) {
                id = a.eventId;
            }
        }
        return id;
    }

    /** The assignments of a venue event after {@code time}, in arrival order. */
    static List<EventAssignment> after(MarketRecord rec, String venueEvent, long time) {
        List<EventAssignment> later = new ArrayList<>();
        for (EventAssignment a : rec.eventAssignments) {
            if (a.venueEventKey.equals(venueEvent) && a.time > time) {
                later.add(a);
            }
        }
        return later;
    }
}
