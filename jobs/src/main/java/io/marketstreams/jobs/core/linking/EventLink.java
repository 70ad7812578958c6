package io.marketstreams.jobs.core.linking;

import java.util.Objects;

/**
 * One link record: venue event {@code (venueId, venueEventId)} belongs with the canonical group
 * named {@code canonicalKey}. The canonical key is usually another venue event's {@code
 * venue_id:venue_event_id} (linking the two), and may be the venue event's own key (a curated
 * "stands alone" pin, which keeps rules away from it). Links are undirected edges: two links with
 * the same canonical key put their venue events into one group.
 *
 * <p>The canonical key is not the canonical {@code event_id}: the id is derived from the group's
 * members by {@link EventLinker} (docs/linking.md), so that it stays stable as links change.
 *
 * @param venueId venue of the linked venue event
 * @param venueEventId venue-native id of the linked venue event
 * @param canonicalKey group key the venue event is linked to
 * @param confidence basis points 0..10000
 * @param provenance curated, or the rule that proposed it
 * @param revision version of this link record, from 1; a curated change must raise it
 */
public record EventLink(
        String venueId,
        String venueEventId,
        String canonicalKey,
        int confidence,
        Provenance provenance,
        int revision) {

    /** Validates every field; a bad link must fail where it is made, not deep in the linker. */
    public EventLink {
        VenueEventKey.requireText(venueId, "venueId");
        VenueEventKey.requireText(venueEventId, "venueEventId");
        VenueEventKey.requireText(canonicalKey, "canonicalKey");
        Confidence.check(confidence);
        Objects.requireNonNull(provenance, "provenance");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1: " + revision);
        }
    }

    /** The linked venue event. */
    public VenueEventKey venueEvent() {
        return new VenueEventKey(venueId, venueEventId);
    }

    /** True when the link pins a venue event to itself (a curated "stands alone"). */
    public boolean isPin() {
        return venueEvent().key().equals(canonicalKey);
    }

    /**
     * Identity of the link, independent of direction, confidence, rule name and revision: a later
     * record with the same identity replaces the earlier one. Curated and rule links never share an
     * identity, because the curated one must win rather than be overwritten.
     */
    public String identity() {
        String a = venueEvent().key();
        String b = canonicalKey;
        String low = a.compareTo(b) <= 0 ? a : b;
        String high = a.compareTo(b) <= 0 ? b : a;
        return low + "|" + high + "|" + provenance.kind();
    }
}
