package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.kalshi.KalshiFrameParser;
import io.marketstreams.connectors.polymarket.PolymarketFrameParser;
import io.marketstreams.connectors.raw.FrameParser;
import java.util.Map;

/** The venues' frame parsers, and the envelope fields the job's sequencing needs. */
final class FrameParsers {
    private FrameParsers() {}

    /**
     * A frame's subscription and number, where the venue numbers frames.
     *
     * @param sid the subscription; null when the frame has none
     * @param seq the number; null when the frame has none
     */
    record Envelope(String sid, Long seq) {}

    /** Parser per venue id. */
    static Map<String, FrameParser> all() {
        return Map.of("kalshi", new KalshiFrameParser(), "polymarket", new PolymarketFrameParser());
    }

    /** The frame's envelope, or null for venues without sequence numbers or unparsable frames. */
    static Envelope envelope(String venueId, byte[] payload) {
        if (!"kalshi".equals(venueId)) {
            return null;
        }
        var envelope = KalshiFrameParser.envelope(payload);
        if (envelope == null) {
            return null;
        }
        return new Envelope(
                envelope.sid() == null ? null : String.valueOf(envelope.sid()), envelope.seq());
    }
}
