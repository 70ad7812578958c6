package io.marketstreams.connectors.raw;

import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;

/**
 * What a {@link FrameParser} made of one raw frame: normalized messages, a frame of a known type
 * that carries nothing the canonical streams use, or a rejection with a quarantine reason.
 */
public sealed interface ParsedFrame {

    /**
     * The frame's content as normalized messages, in the order the frame states them (one frame may
     * yield several, e.g. a Gamma event with its markets, or a Polymarket {@code book} array).
     */
    record Messages(List<VenueMessage> messages) implements ParsedFrame {}

    /**
     * A frame of a known type that the canonical streams do not use (e.g. Kalshi {@code ticker},
     * Polymarket {@code best_bid_ask}, subscription acknowledgements). Counted, not quarantined.
     *
     * @param messageType the venue's message type
     */
    record Ignored(String messageType) implements ParsedFrame {}

    /**
     * A frame that cannot be interpreted: {@code MALFORMED} (not JSON, not UTF-8, wrong shape,
     * unparsable number, beyond an {@link InputLimits input limit}: detail {@code limit exceeded:
     * ...}), {@code UNKNOWN_MESSAGE} (unknown type), {@code MISSING_FIELD}, {@code LEVEL_LIMIT}
     * (more levels than a book side may hold).
     *
     * @param reason the quarantine reason
     * @param detail what exactly was wrong, with the offending value
     * @param bookMarketId the venue market id of a book message refused after it was parsed (too
     *     many levels): that market's book misses the frame's change, which the job treats as a
     *     lost frame of the book; null for every other rejection
     */
    record Rejected(ReasonCode reason, String detail, String bookMarketId) implements ParsedFrame {
        /** A rejection that names no book. */
        public Rejected(ReasonCode reason, String detail) {
            this(reason, detail, null);
        }
    }
}
