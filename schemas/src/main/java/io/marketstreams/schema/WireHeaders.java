package io.marketstreams.schema;

import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Kafka record headers every marketstreams record carries (docs/topics.md). The value is plain Avro
 * binary of the stream's schema; these headers let a reader check what it decodes without a
 * registry server.
 */
public final class WireHeaders {
    /** Header holding the writer schema's CRC-64-AVRO fingerprint as 16 lower-case hex digits. */
    public static final String SCHEMA_FINGERPRINT = "marketstreams.schema.fingerprint";

    /** Header holding the stream name (for example {@code trades.executed}). */
    public static final String STREAM = "marketstreams.stream";

    private WireHeaders() {}

    /** The CRC-64-AVRO (Rabin) fingerprint of the schema's parsing canonical form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint as the header carries it. */
    public static String fingerprintHex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    /** The header bytes of a fingerprint. */
    public static byte[] fingerprintHeader(long fingerprint) {
        return fingerprintHex(fingerprint).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a fingerprint header.
     *
     * @throws IllegalArgumentException when the bytes are not 16 hex digits
     */
    public static long parseFingerprintHeader(byte[] value) {
        if (value == null || value.length != 16) {
            throw new IllegalArgumentException("fingerprint header must be 16 hex digits");
        }
        return Long.parseUnsignedLong(new String(value, StandardCharsets.US_ASCII), 16);
    }
}
