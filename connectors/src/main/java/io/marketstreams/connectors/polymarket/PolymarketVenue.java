package io.marketstreams.connectors.polymarket;

import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.LimitedFrameParser;
import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.FrameEnvelope;
import io.marketstreams.connectors.venue.Venue;
import io.marketstreams.connectors.venue.VenueStatus;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.StreamTopic;
import java.util.Map;

/**
 * Polymarket: CLOB market-channel WebSocket messages and Gamma REST bodies ({@link
 * PolymarketFrameParser}), not numbered, a full book per outcome token, and the statuses Gamma and
 * the market channel give (docs/venues/polymarket.md).
 */
public final class PolymarketVenue implements Venue {

    /**
     * Every status {@link PolymarketFrameParser} puts in {@code venue_status}: Gamma's {@code
     * active}/{@code closed} flags, its UMA statuses ({@code uma:} prefix), and {@code resolved} of
     * {@code market_resolved}.
     */
    private static final Map<String, VenueStatus> STATUSES =
            Map.of(
                    "active",
                    VenueStatus.OPENED,
                    "closed",
                    VenueStatus.CLOSED,
                    PolymarketFrameParser.UMA_STATUS_PREFIX + "proposed",
                    VenueStatus.resolving("RESOLUTION_PROPOSED", ResolutionConfidence.PROPOSED),
                    PolymarketFrameParser.UMA_STATUS_PREFIX + "disputed",
                    VenueStatus.DISPUTED,
                    PolymarketFrameParser.UMA_STATUS_PREFIX + "resolved",
                    VenueStatus.resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL),
                    PolymarketFrameParser.MARKET_RESOLVED_STATUS,
                    VenueStatus.resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL));

    private final InputLimits limits;
    private final FrameParser parser;

    /** Creates the venue within the default limits; the registry holds the one instance. */
    public PolymarketVenue() {
        this(InputLimits.DEFAULTS);
    }

    /** Creates the venue reading frames within the given limits. */
    public PolymarketVenue(InputLimits limits) {
        this.limits = limits;
        this.parser =
                new LimitedFrameParser(limits, new PolymarketFrameParser(StrictJson.of(limits)));
    }

    @Override
    public String id() {
        return PolymarketFrameParser.VENUE_ID;
    }

    @Override
    public FrameParser parser() {
        return parser;
    }

    /** Polymarket does not number its frames: every frame is outside any numbering. */
    @Override
    public FrameEnvelope envelope(byte[] payload) {
        return FrameEnvelope.NONE;
    }

    @Override
    public InputLimits limits() {
        return limits;
    }

    @Override
    public Venue withLimits(InputLimits other) {
        return other.equals(limits) ? this : new PolymarketVenue(other);
    }

    @Override
    public BookConvention bookConvention() {
        return BookConvention.FULL_BOOK_PER_OUTCOME;
    }

    @Override
    public Map<String, VenueStatus> statuses() {
        return STATUSES;
    }

    @Override
    public StreamTopic rawTopic() {
        return StreamTopic.RAW_POLYMARKET;
    }
}
