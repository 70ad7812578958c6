package io.marketstreams.connectors.live;

import io.marketstreams.connectors.raw.RawFrame;

/**
 * Where live adapters put the frames they receive. An adapter calls {@link #accept} from its
 * connection's listener, one frame at a time and in the order received; implementations must be
 * safe to call from several adapters at once.
 */
public interface RawFrameSink extends AutoCloseable {

    /**
     * Takes one frame. May return before the frame is durable ({@link #flush} waits for that).
     *
     * @throws RuntimeException when the frame (or an earlier one) could not be written; the adapter
     *     then drops its connection and re-subscribes, so the venue re-sends a snapshot after the
     *     hole
     */
    void accept(RawFrame frame);

    /** Waits until every accepted frame is written. */
    void flush();

    /** Flushes and releases resources. */
    @Override
    void close();
}
