package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.Map;

/**
 * The venue status vocabulary and its mapping onto the five canonical market states
 * (docs/contract.md, "Venue status mapping"). Connectors put the venue's native status, or the
 * native lifecycle event type, verbatim in {@code venue_status}; this class is the only place that
 * interprets it. The simulator's venue {@code sim} speaks Kalshi's vocabulary.
 *
 * @param target the canonical state the status moves the market to
 * @param reason the {@code reason} of the resulting {@code market.state.updated} record
 * @param confidence for resolving statuses, how settled the resolution is; null otherwise
 */
public record VenueStatus(MarketState target, String reason, ResolutionConfidence confidence) {

    private static final VenueStatus CREATED =
            new VenueStatus(MarketState.PRE_OPEN, "VENUE_CREATED", null);
    private static final VenueStatus OPENED =
            new VenueStatus(MarketState.OPEN, "VENUE_OPENED", null);
    private static final VenueStatus PAUSED =
            new VenueStatus(MarketState.HALTED, "VENUE_PAUSED", null);
    private static final VenueStatus CLOSED =
            new VenueStatus(MarketState.HALTED, "TRADING_CLOSED", null);
    private static final VenueStatus DISPUTED =
            new VenueStatus(MarketState.DISPUTED, "RESOLUTION_DISPUTED", null);

    private static final Map<String, VenueStatus> KALSHI =
            Map.ofEntries(
                    Map.entry("initialized", CREATED),
                    Map.entry("created", CREATED),
                    Map.entry("active", OPENED),
                    Map.entry("activated", OPENED),
                    Map.entry("inactive", PAUSED),
                    Map.entry("deactivated", PAUSED),
                    Map.entry("closed", CLOSED),
                    Map.entry(
                            "determined",
                            resolving("RESOLUTION_DETERMINED", ResolutionConfidence.DETERMINED)),
                    Map.entry("disputed", DISPUTED),
                    Map.entry(
                            "amended",
                            resolving("RESOLUTION_AMENDED", ResolutionConfidence.DETERMINED)),
                    Map.entry(
                            "finalized", resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL)),
                    Map.entry(
                            "settled", resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL)));

    private static final Map<String, VenueStatus> POLYMARKET =
            Map.of(
                    "active",
                    OPENED,
                    "closed",
                    CLOSED,
                    "uma:proposed",
                    resolving("RESOLUTION_PROPOSED", ResolutionConfidence.PROPOSED),
                    "uma:disputed",
                    DISPUTED,
                    "uma:resolved",
                    resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL),
                    "resolved",
                    resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL));

    private static VenueStatus resolving(String reason, ResolutionConfidence confidence) {
        return new VenueStatus(MarketState.RESOLVED, reason, confidence);
    }

    /**
     * The canonical meaning of a venue status, or null when the venue or status is unknown (the
     * input is then quarantined as {@code UNKNOWN_MESSAGE}).
     */
    public static VenueStatus of(String venueId, String venueStatus) {
        if (venueStatus == null) {
            return null;
        }
        Map<String, VenueStatus> table =
                switch (venueId) {
                    case "kalshi", "sim" -> KALSHI;
                    case "polymarket" -> POLYMARKET;
                    default -> Map.of();
                };
        return table.get(venueStatus);
    }

    /** Every status a venue may send, for documentation and tests. */
    public static Map<String, VenueStatus> table(String venueId) {
        return switch (venueId) {
            case "kalshi", "sim" -> KALSHI;
            case "polymarket" -> POLYMARKET;
            default -> Map.of();
        };
    }
}
