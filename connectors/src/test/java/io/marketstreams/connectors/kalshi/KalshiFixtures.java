package io.marketstreams.connectors.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.VenueMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Fixture frames (src/test/resources/kalshi) and expected-message helpers for the Kalshi tests. */
final class KalshiFixtures {
    static final String CONNECTION = "kalshi-ws-1";
    static final long RECEIVED = Instant.parse("2025-12-01T14:31:00.000Z").toEpochMilli();
    static final String TICKER = "KXFED-25DEC-T4.00";
    static final String EVENT = "KXFED-25DEC";

    static final KalshiFrameParser PARSER = new KalshiFrameParser();

    private KalshiFixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = KalshiFixtures.class.getResourceAsStream("/kalshi/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawFrame frame(String resource) {
        return new RawFrame("kalshi", CONNECTION, RECEIVED, bytes(resource));
    }

    static RawFrame frame(byte[] payload) {
        return new RawFrame("kalshi", CONNECTION, RECEIVED, payload);
    }

    static RawFrame json(String text) {
        return frame(text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedFrame parse(String resource) {
        return PARSER.parse(frame(resource));
    }

    /** The messages of a frame that must parse. */
    static List<VenueMessage> messages(ParsedFrame parsed) {
        assertThat(parsed).isInstanceOf(ParsedFrame.Messages.class);
        return ((ParsedFrame.Messages) parsed).messages();
    }

    /** The payload of a frame that must parse to exactly one message. */
    static Object single(ParsedFrame parsed) {
        List<VenueMessage> messages = messages(parsed);
        assertThat(messages).hasSize(1);
        return messages.get(0).getPayload();
    }

    static VenueMessage message(Object payload, long venueTime, Long seq, Long sid) {
        return VenueMessage.newBuilder()
                .setVenueId("kalshi")
                .setVenueSequence(seq)
                .setVenueStreamId(sid == null ? null : CONNECTION + "/" + sid)
                .setVenueEventTime(venueTime)
                .setIngestTime(RECEIVED)
                .setRawSource(null)
                .setPayload(payload)
                .build();
    }

    static PriceLevel level(long price, long quantity) {
        return new PriceLevel(price, quantity);
    }

    static long ms(String rfc3339) {
        return Instant.parse(rfc3339).toEpochMilli();
    }
}
