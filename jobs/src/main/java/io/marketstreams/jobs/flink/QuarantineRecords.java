package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.market.VenueInput;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds {@link Quarantined} records: the reason, the stage, the payload and where it came from.
 */
public final class QuarantineRecords {
    private QuarantineRecords() {}

    /** Quarantine record of bytes that could not be decoded. */
    public static Quarantined undecodable(
            ReasonCode reason,
            String detail,
            String stage,
            byte[] value,
            String topic,
            int partition,
            long offset) {
        return Quarantined.newBuilder()
                .setReason(reason)
                .setDetail(detail)
                .setStage(stage)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setPayload(ByteBuffer.wrap(value == null ? new byte[0] : value))
                .setPayloadSchemaFingerprint(null)
                .build();
    }

    /**
     * Quarantine record of a native frame the raw stage refused: its bytes, or for a frame larger
     * than {@link InputLimits#QUARANTINE_PAYLOAD_BYTES} only its first bytes, the detail saying so
     * (the whole frame stays in the raw topic at the record's source offset).
     */
    public static Quarantined frame(
            ReasonCode reason,
            String detail,
            byte[] frame,
            String topic,
            int partition,
            long offset) {
        byte[] payload = frame == null ? new byte[0] : frame;
        String described = detail;
        if (payload.length > InputLimits.QUARANTINE_PAYLOAD_BYTES) {
            described =
                    detail
                            + "; the payload holds the first "
                            + InputLimits.QUARANTINE_PAYLOAD_BYTES
                            + " of its "
                            + payload.length
                            + " bytes";
            payload = Arrays.copyOf(payload, InputLimits.QUARANTINE_PAYLOAD_BYTES);
        }
        return undecodable(reason, described, Stages.RAW_FRAMES, payload, topic, partition, offset);
    }

    /**
     * Quarantine record of a decoded venue message that a stage rejected. The payload is the
     * message re-encoded with the current schema (byte-identical to the input when it was written
     * with the current schema).
     */
    public static Quarantined rejected(
            VenueInput input, Rejection rejection, String stage, AvroCodec<VenueMessage> codec) {
        VenueMessage message = input.message();
        return Quarantined.newBuilder()
                .setReason(rejection.reason())
                .setDetail(rejection.detail())
                .setStage(stage)
                .setSourceTopic(input.sourceTopic())
                .setSourcePartition(input.sourcePartition())
                .setSourceOffset(input.sourceOffset())
                .setPayload(ByteBuffer.wrap(codec.encode(message)))
                .setPayloadSchemaFingerprint(WireHeaders.fingerprintHex(codec.fingerprint()))
                .setVenueId(message.getVenueId())
                .setMarketId(input.marketId())
                .setVenueEventTime(message.getVenueEventTime())
                .setIngestTime(message.getIngestTime())
                .build();
    }
}
