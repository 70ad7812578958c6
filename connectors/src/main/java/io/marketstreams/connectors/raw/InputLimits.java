package io.marketstreams.connectors.raw;

import java.io.Serializable;

/**
 * How large a native frame and what it carries may be before it is refused: the bounds that keep
 * memory, state and output records bounded whatever a venue sends (docs/contract.md, "Input
 * limits"). Each is a job setting ({@code marketstreams.raw.*}, {@code
 * marketstreams.books.max-levels-per-side}); a frame beyond one is quarantined, never cut into
 * something that looks valid. The reason is {@code MALFORMED} with a detail starting {@value
 * #EXCEEDED}, or {@code LEVEL_LIMIT} for the levels.
 *
 * <p>Which layer enforces what: the frame's size at the raw source ({@code RawFrameDeserializer},
 * before anything is copied) and again at the parser ({@link LimitedFrameParser}); well-formed
 * UTF-8, JSON depth and number length while the JSON is read ({@code StrictJson}: Jackson's stream
 * constraints, so a deep document never recurses and a long number is never expanded); ids, text,
 * outcomes and levels per message after the venue parser, on the messages it made ({@link
 * MessageLimits}). The market stage keeps enforcing {@code maxLevelsPerSide} on the books
 * themselves, which a stream of individually small deltas can still grow.
 *
 * @param maxFrameBytes most bytes of one frame
 * @param maxJsonDepth most nested arrays and objects
 * @param maxNumberLength most characters of one JSON number, as written and in plain notation
 * @param maxIdLength most characters of a market, event, trade, outcome or order id
 * @param maxTextLength most characters of free text in one message (titles, descriptions, rules,
 *     statuses, tags, outcome names), each text counting its length plus one; with the other limits
 *     it keeps every record the job writes far below Kafka's default 1 MiB
 * @param maxOutcomesPerMarket most outcomes of a market, payouts of a resolution and outcomes one
 *     book message names
 * @param maxLevelsPerSide most levels of one side of a book: a snapshot ladder may list at most
 *     this many, a delta may touch at most twice this many on one side (every level replaced);
 *     {@code LEVEL_LIMIT}, the code and setting the market stage applies to the books
 */
public record InputLimits(
        int maxFrameBytes,
        int maxJsonDepth,
        int maxNumberLength,
        int maxIdLength,
        int maxTextLength,
        int maxOutcomesPerMarket,
        int maxLevelsPerSide)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The start of the detail of every rejection for an input limit other than the levels: their
     * reason is {@code MALFORMED}, since a new quarantine code would change the schema, hence the
     * fingerprint header, of every quarantine record (docs/contract.md, "Input limits"). The levels
     * limit has its own code, {@code LEVEL_LIMIT}.
     */
    public static final String EXCEEDED = "limit exceeded: ";

    /**
     * Most bytes of a frame a quarantine record of the raw stage carries: the frame's bytes, or the
     * first this many of a larger frame (its size in the detail). The whole frame stays in its raw
     * topic, at the record's source topic, partition and offset.
     */
    public static final int QUARANTINE_PAYLOAD_BYTES = 64 << 10;

    /**
     * The defaults: frames of 4 MiB, depth 32 (the deepest venue frame of the test fixtures, a
     * Kalshi REST event with nested markets, nests 6), numbers of 100 characters (venue decimals
     * and times have at most 20 digits), ids of 256 characters (a Polymarket trade id, the longest,
     * has about 170), 64 Ki characters of text per message, 100 outcomes, 1000 levels per side (a
     * book side at 0.001 ticks holds at most 999).
     */
    public static final InputLimits DEFAULTS =
            new InputLimits(4 << 20, 32, 100, 256, 64 << 10, 100, 1000);

    public InputLimits {
        positive(maxFrameBytes, "maxFrameBytes");
        positive(maxJsonDepth, "maxJsonDepth");
        positive(maxNumberLength, "maxNumberLength");
        positive(maxIdLength, "maxIdLength");
        positive(maxTextLength, "maxTextLength");
        positive(maxOutcomesPerMarket, "maxOutcomesPerMarket");
        positive(maxLevelsPerSide, "maxLevelsPerSide");
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, not " + value);
        }
    }
}
