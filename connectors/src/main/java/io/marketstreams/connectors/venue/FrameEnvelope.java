package io.marketstreams.connectors.venue;

/**
 * Where a frame sits in its venue's numbering, read before the frame is parsed: the job's sequencer
 * drops repeats and notices gaps per subscription with it (docs/contract.md, "Raw frames").
 *
 * @param subscription the venue's subscription on the connection (e.g. Kalshi's {@code sid}), as
 *     text; null when the frame belongs to none
 * @param sequence the frame's number within the subscription; null when the frame has none
 */
public record FrameEnvelope(String subscription, Long sequence) {
    /** A frame outside any numbering (REST bodies, venues that do not number frames). */
    public static final FrameEnvelope NONE = new FrameEnvelope(null, null);
}
