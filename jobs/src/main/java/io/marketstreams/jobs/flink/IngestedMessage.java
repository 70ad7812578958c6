package io.marketstreams.jobs.flink;

import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * One record read from {@code venue.messages}: either a decoded {@link VenueMessage} or, when the
 * bytes could not be decoded, the {@link Quarantined} record that says why. Carries the source
 * coordinates so that a later stage can quarantine it with its offset. A Flink POJO: its serializer
 * needs no Kryo.
 */
public final class IngestedMessage {
    /** The decoded message; null when {@link #malformed} is set. */
    public VenueMessage message;

    /** The quarantine record of undecodable bytes; null when {@link #message} is set. */
    public Quarantined malformed;

    /** Canonical market id the message is about; null for events or undecodable bytes. */
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

    /** Undecodable bytes, already turned into their quarantine record. */
    public static IngestedMessage malformed(
            Quarantined quarantined, String topic, int partition, long offset) {
        IngestedMessage m = new IngestedMessage();
        m.malformed = quarantined;
        m.sourceTopic = topic;
        m.sourcePartition = partition;
        m.sourceOffset = offset;
        return m;
    }
}
