package io.marketstreams.connectors.raw;

import java.io.Serializable;

/**
 * How large a native frame and what it carries may be before it is refused: the bounds that keep
 * memory and state bounded whatever a venue sends (docs/contract.md, "Input limits"). Each is a job
 * setting ({@code marketstreams.raw.*}, {@code marketstreams.books.max-levels-per-side}); a frame
 * beyond one is quarantined, never truncated into something that looks valid.
 *
 * <p>Which layer enforces what: the frame's size at the raw source ({@code RawFrameDeserializer},
 * before anything is copied) and again at the parser; JSON depth and number length while the JSON
 * is read (Jackson's stream constraints, so a deep document never recurses and a long number is
 * never converted); well-formed UTF-8 before the JSON is read; id lengths, outcomes per market and
 * levels per message after the venue parser, on the messages it made ({@link MessageLimits}). The
 * market stage keeps enforcing {@code maxLevelsPerSide} on the books themselves, which a stream of
 * individually small deltas can still grow.
 *
 * @param maxFrameBytes most bytes of one frame ({@code LIMIT_EXCEEDED} beyond; the quarantine
 *     record keeps the frame's size and its first {@link #QUARANTINE_PREFIX_BYTES} bytes)
 * @param maxJsonDepth most nested arrays and objects ({@code LIMIT_EXCEEDED})
 * @param maxNumberLength most characters of one JSON number, and of the plain notation of a decimal
 *     ({@code LIMIT_EXCEEDED})
 * @param maxIdLength most characters of a market, event, trade, outcome or order id ({@code
 *     LIMIT_EXCEEDED})
 * @param maxOutcomesPerMarket most outcomes of a market and payouts of a resolution ({@code
 *     LIMIT_EXCEEDED})
 * @param maxLevelsPerSide most levels of one side of a book: a snapshot ladder may list at most
 *     this many, a delta may touch at most twice this many on one side (every level replaced);
 *     {@code LEVEL_LIMIT}, the same code and setting the market stage applies to the books
 */
public record InputLimits(
        int maxFrameBytes,
        int maxJsonDepth,
        int maxNumberLength,
        int maxIdLength,
        int maxOutcomesPerMarket,
        int maxLevelsPerSide)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Bytes of an oversized frame kept in its quarantine record: enough to see what it was, never
     * the frame.
     */
    public static final int QUARANTINE_PREFIX_BYTES = 4096;

    /**
     * The defaults: 4 MiB frames (a Kalshi or Polymarket WebSocket message is a few KB; a REST page
     * of a thousand markets about 1 MB), depth 32 (the deepest venue frame nests 6), numbers of 100
     * characters (venue decimals have under 20 digits), ids of 256 characters (the longest, a
     * Polymarket trade id, has about 170), 100 outcomes, 1000 levels per side (a side of a book
     * with 0.001 ticks holds at most 999).
     */
    public static final InputLimits DEFAULTS = new InputLimits(4 << 20, 32, 100, 256, 100, 1000);

    public InputLimits {
        positive(maxFrameBytes, "maxFrameBytes");
        positive(maxJsonDepth, "maxJsonDepth");
        positive(maxNumberLength, "maxNumberLength");
        positive(maxIdLength, "maxIdLength");
        positive(maxOutcomesPerMarket, "maxOutcomesPerMarket");
        positive(maxLevelsPerSide, "maxLevelsPerSide");
    }

    /** These limits with another frame size limit. */
    public InputLimits withMaxFrameBytes(int bytes) {
        return new InputLimits(
                bytes,
                maxJsonDepth,
                maxNumberLength,
                maxIdLength,
                maxOutcomesPerMarket,
                maxLevelsPerSide);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, not " + value);
        }
    }
}
