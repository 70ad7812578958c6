package io.marketstreams.connectors.venue;

import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.LimitedFrameParser;
import io.marketstreams.schema.StreamTopic;
import java.util.Map;

/**
 * Everything the platform knows about one venue, in one place: adding a venue is one package that
 * implements this interface, registered in {@link Venues} (docs/venues/README.md). Implementations
 * are stateless and thread-safe; the job holds none of them in Flink state.
 */
public interface Venue {
    /**
     * The venue id: {@code venue_id} of its messages, the prefix of its canonical ids ({@code
     * kalshi:KXFED-25DEC}), the suffix of its raw topic ({@code raw.kalshi}).
     */
    String id();

    /**
     * The parser of the venue's native frames, within {@link #limits()}: a {@link
     * LimitedFrameParser} around the venue's own parser, which reads JSON within the same limits.
     */
    FrameParser parser();

    /**
     * The subscription and number of a native frame, for the job's sequencer; {@link
     * FrameEnvelope#NONE} when the venue does not number frames, the frame has no number, or the
     * bytes are not a frame of the venue within {@link #limits()} (the parser then decides what the
     * frame is). Never throws.
     */
    FrameEnvelope envelope(byte[] payload);

    /**
     * The limits the parser and the envelope read frames within; the registry's instances read
     * within {@link InputLimits#DEFAULTS}.
     */
    InputLimits limits();

    /** This venue reading frames within other limits (the job's configured ones). */
    Venue withLimits(InputLimits limits);

    /** How the venue publishes books. */
    BookConvention bookConvention();

    /**
     * Every {@code venue_status} the venue's parser may emit, with its canonical meaning. A status
     * not in the table is quarantined as {@code UNKNOWN_MESSAGE} by the job.
     */
    Map<String, VenueStatus> statuses();

    /** The raw topic the venue's live adapter writes its native frames to. */
    StreamTopic rawTopic();
}
