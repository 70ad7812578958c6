package io.marketstreams.connectors.live;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic clock: each reading is one millisecond after the previous one, starting at {@code
 * start}. The adapters read the clock once per written frame, so frame i (from 0) carries {@code
 * start + i}.
 */
public final class StepClock implements InstantSource {
    private final AtomicLong next;

    public StepClock(long start) {
        this.next = new AtomicLong(start);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return next.getAndIncrement();
    }
}
