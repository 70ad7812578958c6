package io.marketstreams.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.marketstreams.connectors.raw.InputLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one JSON reader and writer of the venue frames. Reading is strict, so that a frame means one
 * thing: well-formed UTF-8 only ({@link Utf8Check}), exact decimals (JSON floats become
 * BigDecimals, never doubles), no trailing content after the document, and no repeated keys (which
 * value wins would otherwise be parser-defined). It is bounded, so that no frame costs more than
 * its size: Jackson's stream constraints cap the nesting depth, the length of a number's text and
 * the document's size, and a decimal whose plain notation would be longer than a number may be
 * ({@code 1e999999999}) is refused while the tree is built, before anything expands it. A frame
 * beyond a bound is {@code MALFORMED} with a detail starting {@value InputLimits#EXCEEDED}. Writing
 * (for the frame builders of tests and the simulator) is compact and deterministic.
 *
 * <p>{@link #read(byte[])} reads within {@link InputLimits#DEFAULTS}; a reader of other limits is
 * {@link #of(InputLimits)}. Instances are immutable and thread-safe.
 */
public final class StrictJson {
    /** The mapper of the default limits; thread-safe, configured once. */
    public static final JsonMapper MAPPER = mapper(InputLimits.DEFAULTS);

    private static final StrictJson DEFAULT = new StrictJson(InputLimits.DEFAULTS, MAPPER);

    private final InputLimits limits;
    private final JsonMapper mapper;

    private StrictJson(InputLimits limits, JsonMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    /** A reader within the given limits (the default reader for the default limits). */
    public static StrictJson of(InputLimits limits) {
        return limits.equals(InputLimits.DEFAULTS)
                ? DEFAULT
                : new StrictJson(limits, mapper(limits));
    }

    /** The limits this reader reads within. */
    public InputLimits limits() {
        return limits;
    }

    /**
     * A frame's JSON document within the default limits; see {@link #parse(byte[])}.
     *
     * @throws FieldRejection as {@link #parse(byte[])}
     */
    public static JsonNode read(byte[] payload) {
        return DEFAULT.parse(payload);
    }

    /**
     * A frame's JSON document (object, array or scalar).
     *
     * @throws FieldRejection {@code MALFORMED} for an empty frame ({@code empty frame}), bytes that
     *     are not one JSON document ({@code not JSON: <Jackson's message>}, which names most
     *     invalid UTF-8) or not UTF-8 although Jackson read them ({@code not UTF-8: ...}), or
     *     beyond the limits (deeper, longer or with a longer number than they allow: detail {@code
     *     limit exceeded: ...})
     */
    public JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            throw FieldRejection.malformed("", "empty frame");
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw rejection(e);
        }
        // After the read, which already refuses most bad bytes with its own message (the one
        // earlier releases quarantined with): this catches what it lets through, such as overlong
        // forms and UTF-16.
        String utf8 = Utf8Check.problem(payload);
        if (utf8 != null) {
            throw FieldRejection.malformed("", "not UTF-8: " + utf8);
        }
        if (root == null || root.isMissingNode()) {
            throw FieldRejection.malformed("", "empty frame");
        }
        return root;
    }

    /**
     * The rejection of a failed read: the limit it broke, or {@code not JSON}. Jackson may wrap the
     * cause, so the chain is searched.
     */
    private static FieldRejection rejection(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FieldRejection r) {
                return r;
            }
            if (t instanceof StreamConstraintsException c) {
                return FieldRejection.limitExceeded("", c.getOriginalMessage());
            }
        }
        String message =
                e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return FieldRejection.malformed("", "not JSON: " + message);
    }

    private static JsonMapper mapper(InputLimits limits) {
        JsonFactory factory =
                JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(limits.maxJsonDepth())
                                        .maxNumberLength(limits.maxNumberLength())
                                        .maxDocumentLength(limits.maxFrameBytes())
                                        .build())
                        .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .nodeFactory(new BoundedDecimals(limits.maxNumberLength()))
                .build();
    }

    /**
     * Refuses, as the tree is built, a decimal whose plain notation would be longer than a number
     * may be: {@code 1e999999999} is 11 characters of text but a billion digits once written out,
     * as the readers of decimals do.
     */
    private static final class BoundedDecimals extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        private final int maxLength;

        BoundedDecimals(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            if (value != null) {
                long plain =
                        value.scale() <= 0
                                ? (long) value.precision() - value.scale()
                                : Math.max(value.precision(), (long) value.scale() + 1);
                if (plain > maxLength) {
                    throw FieldRejection.limitExceeded(
                            "",
                            "a number of "
                                    + plain
                                    + " digits in plain notation is longer than the limit of "
                                    + maxLength);
                }
            }
            return super.numberNode(value);
        }
    }

    /**
     * JSON embedded in a string field (Gamma encodes lists as {@code "[\"Yes\", \"No\"]"}).
     *
     * @param path the field's path, for the rejection
     * @param expected what the text should hold, for the rejection ({@code a JSON array})
     * @return the document, or null when the text holds none (only blanks)
     * @throws FieldRejection {@code MALFORMED} when the text is not one JSON document or is beyond
     *     the default limits
     */
    public static JsonNode readEmbedded(String text, String path, String expected) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException | RuntimeException e) {
            FieldRejection r = rejection(e);
            if (r.isLimitExceeded()) {
                throw FieldRejection.limitExceeded(path, r.problem());
            }
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
