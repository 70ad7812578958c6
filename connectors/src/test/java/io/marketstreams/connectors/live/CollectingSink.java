package io.marketstreams.connectors.live;

import io.marketstreams.connectors.raw.RawFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link RawFrameSink} that keeps frames in memory and lets a test wait for them. */
public final class CollectingSink implements RawFrameSink {
    private final List<RawFrame> frames = new ArrayList<>(); // guarded by this

    @Override
    public synchronized void accept(RawFrame frame) {
        frames.add(frame);
        notifyAll();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    public synchronized List<RawFrame> frames() {
        return List.copyOf(frames);
    }

    /** Waits until at least {@code count} frames arrived; returns them all. */
    public synchronized List<RawFrame> awaitFrames(int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "timed out waiting for " + count + " frames, got " + frames.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(frames);
    }
}
