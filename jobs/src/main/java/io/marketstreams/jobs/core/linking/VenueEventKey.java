package io.marketstreams.jobs.core.linking;

import io.marketstreams.jobs.core.MarketIds;
import java.util.Comparator;
import java.util.Objects;

/**
 * One venue event: (venue id, venue-native event id). Its {@link #key()} {@code
 * venue_id:venue_event_id} is also the canonical event id of a group anchored on it, so ids never
 * need a separate id generator.
 *
 * @param venueId venue id, lower case
 * @param venueEventId venue-native event id
 */
public record VenueEventKey(String venueId, String venueEventId)
        implements Comparable<VenueEventKey> {

    private static final Comparator<VenueEventKey> ORDER =
            Comparator.comparing(VenueEventKey::venueId).thenComparing(VenueEventKey::venueEventId);

    /** Rejects null or blank parts: a link to nothing is a data error, not an empty group. */
    public VenueEventKey {
        requireText(venueId, "venueId");
        requireText(venueEventId, "venueEventId");
    }

    /** {@code venue_id:venue_event_id}, as {@link MarketIds#eventId}. */
    public String key() {
        return MarketIds.eventId(venueId, venueEventId);
    }

    @Override
    public int compareTo(VenueEventKey other) {
        return ORDER.compare(this, other);
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
