package io.marketstreams.connectors.kalshi;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * One raw Kalshi frame being parsed: what every message parsed from it shares (venue, receive time,
 * the connection its subscriptions are numbered on).
 */
record KalshiFrame(RawFrame raw) {

    /**
     * Where a message sits in its subscription's numbering.
     *
     * @param seq the envelope {@code seq}; null for none
     * @param stream {@code <connection>/<sid>}; null for none
     */
    record Sequence(Long seq, String stream) {
        static final Sequence NONE = new Sequence(null, null);
    }

    long receiveTime() {
        return raw.receiveTimeMs();
    }

    /** The venue stream id of a subscription: its numbers restart with every connection. */
    String stream(long sid) {
        return raw.connectionId() + "/" + sid;
    }

    VenueMessage message(Object payload, long venueTime, Sequence sequence) {
        return VenueMessage.newBuilder()
                .setVenueId(KalshiFrameParser.VENUE_ID)
                .setVenueSequence(sequence.seq())
                .setVenueStreamId(sequence.stream())
                .setVenueEventTime(venueTime)
                .setIngestTime(raw.receiveTimeMs())
                .setRawSource(null)
                .setPayload(payload)
                .build();
    }
}
