package io.marketstreams.sim;

import io.marketstreams.connectors.raw.RawFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The output side of a {@link VenueSimulator} run, shared by the parts that generate frames: the
 * simulated clock, the one generator of everything random, and the frames generated but not yet
 * handed out. One instance per run, so that every part draws from the same sequence in the same
 * order (which is what makes a run reproducible byte for byte).
 */
final class FrameStream {
    /** Venue times run this much behind receive times (constant, so they never go backwards). */
    private static final long VENUE_LATENCY_MS = 2;

    private final SplittableRandom random;
    private final ArrayDeque<RawFrame> pending = new ArrayDeque<>();
    private long clockMs;
    private long frames;

    FrameStream(SplittableRandom random, long startMs) {
        this.random = random;
        this.clockMs = startMs;
    }

    /** The generator of the run (the same one the catalog's books were seeded from). */
    SplittableRandom random() {
        return random;
    }

    /** The receive time of the next frame, epoch milliseconds. */
    long clockMs() {
        return clockMs;
    }

    /** Moves the simulated clock forward. */
    void advance(long ms) {
        clockMs += ms;
    }

    /** The venue's own timestamp of a frame received now. */
    long venueTime() {
        return clockMs - VENUE_LATENCY_MS;
    }

    /** Frames queued so far (including those already handed out). */
    long frames() {
        return frames;
    }

    /** A frame received now, not queued: a frame that may never arrive, or arrive later. */
    RawFrame frame(String venue, String connection, byte[] payload) {
        return new RawFrame(venue, connection, clockMs, payload);
    }

    /** A frame of a JSON text received now, not queued. */
    RawFrame frame(String venue, String connection, String json) {
        return frame(venue, connection, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a frame for {@link VenueSimulator#next()}. */
    RawFrame enqueue(RawFrame frame) {
        pending.add(frame);
        frames++;
        return frame;
    }

    /** Queues a frame received now. */
    RawFrame emit(String venue, String connection, byte[] payload) {
        return enqueue(frame(venue, connection, payload));
    }

    /** Queues a frame of a JSON text received now. */
    RawFrame emit(String venue, String connection, String json) {
        return emit(venue, connection, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether no frame is queued. */
    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The oldest queued frame, or {@code null}. */
    RawFrame poll() {
        return pending.poll();
    }

    /** Every queued frame, oldest first; the queue is empty afterwards. */
    List<RawFrame> drain() {
        List<RawFrame> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    /** One of the candidates at random, or {@code null} when there are none. */
    <T> T pick(List<T> candidates) {
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    /**
     * Garbage bytes (a leading 0xC0, which is never valid UTF-8, so no parser can read them as
     * anything) or a truncated copy of a recent frame (a JSON object without its end). Neither has
     * an envelope the job could read a {@code seq} from, so it takes no number.
     */
    byte[] malformedBytes(RawFrame recent) {
        if (recent != null && random.nextBoolean()) {
            byte[] p = recent.payload();
            return Arrays.copyOf(p, 1 + random.nextInt(p.length - 1));
        }
        byte[] garbage = new byte[8 + random.nextInt(56)];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (1 + random.nextInt(255));
        }
        garbage[0] = (byte) 0xC0;
        return garbage;
    }
}
