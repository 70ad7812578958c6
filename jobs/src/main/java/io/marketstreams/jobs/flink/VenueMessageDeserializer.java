package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads {@code venue.messages} records: checks the stream and schema fingerprint headers and
 * decodes the Avro value. It never throws on input bytes and never drops a record: anything it
 * cannot decode becomes an {@link IngestedMessage} carrying a {@code MALFORMED} quarantine record.
 */
public final class VenueMessageDeserializer
        implements KafkaRecordDeserializationSchema<Either<Quarantined, IngestedMessage>> {
    private static final long serialVersionUID = 1L;

    private transient AvroCodec<VenueMessage> codec;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = AvroCodec.forStream(StreamTopic.VENUE_MESSAGES, VenueMessage.class);
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record,
            Collector<Either<Quarantined, IngestedMessage>> out) {
        if (codec == null) {
            open(null);
        }
        String problem = null;
        long fingerprint = 0;
        Header stream = record.headers().lastHeader(WireHeaders.STREAM);
        Header fp = record.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
        if (stream != null
                && !StreamTopic.VENUE_MESSAGES
                        .streamName()
                        .equals(new String(stream.value(), StandardCharsets.UTF_8))) {
            problem =
                    "stream header '"
                            + new String(stream.value(), StandardCharsets.UTF_8)
                            + "' is not venue.messages";
        } else if (fp == null) {
            problem = "missing header " + WireHeaders.SCHEMA_FINGERPRINT;
        } else {
            try {
                fingerprint = WireHeaders.parseFingerprintHeader(fp.value());
            } catch (IllegalArgumentException e) {
                problem = "bad header " + WireHeaders.SCHEMA_FINGERPRINT + ": " + e.getMessage();
            }
        }
        if (problem == null) {
            try {
                VenueMessage message = codec.decode(record.value(), fingerprint);
                out.collect(
                        Either.Right(
                                IngestedMessage.decoded(
                                        message,
                                        MarketIds.marketIdOf(message),
                                        fingerprint,
                                        record.topic(),
                                        record.partition(),
                                        record.offset())));
                return;
            } catch (DecodeException e) {
                problem = e.getMessage();
            }
        }
        out.collect(
                Either.Left(
                        QuarantineRecords.undecodable(
                                ReasonCode.MALFORMED,
                                problem,
                                Stages.DECODER,
                                record.value(),
                                record.topic(),
                                record.partition(),
                                record.offset())));
    }

    @Override
    public TypeInformation<Either<Quarantined, IngestedMessage>> getProducedType() {
        return SourceRecords.type(IngestedMessage.class);
    }
}
