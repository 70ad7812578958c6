package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.raw.RawFrame;

/** One record read from a raw topic: a native venue frame with where it came from. A Flink POJO. */
public final class IngestedFrame {
    /** Venue of the raw topic. */
    public String venueId;

    /** Connection the frame came over (the raw topic's key). */
    public String connectionId;

    /** Receive time, epoch milliseconds UTC. */
    public long receiveTime;

    /** The frame's bytes, unchanged. */
    public byte[] payload;

    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    public IngestedFrame() {}

    /** The frame as the connectors' parsers take it. */
    public RawFrame frame() {
        return new RawFrame(venueId, connectionId, receiveTime, payload);
    }
}
