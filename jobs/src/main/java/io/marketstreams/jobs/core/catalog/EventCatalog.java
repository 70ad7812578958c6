package io.marketstreams.jobs.core.catalog;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.VenueEventRef;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical event directory rules: an event is emitted on {@code events.discovered} the first
 * time it is seen (revision 1), and again only as a correction with a higher revision when its
 * descriptive fields change. Until cross-venue linking lands, each venue event is its own canonical
 * event with id {@code venue_id:venue_event_id}.
 */
public final class EventCatalog {

    /** What one event input produced. */
    public enum Disposition {
        DISCOVERED,
        CORRECTED,
        DUPLICATE
    }

    /**
     * @param disposition discovered, corrected or an unchanged repeat
     * @param event the record to emit (null for a repeat)
     */
    public record Result(Disposition disposition, Event event) {}

    /** Applies one venue event description to the event as last emitted (null if none). */
    public Result apply(Event previous, VenueMessage message, EventInfo info) {
        List<VenueEventRef> members = new ArrayList<>();
        members.add(new VenueEventRef(message.getVenueId(), info.getVenueEventId()));
        Event candidate =
                Event.newBuilder()
                        .setEventId(MarketIds.eventId(message.getVenueId(), info.getVenueEventId()))
                        .setRevision(previous == null ? 1 : previous.getRevision() + 1)
                        .setEventName(info.getEventName())
                        .setEventDescription(info.getEventDescription())
                        .setEventType(info.getEventType())
                        .setEventCategory(info.getEventCategory())
                        .setEventTags(new ArrayList<>(info.getEventTags()))
                        .setStartDate(info.getStartDate())
                        .setExpiryDate(info.getExpiryDate())
                        .setResolutionSource(info.getResolutionSource())
                        .setVenueEvents(members)
                        .setVenueEventTime(message.getVenueEventTime())
                        .setIngestTime(message.getIngestTime())
                        .build();
        if (previous == null) {
            return new Result(Disposition.DISCOVERED, candidate);
        }
        if (sameDescription(previous, candidate)) {
            return new Result(Disposition.DUPLICATE, null);
        }
        return new Result(Disposition.CORRECTED, candidate);
    }

    private static boolean sameDescription(Event a, Event b) {
        Event.Builder left =
                Event.newBuilder(a).setRevision(0).setVenueEventTime(0).setIngestTime(0);
        Event.Builder right =
                Event.newBuilder(b).setRevision(0).setVenueEventTime(0).setIngestTime(0);
        return left.build().equals(right.build());
    }
}
