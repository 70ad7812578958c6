package io.marketstreams.connectors.kalshi;

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
 * Kalshi: WebSocket v2 and REST v2 frames ({@link KalshiFrameParser}), numbered per subscription
 * ({@code sid}/{@code seq}), books of bids only for YES and NO, and its market statuses and
 * lifecycle event types (docs/venues/kalshi.md).
 */
public final class KalshiVenue implements Venue {

    /**
     * Every status {@link KalshiFrameParser} puts in {@code venue_status}: REST market statuses
     * (verbatim) and lifecycle event types.
     */
    private static final Map<String, VenueStatus> STATUSES =
            Map.ofEntries(
                    Map.entry("initialized", VenueStatus.CREATED),
                    Map.entry("created", VenueStatus.CREATED),
                    Map.entry("active", VenueStatus.OPENED),
                    Map.entry("activated", VenueStatus.OPENED),
                    Map.entry("inactive", VenueStatus.PAUSED),
                    Map.entry("deactivated", VenueStatus.PAUSED),
                    Map.entry("closed", VenueStatus.CLOSED),
                    Map.entry(
                            "determined",
                            VenueStatus.resolving(
                                    "RESOLUTION_DETERMINED", ResolutionConfidence.DETERMINED)),
                    Map.entry("disputed", VenueStatus.DISPUTED),
                    Map.entry(
                            "amended",
                            VenueStatus.resolving(
                                    "RESOLUTION_AMENDED", ResolutionConfidence.DETERMINED)),
                    Map.entry(
                            "finalized",
                            VenueStatus.resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL)),
                    Map.entry(
                            "settled",
                            VenueStatus.resolving("RESOLUTION_FINAL", ResolutionConfidence.FINAL)));

    private final InputLimits limits;
    private final StrictJson json;
    private final FrameParser parser;

    /** Creates the venue within the default limits; the registry holds the one instance. */
    public KalshiVenue() {
        this(InputLimits.DEFAULTS);
    }

    /** Creates the venue reading frames within the given limits. */
    public KalshiVenue(InputLimits limits) {
        this.limits = limits;
        this.json = StrictJson.of(limits);
        this.parser = new LimitedFrameParser(limits, new KalshiFrameParser(json));
    }

    @Override
    public String id() {
        return KalshiFrameParser.VENUE_ID;
    }

    @Override
    public FrameParser parser() {
        return parser;
    }

    /** The frame's {@code sid} and {@code seq}, when it has them. */
    @Override
    public FrameEnvelope envelope(byte[] payload) {
        KalshiEnvelope envelope = KalshiEnvelope.read(payload, json);
        if (envelope == null) {
            return FrameEnvelope.NONE;
        }
        return new FrameEnvelope(
                envelope.sid() == null ? null : String.valueOf(envelope.sid()), envelope.seq());
    }

    @Override
    public InputLimits limits() {
        return limits;
    }

    @Override
    public Venue withLimits(InputLimits other) {
        return other.equals(limits) ? this : new KalshiVenue(other);
    }

    @Override
    public BookConvention bookConvention() {
        return BookConvention.BIDS_ONLY_COMPLEMENT;
    }

    @Override
    public Map<String, VenueStatus> statuses() {
        return STATUSES;
    }

    @Override
    public StreamTopic rawTopic() {
        return StreamTopic.RAW_KALSHI;
    }
}
