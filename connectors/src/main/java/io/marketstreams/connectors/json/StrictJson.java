package io.marketstreams.connectors.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON reader and writer of the venue frames. Reading is strict, so that a frame means one
 * thing: exact decimals (JSON floats become BigDecimals, never doubles), no trailing content after
 * the document, and no repeated keys (which value wins would otherwise be parser-defined). Writing
 * (for the frame builders of tests and the simulator) is compact and deterministic.
 */
public final class StrictJson {
    /** The mapper; thread-safe, configured once. */
    public static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private StrictJson() {}

    /**
     * A frame's JSON document (object, array or scalar).
     *
     * @throws FieldRejection {@code MALFORMED} for an empty frame ({@code empty frame}) or bytes
     *     that are not one JSON document ({@code not JSON: <Jackson's message>})
     */
    public static JsonNode read(byte[] payload) {
        if (payload.length == 0) {
            throw FieldRejection.malformed("", "empty frame");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw FieldRejection.malformed("", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw FieldRejection.malformed("", "not JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw FieldRejection.malformed("", "empty frame");
        }
        return root;
    }

    /**
     * JSON embedded in a string field (Gamma encodes lists as {@code "[\"Yes\", \"No\"]"}).
     *
     * @param path the field's path, for the rejection
     * @param expected what the text should hold, for the rejection ({@code a JSON array})
     * @return the document, or null when the text holds none (only blanks)
     * @throws FieldRejection {@code MALFORMED} when the text is not one JSON document
     */
    public static JsonNode readEmbedded(String text, String path, String expected) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            throw FieldRejection.malformed(
                    path, "expected " + expected + ", got '" + excerpt(text) + "'");
        }
    }

    /** A new, empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new, empty array node. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A node as compact JSON, UTF-8. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node as compact JSON text. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value for a rejection's problem: its JSON type and, for strings, numbers and booleans, its
     * first characters ({@code number 1.5}, {@code string "x"}, {@code object}, {@code null}).
     */
    public static String describe(JsonNode value) {
        String type = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        if (value.isContainerNode() || value.isNull()) {
            return type;
        }
        return type + " " + excerpt(value.toString());
    }

    /** Text cut to 40 characters, for rejection details. */
    public static String excerpt(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
