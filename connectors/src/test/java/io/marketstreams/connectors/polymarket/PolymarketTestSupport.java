package io.marketstreams.connectors.polymarket;

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

/** Fixtures and expected-value helpers shared by the Polymarket tests. */
final class PolymarketTestSupport {
    static final String CONNECTION = "polymarket-ws-7";
    static final long RECEIVED = 1_760_000_000_000L;

    static final String COND = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
    static final String YES =
            "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String NO =
            "52114319501245915516055106046884209969926127482827954674443846427813813222426";

    private static final PolymarketFrameParser PARSER = new PolymarketFrameParser();

    private PolymarketTestSupport() {}

    static byte[] fixture(String name) {
        try (InputStream in =
                PolymarketTestSupport.class.getResourceAsStream("/polymarket/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawFrame frame(byte[] payload) {
        return new RawFrame("polymarket", CONNECTION, RECEIVED, payload);
    }

    static RawFrame frame(String json) {
        return frame(json.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedFrame parseFixture(String name) {
        return PARSER.parse(frame(fixture(name)));
    }

    static ParsedFrame parse(String json) {
        return PARSER.parse(frame(json));
    }

    static ParsedFrame parse(RawFrame frame) {
        return PARSER.parse(frame);
    }

    /** The VenueMessage the parser makes of a payload with the given venue time. */
    static VenueMessage msg(long venueTime, Object payload) {
        return VenueMessage.newBuilder()
                .setVenueId("polymarket")
                .setVenueSequence(null)
                .setVenueStreamId(CONNECTION)
                .setVenueEventTime(venueTime)
                .setIngestTime(RECEIVED)
                .setRawSource(null)
                .setPayload(payload)
                .build();
    }

    static ParsedFrame.Messages messages(VenueMessage... messages) {
        return new ParsedFrame.Messages(List.of(messages));
    }

    static PriceLevel lvl(long price, long quantity) {
        return new PriceLevel(price, quantity);
    }

    static long ms(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }
}
