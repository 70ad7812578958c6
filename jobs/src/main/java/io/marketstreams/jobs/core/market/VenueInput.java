package io.marketstreams.jobs.core.market;

import io.marketstreams.schema.venue.VenueMessage;

/**
 * One decoded venue message about a market, as the market stage decides on it: the message, the
 * canonical market id it is about, and where it was read (so that a rejection can name the source
 * offset in quarantine).
 *
 * @param message the decoded venue message
 * @param marketId canonical market id ({@code venue_id:venue_market_id})
 * @param sourceTopic topic it was read from
 * @param sourcePartition partition it was read from
 * @param sourceOffset offset it was read at
 * @param schemaFingerprint writer schema fingerprint of the bytes as read
 */
public record VenueInput(
        VenueMessage message,
        String marketId,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        long schemaFingerprint) {

    /** Ingest time of the message, epoch ms: the event time the job orders it by. */
    public long ingestTime() {
        return message.getIngestTime();
    }
}
