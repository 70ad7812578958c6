package io.marketstreams.connectors.raw;

import java.util.Arrays;
import java.util.Objects;

/**
 * One native venue frame exactly as received: the bytes of one WebSocket text message or one REST
 * response body, with when and over which connection it was received. Raw topics ({@code
 * raw.kalshi}, {@code raw.polymarket}) hold these, so every canonical output can be rebuilt from
 * raw.
 *
 * @param venueId {@code kalshi} or {@code polymarket}
 * @param connectionId the connection (or REST poll) the frame came over
 * @param receiveTimeMs when the adapter received the frame, epoch milliseconds UTC; becomes the
 *     {@code ingest_time} of every VenueMessage parsed from it
 * @param payload the frame's bytes, unchanged (UTF-8 JSON for both venues)
 */
public record RawFrame(String venueId, String connectionId, long receiveTimeMs, byte[] payload) {
    public RawFrame {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrame f
                && venueId.equals(f.venueId)
                && connectionId.equals(f.connectionId)
                && receiveTimeMs == f.receiveTimeMs
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(venueId, connectionId, receiveTimeMs, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RawFrame["
                + venueId
                + ", "
                + connectionId
                + ", "
                + receiveTimeMs
                + ", "
                + payload.length
                + " bytes]";
    }
}
