package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * Parses Kalshi's native frames into normalized {@link VenueMessage}s: a frame with a {@code type}
 * is a WebSocket v2 message ({@link KalshiSocketParser}), one without is a REST v2 response body
 * ({@link KalshiRestParser}). The mapping, what is ignored, and the time, sequence and decimal
 * rules are documented in {@code docs/venues/kalshi.md}; {@link KalshiFrames} builds frames of
 * exactly the shapes read here.
 *
 * <p>Stateless and deterministic: the same frame always gives equal messages. It never throws;
 * anything it cannot interpret is a {@link ParsedFrame.Rejected}: {@code MALFORMED} (not JSON,
 * wrong shape, unusable number or time; detail {@code path: problem}), {@code UNKNOWN_MESSAGE}
 * (unknown {@code type} or lifecycle {@code event_type}), {@code MISSING_FIELD} (detail: the
 * field's path, e.g. {@code msg.market_ticker}), {@code UNSUPPORTED_PAYLOAD} (a resolution Kalshi
 * gives no outcome for, such as {@code void}).
 */
public final class KalshiFrameParser implements FrameParser {
    /** The venue id of every message. */
    public static final String VENUE_ID = "kalshi";

    /** The {@code resolution_source} of every resolution. */
    public static final String RESOLUTION_SOURCE = "kalshi";

    private final StrictJson json;

    /** Creates a parser reading within the default limits (stateless; may be shared). */
    public KalshiFrameParser() {
        this(StrictJson.of(InputLimits.DEFAULTS));
    }

    /**
     * Creates a parser reading JSON with the given reader (its limits). The limits on sizes and on
     * what messages carry are {@link io.marketstreams.connectors.raw.LimitedFrameParser}'s, around
     * this parser.
     */
    public KalshiFrameParser(StrictJson json) {
        this.json = json;
    }

    @Override
    public ParsedFrame parse(RawFrame frame) {
        try {
            JsonNode root = json.parse(frame.payload());
            if (!root.isObject()) {
                return new ParsedFrame.Rejected(ReasonCode.MALFORMED, "frame is not a JSON object");
            }
            JsonFields fields = JsonFields.of(root, "");
            // The raw node: a "type" of JSON null is a wrong type, not an absent one.
            JsonNode type = root.get("type");
            if (type == null) {
                return KalshiRestParser.parse(new KalshiFrame(frame), fields);
            }
            if (!type.isTextual()) {
                throw FieldRejection.malformed(
                        "type", "expected a string, got " + StrictJson.describe(type));
            }
            return KalshiSocketParser.parse(new KalshiFrame(frame), type.textValue(), fields);
        } catch (FieldRejection r) {
            return r.toRejected();
        } catch (RuntimeException e) {
            // Never throw on input; an unexpected failure is still a frame we cannot interpret.
            return new ParsedFrame.Rejected(ReasonCode.MALFORMED, "unparsable frame: " + e);
        }
    }
}
