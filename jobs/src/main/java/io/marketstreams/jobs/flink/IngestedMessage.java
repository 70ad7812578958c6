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

    /**
     * Canonical event id, set on catalog records (EventInfo, and the copy of a MarketInfo sent to
     * the event stage); null otherwise.
     */
    public String eventId;

    /**
     * Set on a signal from the event stage to the market stage: "event {@code knownEventId} is
     * discovered" for market {@link #marketId}; {@link #message} is null then.
     */
    public String knownEventId;

    /**
     * On a signal: the canonical event id the linker gives venue event {@link #knownEventId} now (a
     * changed id re-points a discovered market); null means the venue event's own id.
     */
    public String canonicalEventId;

    /** On a signal: venue time of the linker input that caused it, epoch ms. */
    public long signalVenueTime;

    /** On a signal: ingest time of the linker input that caused it, epoch ms. */
    public long signalIngestTime;

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

    /**
     * A copy of a decoded message for the event stage, with its event id. The event stage does not
     * count market infos (the market stage counts the original), so the copy needs no mark.
     */
    public IngestedMessage copyForCatalog(String eventId) {
        IngestedMessage m =
                decoded(
                        message,
                        marketId,
                        schemaFingerprint,
                        sourceTopic,
                        sourcePartition,
                        sourceOffset);
        m.eventId = eventId;
        return m;
    }

    /** A signal that a market's event is discovered. */
    public static IngestedMessage eventKnown(String marketId, String eventId) {
        IngestedMessage m = new IngestedMessage();
        m.marketId = marketId;
        m.knownEventId = eventId;
        return m;
    }

    /**
     * A signal from the linker: venue event {@code venueEventKey} of market {@code marketId} is
     * discovered and belongs to canonical event {@code canonicalEventId}.
     */
    public static IngestedMessage eventLinked(
            String marketId,
            String venueEventKey,
            String canonicalEventId,
            long venueTime,
            long ingestTime) {
        IngestedMessage m = eventKnown(marketId, venueEventKey);
        m.canonicalEventId = canonicalEventId;
        m.signalVenueTime = venueTime;
        m.signalIngestTime = ingestTime;
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
