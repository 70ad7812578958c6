package io.marketstreams.testkit;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.Violation.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes Kafka records of the output topics with the published schemas, checking the wire rules on
 * the way: stream and fingerprint headers present and matching the topic, the value decodes with
 * every byte used, the key is the record's entity id. A record that fails a header or decoding rule
 * is left out of the decoded output (there is nothing to check it with).
 */
public final class WireDecoder {
    private WireDecoder() {}

    /**
     * Decodes every stream's records ({@link CanonicalStream#ALL}; a stream without an entry has no
     * records), each list in the order a consumer read it.
     */
    public static DecodedOutput decode(
            Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> records, Violations violations) {
        List<SpecificRecord> decoded = new ArrayList<>();
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            decoded.addAll(
                    decode(stream, records.getOrDefault(stream.topic(), List.of()), violations));
        }
        return DecodedOutput.of(decoded);
    }

    private static <T extends SpecificRecord> List<T> decode(
            CanonicalStream<T> stream,
            List<ConsumerRecord<byte[], byte[]>> records,
            Violations violations) {
        AvroCodec<T> codec = AvroCodec.forStream(stream.topic(), stream.type());
        String streamName = stream.topic().streamName();
        List<T> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String where = streamName + "@" + record.partition() + ":" + record.offset();
            Header streamHeader = record.headers().lastHeader(WireHeaders.STREAM);
            Header fp = record.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
            if (streamHeader == null
                    || !streamName.equals(
                            new String(streamHeader.value(), StandardCharsets.UTF_8))) {
                violations.add(Rule.WIRE_HEADER, where + ": stream header missing or wrong");
                continue;
            }
            if (fp == null) {
                violations.add(Rule.WIRE_HEADER, where + ": fingerprint header missing");
                continue;
            }
            T value;
            try {
                value =
                        codec.decode(
                                record.value(), WireHeaders.parseFingerprintHeader(fp.value()));
            } catch (DecodeException | IllegalArgumentException e) {
                violations.add(Rule.WIRE_UNDECODABLE, where + ": " + e.getMessage());
                continue;
            }
            String key =
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            String expectedKey = stream.keyOf(value);
            if (!expectedKey.equals(key)) {
                violations.add(
                        Rule.WIRE_KEY,
                        where + ": key '" + key + "' but record is about '" + expectedKey + "'");
            }
            decoded.add(value);
        }
        return decoded;
    }
}
