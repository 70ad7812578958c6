package io.marketstreams.connectors.venue;

import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.ResolutionConfidence;

/**
 * The canonical meaning of one venue status (docs/contract.md, "Venue status mapping"). Connectors
 * put the venue's native status, or the native lifecycle event type, verbatim in {@code
 * venue_status}; each {@link Venue}'s {@link Venue#statuses() status table} maps it onto one of the
 * five canonical market states, and the job interprets it only through {@link Venues#statusOf}.
 *
 * @param target the canonical state the status moves the market to
 * @param reason the {@code reason} of the resulting {@code market.state.updated} record
 * @param confidence for resolving statuses, how settled the resolution is; null otherwise
 */
public record VenueStatus(MarketState target, String reason, ResolutionConfidence confidence) {

    /** The venue created the market; trading has not opened. */
    public static final VenueStatus CREATED =
            new VenueStatus(MarketState.PRE_OPEN, "VENUE_CREATED", null);

    /** Trading is open. */
    public static final VenueStatus OPENED =
            new VenueStatus(MarketState.OPEN, "VENUE_OPENED", null);

    /** The venue paused trading. */
    public static final VenueStatus PAUSED =
            new VenueStatus(MarketState.HALTED, "VENUE_PAUSED", null);

    /** Trading has closed, the outcome is not known yet. */
    public static final VenueStatus CLOSED =
            new VenueStatus(MarketState.HALTED, "TRADING_CLOSED", null);

    /** A proposed resolution is disputed. */
    public static final VenueStatus DISPUTED =
            new VenueStatus(MarketState.DISPUTED, "RESOLUTION_DISPUTED", null);

    /** A resolving status: the market moves to {@code RESOLVED} with this confidence. */
    public static VenueStatus resolving(String reason, ResolutionConfidence confidence) {
        return new VenueStatus(MarketState.RESOLVED, reason, confidence);
    }
}
