package io.marketstreams.connectors.live;

import io.marketstreams.connectors.raw.RawFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RawFrameSink} that keeps frames in memory and lets a test wait for them; optionally it
 * passes every frame on to a real sink (e.g. Kafka) too.
 */
public final class CollectingSink implements RawFrameSink {
    private final List<RawFrame> frames = new ArrayList<>(); // guarded by this
    private final RawFrameSink next;

    /** A sink that only collects. */
    public CollectingSink() {
        this(null);
    }

    private CollectingSink(RawFrameSink next) {
        this.next = next;
    }

    /** A sink that collects every frame and also writes, flushes and closes {@code next}. */
    public static CollectingSink forwardingTo(RawFrameSink next) {
        return new CollectingSink(next);
    }

    @Override
    public void accept(RawFrame frame) {
        if (next != null) {
            next.accept(frame);
        }
        synchronized (this) {
            frames.add(frame);
            notifyAll();
        }
    }

    @Override
    public void flush() {
        if (next != null) {
            next.flush();
        }
    }

    @Override
    public void close() {
        if (next != null) {
            next.close();
        }
    }

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
