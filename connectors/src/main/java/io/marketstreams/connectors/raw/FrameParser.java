package io.marketstreams.connectors.raw;

/**
 * Parses one venue's native frames into normalized {@code VenueMessage}s. Implementations are plain
 * Java, stateless and deterministic (same frame, same result, byte for byte), and never throw on
 * input: anything they cannot interpret is a {@link ParsedFrame.Rejected}.
 */
public interface FrameParser {
    /** Parses one frame. */
    ParsedFrame parse(RawFrame frame);
}
