package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads raw-topic records ({@code raw.<venue>}, see {@link RawFrameWire}). Never throws and never
 * drops: a record without valid raw-frame headers becomes a {@code MALFORMED} quarantine record.
 */
public final class RawFrameDeserializer
        implements KafkaRecordDeserializationSchema<Either<Quarantined, IngestedFrame>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record,
            Collector<Either<Quarantined, IngestedFrame>> out) {
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
                            QuarantineRecords.undecodable(
                                    ReasonCode.MALFORMED,
                                    e.getMessage(),
                                    Stages.RAW_FRAMES,
                                    frame.payload,
                                    record.topic(),
                                    record.partition(),
                                    record.offset())));
        }
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
