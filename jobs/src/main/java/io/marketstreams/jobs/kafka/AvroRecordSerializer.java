package io.marketstreams.jobs.kafka;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.RecordKey;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes one canonical stream's records as Kafka records (docs/topics.md, "Wire format"): key = the
 * entity id (UTF-8), value = plain Avro binary of the stream schema, headers = schema fingerprint
 * and stream name. The Kafka timestamp is left to the producer: record times live in the value, and
 * using event time here would make time-based retention delete replayed history at once.
 */
public final class AvroRecordSerializer<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final StreamTopic stream;
    private final String topicName;
    private final Class<T> type;
    private final RecordKey<T> key;

    private transient AvroCodec<T> codec;
    private transient byte[] fingerprintHeader;
    private transient byte[] streamHeader;

    /** Writes one output stream's records to a topic (its name in a namespace). */
    public AvroRecordSerializer(CanonicalStream<T> stream, String topicName) {
        this(stream.topic(), topicName, stream.type(), stream.key());
    }

    /** Writes records of {@code type} with the schema of {@code stream}, keyed by {@code key}. */
    public AvroRecordSerializer(
            StreamTopic stream, String topicName, Class<T> type, RecordKey<T> key) {
        this.stream = stream;
        this.topicName = topicName;
        this.type = type;
        this.key = key;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = AvroCodec.forStream(stream, type);
        fingerprintHeader = WireHeaders.fingerprintHeader(codec.fingerprint());
        streamHeader = stream.streamName().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            open(null, context);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireHeaders.SCHEMA_FINGERPRINT, fingerprintHeader);
        headers.add(WireHeaders.STREAM, streamHeader);
        return new ProducerRecord<>(
                topicName,
                null,
                null,
                key.of(element).getBytes(StandardCharsets.UTF_8),
                codec.encode(element),
                headers);
    }
}
