package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.raw.InputLimits;

/**
 * The WebSocket envelope of a Kalshi frame, for sequence bookkeeping (e.g. counting the {@code seq}
 * an {@code error} reply consumes on its {@code sid}). Read leniently, before and apart from the
 * parser: fields the frame does not have (or has in another type) are null, and only the parser
 * decides whether the frame is valid.
 *
 * @param type the message {@code type}
 * @param sid the subscription id
 * @param seq the sequence number within the subscription
 * @param marketTicker the market the message is about: {@code msg.market_ticker}, else a top-level
 *     {@code market_ticker}
 */
public record KalshiEnvelope(String type, Long sid, Long seq, String marketTicker) {

    /**
     * Reads the envelope of a frame's JSON within the default limits.
     *
     * @return the envelope, or null when the bytes are not a JSON object
     */
    public static KalshiEnvelope read(byte[] json) {
        return read(json, StrictJson.of(InputLimits.DEFAULTS));
    }

    /**
     * Reads the envelope of a frame's JSON with a reader of the parser's limits, so that the two
     * agree on which frames can be read at all.
     *
     * @return the envelope, or null when the bytes are not a JSON object within the limits
     */
    public static KalshiEnvelope read(byte[] bytes, StrictJson json) {
        JsonNode root;
        try {
            root = json.parse(bytes);
        } catch (RuntimeException e) {
            // Not a frame this reader can say anything about; the parser decides what it is.
            return null;
        }
        if (!root.isObject()) {
            return null;
        }
        JsonNode msg = root.get("msg");
        String ticker = msg == null ? null : textOrNull(msg, "market_ticker");
        return new KalshiEnvelope(
                textOrNull(root, "type"),
                longOrNull(root, "sid"),
                longOrNull(root, "seq"),
                ticker != null ? ticker : textOrNull(root, "market_ticker"));
    }

    private static String textOrNull(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Long longOrNull(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? value.longValue()
                : null;
    }
}
