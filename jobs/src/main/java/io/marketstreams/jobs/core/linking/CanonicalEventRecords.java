package io.marketstreams.jobs.core.linking;

import io.marketstreams.schema.Event;
import io.marketstreams.schema.VenueEventRef;
import io.marketstreams.schema.venue.EventInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code events.discovered} record of a group of linked venue events (docs/linking.md,
 * "Canonical events"): what it says, and when a new revision of it is due.
 */
final class CanonicalEventRecords {
    private CanonicalEventRecords() {}

    static Event withRevision(Event candidate, Event previous) {
        candidate.setRevision(previous == null ? 1 : previous.getRevision() + 1);
        return candidate;
    }

    /**
     * The group's canonical record: descriptive fields from the id's member; a null field is filled
     * from the other members in seen order; tags are the sorted union; venue events sorted by
     * (venue_id, venue_event_id).
     */
    static Event describe(String id, List<SeenEvent> members, EventLinker.Input input) {
        List<EventInfo> infos = new ArrayList<>();
        for (SeenEvent s : members) {
            if (s.key().key().equals(id)) {
                infos.add(0, s.info());
            } else {
                infos.add(s.info());
            }
        }
        EventInfo head = infos.get(0);
        Set<String> tags = new TreeSet<>();
        List<VenueEventKey> keys = new ArrayList<>();
        for (SeenEvent s : members) {
            tags.addAll(s.info().getEventTags());
            keys.add(s.key());
        }
        keys.sort(null);
        List<VenueEventRef> refs = new ArrayList<>();
        for (VenueEventKey k : keys) {
            refs.add(new VenueEventRef(k.venueId(), k.venueEventId()));
        }
        return Event.newBuilder()
                .setEventId(id)
                .setRevision(0)
                .setEventName(head.getEventName())
                .setEventDescription(first(infos, EventInfo::getEventDescription))
                .setEventType(first(infos, EventInfo::getEventType))
                .setEventCategory(first(infos, EventInfo::getEventCategory))
                .setEventTags(new ArrayList<>(tags))
                .setStartDate(first(infos, EventInfo::getStartDate))
                .setExpiryDate(first(infos, EventInfo::getExpiryDate))
                .setResolutionSource(first(infos, EventInfo::getResolutionSource))
                .setVenueEvents(refs)
                .setVenueEventTime(input.venueEventTime())
                .setIngestTime(input.ingestTime())
                .build();
    }

    private static <T> T first(List<EventInfo> infos, java.util.function.Function<EventInfo, T> f) {
        for (EventInfo info : infos) {
            T value = f.apply(info);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static boolean sameContent(Event a, Event b) {
        return Event.newBuilder(a)
                .setRevision(0)
                .setVenueEventTime(0)
                .setIngestTime(0)
                .build()
                .equals(
                        Event.newBuilder(b)
                                .setRevision(0)
                                .setVenueEventTime(0)
                                .setIngestTime(0)
                                .build());
    }
}
