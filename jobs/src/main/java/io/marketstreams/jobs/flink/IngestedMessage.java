package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.market.VenueInput;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * One decoded venue message as it travels between the job's stages (and waits in the market stage's
 * {@code pending} state): the message, the canonical market it is about, and where it was read, so
 * that a later stage can quarantine it with its offset. A Flink POJO: its serializer needs no Kryo,
 * and it evolves with the class (fields of older versions were dropped on restore).
 */
public final class IngestedMessage {
    /** The decoded message. */
    public VenueMessage message;

    /** Canonical market id the message is about; null for events (EventInfo). */
    public String marketId;

    /** Writer schema fingerprint of the bytes as read. */
    public long schemaFingerprint;

    /** Source topic. */
    public String sourceTopic;

    /** Source partition. */
    public int sourcePartition;

    /** Source offset. */
    public long sourceOffset;

    public IngestedMessage() {}

    /** A decoded message. */
    public static IngestedMessage decoded(
            VenueMessage message,
            String marketId,
            long schemaFingerprint,
            String topic,
            int partition,
            long offset) {
        IngestedMessage m = new IngestedMessage();
        m.message = message;
        m.marketId = marketId;
        m.schemaFingerprint = schemaFingerprint;
        m.sourceTopic = topic;
        m.sourcePartition = partition;
        m.sourceOffset = offset;
        return m;
    }

    /** The same message as the market stage's core takes it. */
    public VenueInput toInput() {
        return new VenueInput(
                message, marketId, sourceTopic, sourcePartition, sourceOffset, schemaFingerprint);
    }

    /** A message of the core, for state. */
    public static IngestedMessage of(VenueInput input) {
        return decoded(
                input.message(),
                input.marketId(),
                input.schemaFingerprint(),
                input.sourceTopic(),
                input.sourcePartition(),
                input.sourceOffset());
    }
}
