package io.marketstreams.harness;

import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of the {@code venue.messages} topic as a test writes it: the Kafka key, the Avro value
 * and the platform headers ({@link WireHeaders}).
 *
 * @param key the Kafka key (UTF-8)
 * @param value the encoded {@code VenueMessage}, or deliberately broken bytes
 * @param headers the stream header and, normally, the schema fingerprint header
 */
public record VenueRecord(String key, byte[] value, Headers headers) {
    /** A record with the stream header and the schema fingerprint header of {@code fingerprint}. */
    public static VenueRecord of(String key, byte[] value, long fingerprint) {
        Headers headers = streamHeader();
        headers.add(WireHeaders.SCHEMA_FINGERPRINT, WireHeaders.fingerprintHeader(fingerprint));
        return new VenueRecord(key, value, headers);
    }

    /** A record without the schema fingerprint header, which the job must quarantine. */
    public static VenueRecord withoutFingerprint(String key, byte[] value) {
        return new VenueRecord(key, value, streamHeader());
    }

    private static Headers streamHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                WireHeaders.STREAM,
                StreamTopic.VENUE_MESSAGES.streamName().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
