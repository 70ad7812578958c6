package io.marketstreams.jobs.core.linking;

import io.marketstreams.schema.venue.EventInfo;
import java.util.Comparator;

/**
 * A venue event the linker has seen: its key, its last description, and when it was first seen
 * (which orders a group's members, and so picks its canonical id).
 */
record SeenEvent(VenueEventKey key, EventInfo info, long firstIngestTime) {
    /** Members in the order they were first seen; ties by key. */
    static final Comparator<SeenEvent> ORDER =
            Comparator.comparingLong(SeenEvent::firstIngestTime).thenComparing(s -> s.key().key());
}
