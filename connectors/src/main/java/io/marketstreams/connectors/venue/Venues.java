package io.marketstreams.connectors.venue;

import io.marketstreams.connectors.kalshi.KalshiVenue;
import io.marketstreams.connectors.polymarket.PolymarketVenue;
import io.marketstreams.schema.StreamTopic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of venues: the one list the job, the adapters and the tools consult for anything
 * venue-specific (parser, envelope, book convention, status table, raw topic). A new venue is one
 * package implementing {@link Venue} plus one entry in {@link #ALL}.
 *
 * <p>Venue ids not registered here are never guessed at; what happens to them is decided here:
 *
 * <ul>
 *   <li>raw frames of an unknown venue have no parser: the job quarantines them as {@code
 *       UNKNOWN_MESSAGE} ({@link #find} is empty);
 *   <li>a status of an unknown venue has no meaning: {@link #statusOf} is null, and the job
 *       quarantines the message as {@code UNKNOWN_MESSAGE};
 *   <li>books of an unknown venue are read as full books per outcome ({@link #bookConvention}), the
 *       convention that needs no venue knowledge: every ladder is taken as it is given.
 * </ul>
 */
public final class Venues {
    /** Every registered venue, in a fixed order. */
    private static final List<Venue> ALL = List.of(new KalshiVenue(), new PolymarketVenue());

    private static final Map<String, Venue> BY_ID = byId(ALL);

    private Venues() {}

    /** Every registered venue, in a fixed order (Kalshi, Polymarket). */
    public static List<Venue> all() {
        return ALL;
    }

    /** The venue of an id, if registered. */
    public static Optional<Venue> find(String venueId) {
        return Optional.ofNullable(venueId == null ? null : BY_ID.get(venueId));
    }

    /**
     * The venue of an id.
     *
     * @throws IllegalArgumentException when no venue has the id
     */
    public static Venue require(String venueId) {
        return find(venueId)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown venue '"
                                                + venueId
                                                + "'; registered: "
                                                + ALL.stream().map(Venue::id).toList()));
    }

    /**
     * The book convention of a venue; {@link BookConvention#FULL_BOOK_PER_OUTCOME} for an id that
     * is not registered (see the class comment).
     */
    public static BookConvention bookConvention(String venueId) {
        return find(venueId)
                .map(Venue::bookConvention)
                .orElse(BookConvention.FULL_BOOK_PER_OUTCOME);
    }

    /**
     * The canonical meaning of a venue status; null when the status is null, the venue is not
     * registered, or its table does not list the status (the job then quarantines the input as
     * {@code UNKNOWN_MESSAGE}).
     */
    public static VenueStatus statusOf(String venueId, String venueStatus) {
        if (venueStatus == null) {
            return null;
        }
        return find(venueId).map(v -> v.statuses().get(venueStatus)).orElse(null);
    }

    /** The raw topics of every registered venue, in registry order. */
    public static List<StreamTopic> rawTopics() {
        return ALL.stream().map(Venue::rawTopic).toList();
    }

    private static Map<String, Venue> byId(List<Venue> venues) {
        Map<String, Venue> map = new LinkedHashMap<>();
        for (Venue venue : venues) {
            if (map.put(venue.id(), venue) != null) {
                throw new IllegalStateException("two venues with id " + venue.id());
            }
        }
        return Map.copyOf(map);
    }
}
