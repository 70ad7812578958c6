package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.LimitedFrameParser;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads raw-topic records ({@code raw.<venue>}, see {@link RawFrameWire}). Never throws and never
 * drops: a record without valid raw-frame headers becomes a {@code MALFORMED} quarantine record,
 * and a frame larger than {@code marketstreams.raw.max-frame-bytes} a {@code MALFORMED} one (detail
 * {@code limit exceeded: ...}) with its size and only its first {@value
 * InputLimits#QUARANTINE_PAYLOAD_BYTES} bytes: the frame goes no further than the Kafka client's
 * fetch buffer, neither parsed nor copied into Flink.
 */
public final class RawFrameDeserializer
        implements KafkaRecordDeserializationSchema<Either<Quarantined, IngestedFrame>> {
    private static final long serialVersionUID = 1L;

    private final int maxFrameBytes;

    /** A deserializer of the default frame size limit. */
    public RawFrameDeserializer() {
        this(InputLimits.DEFAULTS.maxFrameBytes());
    }

    /** A deserializer that passes on frames of at most {@code maxFrameBytes}. */
    public RawFrameDeserializer(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record,
            Collector<Either<Quarantined, IngestedFrame>> out) {
        if (record.value() != null && record.value().length > maxFrameBytes) {
            out.collect(Either.Left(oversized(record)));
            return;
        }
        IngestedFrame frame = new IngestedFrame();
        frame.sourceTopic = record.topic();
        frame.sourcePartition = record.partition();
        frame.sourceOffset = record.offset();
        frame.venueId = venueOf(record.topic());
        frame.payload = record.value() == null ? new byte[0] : record.value();
        try {
            RawFrame raw =
                    RawFrameWire.read(
                            frame.venueId,
                            record.value(),
                            name -> {
                                Header h = record.headers().lastHeader(name);
                                return h == null ? null : h.value();
                            });
            frame.connectionId = raw.connectionId();
            frame.receiveTime = raw.receiveTimeMs();
            out.collect(Either.Right(frame));
        } catch (IllegalArgumentException e) {
            out.collect(
                    Either.Left(
                            QuarantineRecords.frame(
                                    ReasonCode.MALFORMED,
                                    e.getMessage(),
                                    frame.payload,
                                    record.topic(),
                                    record.partition(),
                                    record.offset())));
        }
    }

    /** The quarantine record of a frame over the limit: its size, its venue, its first bytes. */
    private Quarantined oversized(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        ParsedFrame.Rejected rejected = LimitedFrameParser.oversized(value.length, maxFrameBytes);
        Quarantined q =
                QuarantineRecords.frame(
                        rejected.reason(),
                        rejected.detail(),
                        value,
                        record.topic(),
                        record.partition(),
                        record.offset());
        q.setVenueId(venueOf(record.topic()));
        Header time = record.headers().lastHeader(RawFrameWire.RECEIVE_TIME);
        if (time != null) {
            try {
                q.setIngestTime(Long.parseLong(new String(time.value(), StandardCharsets.UTF_8)));
            } catch (NumberFormatException e) {
                // The receive time is a courtesy here: the record is quarantined either way.
            }
        }
        return q;
    }

    /** The venue of a raw topic name, with or without a namespace: {@code x.raw.kalshi}. */
    static String venueOf(String topic) {
        int i = topic.lastIndexOf("raw.");
        return i < 0 ? topic : topic.substring(i + "raw.".length());
    }

    @Override
    public TypeInformation<Either<Quarantined, IngestedFrame>> getProducedType() {
        return SourceRecords.type(IngestedFrame.class);
    }
}
