package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.json.StrictJson.describe;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * Polymarket's value notations on top of the shared field toolkit ({@link JsonFields}), used by
 * both its protocols: decimals in micro-units ({@link PolymarketDecimal}), CLOB token ids, and the
 * envelope of every message parsed from a frame.
 */
final class PolymarketValues {
    private PolymarketValues() {}

    /** A message of the venue: no sequence, the connection as its stream. */
    static VenueMessage message(RawFrame frame, long venueTime, Object payload) {
        return VenueMessage.newBuilder()
                .setVenueId(PolymarketFrameParser.VENUE_ID)
                .setVenueSequence(null)
                .setVenueStreamId(frame.connectionId())
                .setVenueEventTime(venueTime)
                .setIngestTime(frame.receiveTimeMs())
                .setRawSource(null)
                .setPayload(payload)
                .build();
    }

    /** A required decimal (a string, or a JSON number) in micro-units. */
    static long micros(JsonFields object, String name) {
        return toMicros(object.requireDecimal(name), object.pathOf(name));
    }

    /** A decimal's text in micro-units. */
    static long toMicros(String text, String path) {
        try {
            return PolymarketDecimal.toMicros(text);
        } catch (PolymarketDecimal.InvalidDecimalException e) {
            throw FieldRejection.malformed(path, e.getMessage());
        }
    }

    /** A required CLOB token id: a string of 1 to 78 decimal digits (a uint256), never a number. */
    static String tokenId(JsonFields object, String name) {
        JsonNode value = object.optionalValue(name);
        if (value != null && value.isNumber()) {
            throw object.malformed(
                    name, "token ids must be decimal strings, got " + describe(value));
        }
        String id = object.requireText(name);
        checkTokenId(id, object.pathOf(name));
        return id;
    }

    /** Rejects text that is not a token id. */
    static void checkTokenId(String id, String path) {
        boolean digits = !id.isEmpty() && id.length() <= PolymarketFrameParser.MAX_TOKEN_ID_DIGITS;
        for (int i = 0; digits && i < id.length(); i++) {
            char c = id.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits) {
            throw FieldRejection.malformed(
                    path,
                    "'"
                            + id
                            + "' is not a token id (1 to "
                            + PolymarketFrameParser.MAX_TOKEN_ID_DIGITS
                            + " decimal digits)");
        }
    }
}
