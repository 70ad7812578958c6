package io.marketstreams.jobs.flink;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads {@code links} records. Like the venue message reader it never throws on input bytes: a
 * record it cannot decode (missing or bad fingerprint header, undecodable value, tombstone) becomes
 * a {@code MALFORMED} quarantine record with its bytes.
 */
public final class LinkChangeDeserializer
        implements KafkaRecordDeserializationSchema<Either<Quarantined, LinkerInput>> {
    private static final long serialVersionUID = 1L;

    private transient AvroCodec<LinkChange> codec;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record,
            Collector<Either<Quarantined, LinkerInput>> out) {
        if (codec == null) {
            open(null);
        }
        String problem;
        Header fp = record.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
        if (record.value() == null) {
            problem = "tombstone: a link is withdrawn by a removal record, not by deleting its key";
        } else if (fp == null) {
            problem = "missing header " + WireHeaders.SCHEMA_FINGERPRINT;
        } else {
            try {
                long fingerprint = WireHeaders.parseFingerprintHeader(fp.value());
                out.collect(
                        Either.Right(
                                LinkerInput.of(
                                        codec.decode(record.value(), fingerprint),
                                        record.topic(),
                                        record.partition(),
                                        record.offset())));
                return;
            } catch (IllegalArgumentException | DecodeException e) {
                problem = e.getMessage();
            }
        }
        out.collect(
                Either.Left(
                        QuarantineRecords.undecodable(
                                ReasonCode.MALFORMED,
                                problem,
                                Stages.LINKS_SOURCE,
                                record.value() == null ? new byte[0] : record.value(),
                                record.topic(),
                                record.partition(),
                                record.offset())));
    }

    @Override
    public TypeInformation<Either<Quarantined, LinkerInput>> getProducedType() {
        return SourceRecords.type(LinkerInput.class);
    }
}
