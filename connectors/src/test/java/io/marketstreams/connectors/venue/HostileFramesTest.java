package io.marketstreams.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered venue's parser under the hostile sizes of issue 16, within the default limits:
 * each frame is refused with its reason, the parser returns (no stack overflow, no unbounded
 * expansion), and the rejection's detail stays short whatever the frame's size.
 */
class HostileFramesTest {
    private static final int MAX_DETAIL = 300;
    private static final String YES_TOKEN = "1".repeat(70);

    static List<Venue> venues() {
        return Venues.all();
    }

    private static ParsedFrame parse(Venue venue, byte[] payload) {
        ParsedFrame parsed = venue.parser().parse(new RawFrame(venue.id(), "c-1", 5L, payload));
        if (parsed instanceof ParsedFrame.Rejected r) {
            assertThat(r.detail().length()).as("detail of %s", venue.id()).isLessThan(MAX_DETAIL);
        }
        return parsed;
    }

    private static ParsedFrame.Rejected rejected(Venue venue, byte[] payload) {
        ParsedFrame parsed = parse(venue, payload);
        assertThat(parsed).as(venue.id()).isInstanceOf(ParsedFrame.Rejected.class);
        return (ParsedFrame.Rejected) parsed;
    }

    /** A rejection for an input limit: MALFORMED, its detail saying so first. */
    private static void assertLimitExceeded(ParsedFrame.Rejected r) {
        assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(r.detail()).startsWith(InputLimits.EXCEEDED);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("venues")
    void aTwentyMegabyteFrameIsRefusedWithItsSizeBeforeItIsRead(Venue venue) {
        byte[] frame = new byte[20 << 20];
        Arrays.fill(frame, (byte) '[');

        ParsedFrame.Rejected r = rejected(venue, frame);

        assertLimitExceeded(r);
        assertThat(r.detail())
                .isEqualTo(
                        "limit exceeded: frame of 20971520 bytes is larger than the limit of "
                                + InputLimits.DEFAULTS.maxFrameBytes());
    }

    @ParameterizedTest
    @MethodSource("venues")
    void tenThousandDeepNestingIsRefusedWithoutRecursion(Venue venue) {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

        for (String deep : List.of(arrays, objects)) {
            ParsedFrame.Rejected r = rejected(venue, utf8(deep));
            assertLimitExceeded(r);
            assertThat(r.detail()).contains("nesting depth").contains("32");
        }
        assertThat(venue.envelope(utf8(arrays))).isEqualTo(FrameEnvelope.NONE);
    }

    @ParameterizedTest
    @MethodSource("venues")
    void fourHundredDigitNumbersAreRefused(Venue venue) {
        String digits = "7".repeat(400);
        List<String> frames =
                List.of(
                        "{\"type\":\"orderbook_delta\",\"sid\":1,\"seq\":" + digits + "}",
                        "[{\"event_type\":\"book\",\"timestamp\":" + digits + "}]",
                        "{\"x\":0." + digits + "}",
                        // Eleven characters of text, a billion digits once written out.
                        "{\"x\":1e999999999}",
                        "{\"x\":1e-999999999}");
        for (String frame : frames) {
            ParsedFrame.Rejected r = rejected(venue, utf8(frame));
            assertLimitExceeded(r);
        }
    }

    @ParameterizedTest
    @MethodSource("venues")
    void aHundredThousandLevelSnapshotIsRefusedAsLevelLimitNamingItsBook(Venue venue) {
        byte[] frame = snapshot(venue, "M-1", 100_000);
        assertThat(frame.length).isLessThan(InputLimits.DEFAULTS.maxFrameBytes());

        ParsedFrame.Rejected r = rejected(venue, frame);

        assertThat(r.reason()).isEqualTo(ReasonCode.LEVEL_LIMIT);
        assertThat(r.detail()).contains("100000 levels").contains("limit of 1000");
        assertThat(r.bookMarketId()).isEqualTo(venue.id().equals("kalshi") ? "M-1" : "0xM-1");
        // At the limit the same frame shape is a book.
        assertThat(parse(venue, snapshot(venue, "M-1", 1000)))
                .isInstanceOf(ParsedFrame.Messages.class);
    }

    @ParameterizedTest
    @MethodSource("venues")
    void hundredKilobyteIdsAreRefused(Venue venue) {
        String id = "X".repeat(100 * 1024);

        ParsedFrame.Rejected book = rejected(venue, snapshot(venue, id, 1));
        ParsedFrame.Rejected trade = rejected(venue, trade(venue, "T-1", id));
        ParsedFrame.Rejected tradeId = rejected(venue, trade(venue, id, "M-1"));

        for (ParsedFrame.Rejected r : List.of(book, trade, tradeId)) {
            assertLimitExceeded(r);
            assertThat(r.detail())
                    .containsPattern("1024[0-9]{2} characters")
                    .contains("limit of 256");
            assertThat(r.bookMarketId()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("venues")
    void nonUtf8BytesAreRefused(Venue venue) {
        byte[] frame = snapshot(venue, "M-1", 1);
        byte[] broken = Arrays.copyOf(frame, frame.length);
        int quote = new String(frame, StandardCharsets.ISO_8859_1).indexOf("M-1");
        broken[quote] = (byte) 0xff;
        byte[] utf16 = new String(frame, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);

        ParsedFrame.Rejected r = rejected(venue, broken);
        ParsedFrame.Rejected r16 = rejected(venue, utf16);

        assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(r.detail()).startsWith("not JSON: Invalid UTF-8 start byte 0xff");
        assertThat(r16.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(r16.detail()).startsWith("not UTF-8: ");
    }

    @ParameterizedTest
    @MethodSource("venues")
    void tighterLimitsApplyToParserAndEnvelopeAlike(Venue venue) {
        InputLimits tight = new InputLimits(1 << 20, 5, 10, 80, 1000, 2, 5);
        Venue limited = venue.withLimits(tight);
        byte[] deep =
                utf8("{\"type\":\"x\",\"sid\":1,\"seq\":2,\"msg\":{\"a\":{\"b\":{\"c\":[[1]]}}}}");

        assertThat(limited.limits()).isEqualTo(tight);
        assertThat(venue.withLimits(InputLimits.DEFAULTS)).isSameAs(venue);
        assertLimitExceeded(rejected(limited, deep));
        assertThat(limited.envelope(deep)).isEqualTo(FrameEnvelope.NONE);
        assertThat(rejected(limited, snapshot(venue, "M-1", 6)).reason())
                .isEqualTo(ReasonCode.LEVEL_LIMIT);
        assertLimitExceeded(rejected(limited, snapshot(venue, "M-" + "9".repeat(80), 1)));
        assertThat(parse(limited, snapshot(venue, "M-1", 5)))
                .isInstanceOf(ParsedFrame.Messages.class);
    }

    /** A snapshot of {@code levels} bid levels on the YES side (prices cycle through 1..99 c). */
    static byte[] snapshot(Venue venue, String market, int levels) {
        IntFunction<Long> price = i -> (i % 99 + 1) * 10_000L;
        if (venue.id().equals("kalshi")) {
            List<KalshiFrames.Level> bids = new ArrayList<>(levels);
            for (int i = 0; i < levels; i++) {
                bids.add(new KalshiFrames.Level(price.apply(i), 1_000_000L));
            }
            return KalshiFrames.orderbookSnapshot(1, 1, market, bids, List.of());
        }
        List<PriceLevel> bids = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            bids.add(new PriceLevel(price.apply(i), 1_000_000L));
        }
        return utf8(
                PolymarketFrames.book(
                        new PolymarketFrames.Book("0x" + market, YES_TOKEN, 5L, bids, List.of())));
    }

    /** A trade of one contract at 0.42. */
    static byte[] trade(Venue venue, String tradeId, String market) {
        if (venue.id().equals("kalshi")) {
            return KalshiFrames.trade(
                    2, 1L, tradeId, market, 420_000L, 1_000_000L, TakerSide.BUY, 5L);
        }
        return utf8(
                PolymarketFrames.lastTradePrice(
                        new PolymarketFrames.Trade(
                                "0x" + market,
                                YES_TOKEN,
                                420_000L,
                                1_000_000L,
                                TakerSide.BUY,
                                5L,
                                "0x" + tradeId)));
    }
}
