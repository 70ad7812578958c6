package io.marketstreams.connectors.json;

import static io.marketstreams.connectors.json.StrictJson.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The elements of one JSON array that knows its path in the frame ({@code markets}, element paths
 * {@code markets[2]}); the array counterpart of {@link JsonFields}, with the same rejections.
 */
public final class JsonElements {
    private final JsonNode array;
    private final String path;

    private JsonElements(JsonNode array, String path) {
        this.array = array;
        this.path = path;
    }

    /**
     * The elements of a JSON array.
     *
     * @param path the array's path from the frame's root; empty for a root array
     * @throws FieldRejection {@code MALFORMED} when the value is not an array
     */
    public static JsonElements of(JsonNode value, String path) {
        Objects.requireNonNull(path, "path");
        if (value == null || !value.isArray()) {
            throw FieldRejection.malformed(
                    path,
                    "expected an array, got " + (value == null ? "nothing" : describe(value)));
        }
        return new JsonElements(value, path);
    }

    /** The array's path from the frame's root; empty for a root array. */
    public String path() {
        return path;
    }

    /** The path of the element at an index. */
    public String pathOf(int index) {
        return path + "[" + index + "]";
    }

    /** The number of elements. */
    public int size() {
        return array.size();
    }

    /** Whether the array has no elements. */
    public boolean isEmpty() {
        return array.isEmpty();
    }

    /** The element at an index, of any type (JSON {@code null} included). */
    public JsonNode value(int index) {
        return array.get(index);
    }

    /** The element at an index, which must be an object. */
    public JsonFields object(int index) {
        return JsonFields.of(array.get(index), pathOf(index));
    }

    /** The element at an index, which must be an array. */
    public JsonElements array(int index) {
        return of(array.get(index), pathOf(index));
    }

    /** The element at an index, which must be a JSON integer that fits a long. */
    public long longValue(int index) {
        return JsonFields.longValue(array.get(index), pathOf(index));
    }

    /** The element at an index, which must be a string (empty allowed). */
    public String text(int index) {
        JsonNode value = array.get(index);
        if (!value.isTextual()) {
            throw FieldRejection.malformed(
                    pathOf(index), "expected a string, got " + describe(value));
        }
        return value.textValue();
    }
}
