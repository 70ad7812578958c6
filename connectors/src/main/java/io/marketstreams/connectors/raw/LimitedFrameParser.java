package io.marketstreams.connectors.raw;

import io.marketstreams.schema.ReasonCode;
import java.util.Objects;

/**
 * A venue's parser within {@link InputLimits}, the same for every venue: a frame larger than {@code
 * maxFrameBytes} is refused before the venue parser sees it, and the messages the venue parser made
 * are refused when they break a limit on what they carry ({@link MessageLimits}). The venue parser
 * itself reads JSON within the same limits ({@code StrictJson.of(limits)}). Never throws.
 */
public final class LimitedFrameParser implements FrameParser {
    private final InputLimits limits;
    private final FrameParser venueParser;
    private final MessageLimits messageLimits;

    /**
     * @param limits the limits
     * @param venueParser the venue's own parser, reading JSON within the same limits
     */
    public LimitedFrameParser(InputLimits limits, FrameParser venueParser) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.venueParser = Objects.requireNonNull(venueParser, "venueParser");
        this.messageLimits = new MessageLimits(limits);
    }

    /** The rejection of a frame larger than the limit: its size and the limit. */
    public static ParsedFrame.Rejected oversized(int frameBytes, int maxFrameBytes) {
        return new ParsedFrame.Rejected(
                ReasonCode.MALFORMED,
                InputLimits.EXCEEDED
                        + "frame of "
                        + frameBytes
                        + " bytes is larger than the limit of "
                        + maxFrameBytes);
    }

    @Override
    public ParsedFrame parse(RawFrame frame) {
        if (frame.payload().length > limits.maxFrameBytes()) {
            return oversized(frame.payload().length, limits.maxFrameBytes());
        }
        ParsedFrame parsed = venueParser.parse(frame);
        if (parsed instanceof ParsedFrame.Messages messages) {
            ParsedFrame.Rejected broken = messageLimits.check(messages.messages());
            if (broken != null) {
                return broken;
            }
        }
        return parsed;
    }
}
