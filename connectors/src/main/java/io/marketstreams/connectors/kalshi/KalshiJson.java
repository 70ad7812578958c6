package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marketstreams.schema.ReasonCode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * Typed reads of Kalshi JSON for {@link KalshiFrameParser}: every problem becomes a {@link Failure}
 * with its quarantine reason, so the parser can stop at the first one and never throw.
 */
final class KalshiJson {

    /**
     * Exact decimals (JSON floats become BigDecimals, never doubles), no trailing garbage after the
     * document, and no repeated keys (which value wins would otherwise be parser-defined).
     */
    static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    /** Go's zero time, which some REST objects use for "not set". */
    private static final String ZERO_TIME_PREFIX = "0001-01-01T00:00:00";

    private KalshiJson() {}

    /** Why a frame cannot be interpreted; caught by the parser and turned into a rejection. */
    static final class Failure extends RuntimeException {
        final ReasonCode reason;

        Failure(ReasonCode reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    static Failure malformed(String field, String problem) {
        return new Failure(ReasonCode.MALFORMED, field + ": " + problem);
    }

    static Failure missing(String field) {
        return new Failure(ReasonCode.MISSING_FIELD, field);
    }

    /** The frame's JSON document. */
    static JsonNode read(byte[] payload) {
        if (payload.length == 0) {
            throw new Failure(ReasonCode.MALFORMED, "empty frame");
        }
        try {
            JsonNode root = MAPPER.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new Failure(ReasonCode.MALFORMED, "empty frame");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new Failure(ReasonCode.MALFORMED, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Failure(ReasonCode.MALFORMED, "not JSON: " + e.getMessage());
        }
    }

    /** The field's value, or null when it is absent or JSON {@code null}. */
    static JsonNode field(JsonNode object, String name) {
        if (object == null) {
            return null;
        }
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** A nested object, or null when absent; anything other than an object is malformed. */
    static JsonNode object(JsonNode parent, String name) {
        JsonNode value = field(parent, name);
        if (value != null && !value.isObject()) {
            throw malformed(name, "expected an object");
        }
        return value;
    }

    /** A string field, or null when absent, null or empty; a non-string is malformed. */
    static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(name, "expected a string, got " + value.getNodeType());
        }
        String text = value.textValue();
        return text.isEmpty() ? null : text;
    }

    /** A required non-empty string field. */
    static String requireText(JsonNode object, String name) {
        String text = text(object, name);
        if (text == null) {
            throw missing(name);
        }
        return text;
    }

    /** An integer field that fits a long, or null when absent. */
    static Long integer(JsonNode object, String name) {
        JsonNode value = field(object, name);
        return value == null ? null : integerValue(value, name);
    }

    static long integerValue(JsonNode value, String name) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw malformed(name, "expected an integer, got " + describe(value));
    }

    /** A boolean field, or null when absent. */
    static Boolean bool(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw malformed(name, "expected a boolean, got " + describe(value));
        }
        return value.booleanValue();
    }

    /** A dollar price (string, or number) in micro-units. */
    static long dollars(JsonNode value, String name) {
        try {
            if (value.isTextual()) {
                return KalshiDecimals.dollarsToMicros(value.textValue());
            }
            if (value.isNumber()) {
                return KalshiDecimals.dollarsToMicros(value.decimalValue());
            }
        } catch (NumberFormatException e) {
            throw malformed(name, e.getMessage());
        }
        throw malformed(name, "expected a dollar string, got " + describe(value));
    }

    /** A fixed-point contract count (string, or number) in micro-contracts. */
    static long count(JsonNode value, String name, boolean signed) {
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
            throw malformed(name, e.getMessage());
        }
        throw malformed(name, "expected a fixed-point count string, got " + describe(value));
    }

    /** Legacy integer cents in micro-units. */
    static long cents(JsonNode value, String name) {
        long cents = integerValue(value, name);
        try {
            return KalshiDecimals.centsToMicros(cents);
        } catch (NumberFormatException e) {
            throw malformed(name, e.getMessage());
        }
    }

    /** A legacy integer contract count in micro-contracts. */
    static long contracts(JsonNode value, String name, boolean signed) {
        long contracts = integerValue(value, name);
        try {
            return KalshiDecimals.contractsToMicros(contracts, signed);
        } catch (NumberFormatException e) {
            throw malformed(name, e.getMessage());
        }
    }

    /**
     * A point in time as epoch milliseconds, or null when absent or empty: an RFC 3339 string
     * ({@code "2026-01-01T12:00:00Z"}, {@code "2026-01-01T12:00:00.123456+00:00"}; sub-millisecond
     * digits are truncated; Go's zero time {@code 0001-01-01T00:00:00Z} counts as absent), or an
     * integer of epoch seconds.
     */
    static Long epochMillis(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.isEmpty() || text.startsWith(ZERO_TIME_PREFIX)) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw malformed(name, "not an RFC 3339 time: '" + text + "'");
            }
        }
        long seconds = integerValue(value, name);
        try {
            return Math.multiplyExact(seconds, 1000L);
        } catch (ArithmeticException e) {
            throw malformed(name, "epoch seconds out of range: " + seconds);
        }
    }

    /** Epoch milliseconds given as an integer (or a string of digits), or null when absent. */
    static Long millis(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return new BigInteger(value.textValue()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw malformed(
                        name, "expected epoch milliseconds, got '" + value.textValue() + "'");
            }
        }
        return integerValue(value, name);
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType()
                + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
