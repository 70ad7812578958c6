package io.marketstreams.connectors.json;

import static io.marketstreams.connectors.json.StrictJson.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * Typed reads of the fields of one JSON object that knows its path in the frame, so every problem
 * is a {@link FieldRejection} naming the field ({@code msg.market_ticker}).
 *
 * <p>One naming rule for every reader: {@code requireX} returns the value or throws {@code
 * MISSING_FIELD} when the field is absent, JSON {@code null} or (for text and decimals) the empty
 * string; {@code optionalX} returns null in those cases. Both throw {@code MALFORMED} when the
 * field is present with the wrong JSON type: presence never excuses a wrong type. No reader ever
 * converts between types (a string {@code "true"} is not a boolean, a string {@code "5"} is not an
 * integer); decimals, which venues send as strings or as numbers, are the one field kind that
 * accepts both.
 */
public final class JsonFields {
    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * The fields of a JSON object.
     *
     * @param path the object's path from the frame's root; empty for the root
     * @throws FieldRejection {@code MALFORMED} when the value is not an object
     */
    public static JsonFields of(JsonNode value, String path) {
        Objects.requireNonNull(path, "path");
        if (value == null || !value.isObject()) {
            throw FieldRejection.malformed(
                    path,
                    "expected an object, got " + (value == null ? "nothing" : describe(value)));
        }
        return new JsonFields(value, path);
    }

    /**
     * An object without fields at a path: reads an absent optional object as a present empty one
     * (every {@code optionalX} null), where a venue may put the same fields in either place.
     */
    public static JsonFields empty(String path) {
        return new JsonFields(JsonNodeFactory.instance.objectNode(), path);
    }

    /** The object's path from the frame's root; empty for the root. */
    public String path() {
        return path;
    }

    /** The path of one of the object's fields. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The object itself. */
    public JsonNode node() {
        return object;
    }

    /** Whether the object has the key at all, even with the value JSON {@code null}. */
    public boolean hasKey(String name) {
        return object.has(name);
    }

    /** A missing-field rejection of one of the object's fields. */
    public FieldRejection missing(String name) {
        return FieldRejection.missing(pathOf(name));
    }

    /** A malformed-field rejection of one of the object's fields. */
    public FieldRejection malformed(String name, String problem) {
        return FieldRejection.malformed(pathOf(name), problem);
    }

    // ---------------------------------------------------------------- any value

    /** The field's value of any type, or null when absent or JSON {@code null}. */
    public JsonNode optionalValue(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The field's value of any type. */
    public JsonNode requireValue(String name) {
        return present(optionalValue(name), name);
    }

    // ---------------------------------------------------------------- text

    /** A string, or null when absent, JSON {@code null} or empty. */
    public String optionalText(String name) {
        JsonNode value = optionalValue(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(name, "expected a string, got " + describe(value));
        }
        String text = value.textValue();
        return text.isEmpty() ? null : text;
    }

    /** A non-empty string. */
    public String requireText(String name) {
        return present(optionalText(name), name);
    }

    // ---------------------------------------------------------------- numbers and booleans

    /** A JSON integer that fits a long, or null when absent or JSON {@code null}. */
    public Long optionalLong(String name) {
        JsonNode value = optionalValue(name);
        return value == null ? null : longValue(value, pathOf(name));
    }

    /** A JSON integer that fits a long. */
    public long requireLong(String name) {
        return present(optionalLong(name), name);
    }

    /**
     * The text of a decimal sent as a string or as a JSON number (in plain notation, never with an
     * exponent); null when absent, JSON {@code null} or the empty string. Whether the text is a
     * valid decimal in the venue's notation is the venue's rule, not this reader's.
     */
    public String optionalDecimal(String name) {
        JsonNode value = optionalValue(name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? null : value.textValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        throw malformed(name, "expected a decimal, got " + describe(value));
    }

    /** The text of a decimal sent as a string or as a JSON number. */
    public String requireDecimal(String name) {
        return present(optionalDecimal(name), name);
    }

    /** A JSON boolean, or null when absent or JSON {@code null}. */
    public Boolean optionalBool(String name) {
        JsonNode value = optionalValue(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw malformed(name, "expected a boolean, got " + describe(value));
        }
        return value.booleanValue();
    }

    /** A JSON boolean. */
    public boolean requireBool(String name) {
        return present(optionalBool(name), name);
    }

    // ---------------------------------------------------------------- containers

    /** A nested object, or null when absent or JSON {@code null}. */
    public JsonFields optionalObject(String name) {
        JsonNode value = optionalValue(name);
        return value == null ? null : of(value, pathOf(name));
    }

    /** A nested object. */
    public JsonFields requireObject(String name) {
        return present(optionalObject(name), name);
    }

    /** A nested array, or null when absent or JSON {@code null}. */
    public JsonElements optionalArray(String name) {
        JsonNode value = optionalValue(name);
        return value == null ? null : JsonElements.of(value, pathOf(name));
    }

    /** A nested array. */
    public JsonElements requireArray(String name) {
        return present(optionalArray(name), name);
    }

    /** A value an optional reader returned, which a required field must have. */
    private <T> T present(T value, String name) {
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /**
     * A JSON integer that fits a long, for values read outside an object (array elements, values a
     * venue rule has already picked).
     *
     * @param path the value's path, for the rejection
     * @throws FieldRejection {@code MALFORMED} for any other value (a fraction, a string, a number
     *     beyond a long)
     */
    public static long longValue(JsonNode value, String path) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw FieldRejection.malformed(path, "expected an integer, got " + describe(value));
    }
}
