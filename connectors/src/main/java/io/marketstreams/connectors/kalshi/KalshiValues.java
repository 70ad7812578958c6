package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.json.StrictJson.describe;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonFields;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * Kalshi's value notations read from JSON into the units of the normalized records, on top of the
 * shared field toolkit ({@link JsonFields}): dollar prices, fixed-point counts, legacy cents and
 * contract counts ({@link KalshiDecimals}), and Kalshi's two time notations. Every problem is a
 * {@link FieldRejection} at the value's path.
 */
final class KalshiValues {

    /** Go's zero time, which some REST objects use for "not set". */
    private static final String ZERO_TIME_PREFIX = "0001-01-01T00:00:00";

    private KalshiValues() {}

    /** A dollar price (a string, or a JSON number) in micro-units. */
    static long dollars(JsonNode value, String path) {
        try {
            if (value.isTextual()) {
                return KalshiDecimals.dollarsToMicros(value.textValue());
            }
            if (value.isNumber()) {
                return KalshiDecimals.dollarsToMicros(value.decimalValue());
            }
        } catch (NumberFormatException e) {
            throw FieldRejection.malformed(path, e.getMessage());
        }
        throw FieldRejection.malformed(path, "expected a dollar string, got " + describe(value));
    }

    /** A fixed-point contract count (a string, or a JSON number) in micro-contracts. */
    static long count(JsonNode value, String path, boolean signed) {
        try {
            if (value.isTextual()) {
                return signed
                        ? KalshiDecimals.signedCountToMicros(value.textValue())
                        : KalshiDecimals.countToMicros(value.textValue());
            }
            if (value.isNumber()) {
                return KalshiDecimals.countToMicros(value.decimalValue(), signed);
            }
        } catch (NumberFormatException e) {
            throw FieldRejection.malformed(path, e.getMessage());
        }
        throw FieldRejection.malformed(
                path, "expected a fixed-point count string, got " + describe(value));
    }

    /** Legacy integer cents in micro-units. */
    static long cents(JsonNode value, String path) {
        long cents = integer(value, path);
        try {
            return KalshiDecimals.centsToMicros(cents);
        } catch (NumberFormatException e) {
            throw FieldRejection.malformed(path, e.getMessage());
        }
    }

    /** A legacy integer contract count in micro-contracts. */
    static long contracts(JsonNode value, String path, boolean signed) {
        long contracts = integer(value, path);
        try {
            return KalshiDecimals.contractsToMicros(contracts, signed);
        } catch (NumberFormatException e) {
            throw FieldRejection.malformed(path, e.getMessage());
        }
    }

    /**
     * A point in time as epoch milliseconds, or null when absent or empty: an RFC 3339 string
     * ({@code "2026-01-01T12:00:00Z"}, {@code "2026-01-01T12:00:00.123456+00:00"}; sub-millisecond
     * digits are truncated; Go's zero time {@code 0001-01-01T00:00:00Z} counts as absent), or an
     * integer of epoch seconds.
     */
    static Long epochMillis(JsonFields object, String name) {
        JsonNode value = object.optionalValue(name);
        if (value == null) {
            return null;
        }
        String path = object.pathOf(name);
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.isEmpty() || text.startsWith(ZERO_TIME_PREFIX)) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw FieldRejection.malformed(path, "not an RFC 3339 time: '" + text + "'");
            }
        }
        long seconds = integer(value, path);
        try {
            return Math.multiplyExact(seconds, 1000L);
        } catch (ArithmeticException e) {
            throw FieldRejection.malformed(path, "epoch seconds out of range: " + seconds);
        }
    }

    /** Epoch milliseconds given as an integer (or a string of digits), or null when absent. */
    static Long millis(JsonFields object, String name) {
        JsonNode value = object.optionalValue(name);
        if (value == null) {
            return null;
        }
        String path = object.pathOf(name);
        if (value.isTextual()) {
            try {
                return new BigInteger(value.textValue()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw FieldRejection.malformed(
                        path, "expected epoch milliseconds, got '" + value.textValue() + "'");
            }
        }
        return integer(value, path);
    }

    private static long integer(JsonNode value, String path) {
        return JsonFields.longValue(value, path);
    }
}
