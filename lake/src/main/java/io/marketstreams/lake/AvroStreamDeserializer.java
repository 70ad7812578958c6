package io.marketstreams.lake;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.WireHeaders;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes one stream's Kafka values (plain Avro binary) with the writer schema named by the
 * record's fingerprint header: the current schema or any released version, resolved to the current
 * class. A record that does not decode fails the job: the lake is a copy of the topics, and a
 * silently dropped record would make it wrong. The canonical job writes only records that decode.
 */
final class AvroStreamDeserializer<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final LakeStream<T> stream;
    private transient AvroCodec<T> codec;

    AvroStreamDeserializer(LakeStream<T> stream) {
        this.stream = stream;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = AvroCodec.forStream(stream.topic(), stream.type());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
            throws IOException {
        if (codec == null) {
            codec = AvroCodec.forStream(stream.topic(), stream.type());
        }
        Header header = record.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
        String where = record.topic() + "@" + record.partition() + ":" + record.offset();
        if (header == null) {
            throw new IOException("no " + WireHeaders.SCHEMA_FINGERPRINT + " header on " + where);
        }
        try {
            long fingerprint = WireHeaders.parseFingerprintHeader(header.value());
            out.collect(codec.decode(record.value(), fingerprint));
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IOException("cannot decode " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(stream.type());
    }
}
