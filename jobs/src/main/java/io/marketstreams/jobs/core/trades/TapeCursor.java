package io.marketstreams.jobs.core.trades;

import java.util.Arrays;

/**
 * Per-market trade tape position: the last canonical trade sequence, the newest venue event time
 * seen, and the segments of remembered trades. A segment is a run of trade sequences during which
 * the newest event time stayed in one time bucket, so every trade in it is older than the end of
 * that bucket; segments are forgotten whole once the dedupe horizon passes their bucket. A Flink
 * POJO (public fields, no-arg constructor) so its state serializer needs no Kryo.
 */
public final class TapeCursor {
    /** trade_sequence of the last emitted trade; 0 before the first. */
    public long lastTradeSequence;

    /** Newest venue event time among accepted trades, epoch ms; {@link Long#MIN_VALUE} before. */
    public long maxEventTime = Long.MIN_VALUE;

    /** Time bucket of each remembered segment, ascending. */
    public long[] segmentBuckets = new long[0];

    /** First trade sequence of each remembered segment, ascending. */
    public long[] segmentStarts = new long[0];

    public TapeCursor() {}

    TapeCursor copy() {
        TapeCursor copy = new TapeCursor();
        copy.lastTradeSequence = lastTradeSequence;
        copy.maxEventTime = maxEventTime;
        copy.segmentBuckets = segmentBuckets.clone();
        copy.segmentStarts = segmentStarts.clone();
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TapeCursor other
                && lastTradeSequence == other.lastTradeSequence
                && maxEventTime == other.maxEventTime
                && Arrays.equals(segmentBuckets, other.segmentBuckets)
                && Arrays.equals(segmentStarts, other.segmentStarts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastTradeSequence) * 31 + Long.hashCode(maxEventTime);
    }

    @Override
    public String toString() {
        return "TapeCursor{seq="
                + lastTradeSequence
                + ", maxEventTime="
                + maxEventTime
                + ", segmentBuckets="
                + Arrays.toString(segmentBuckets)
                + ", segmentStarts="
                + Arrays.toString(segmentStarts)
                + "}";
    }
}
