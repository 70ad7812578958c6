package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.PARSER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.bytes;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.frame;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.json;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.ReasonCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame-level behaviour: ignored and unknown types, broken frames, envelope, determinism. */
class KalshiFrameParserFramesTest {

    @ParameterizedTest
    @ValueSource(strings = {"error", "ticker", "subscribed"})
    void knownUnusedTypesAreIgnored(String type) {
        assertThat(parse("ws/" + type + ".json")).isEqualTo(new ParsedFrame.Ignored(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticker_v2", "ok", "unsubscribed", "fill"})
    void otherKnownUnusedTypesAreIgnored(String type) {
        assertThat(PARSER.parse(json("{\"type\":\"" + type + "\",\"sid\":1,\"msg\":{}}")))
                .isEqualTo(new ParsedFrame.Ignored(type));
    }

    @Test
    void unknownTypeIsAnUnknownMessage() {
        assertThat(parse("invalid/unknown_type.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNKNOWN_MESSAGE,
                                "unknown message type 'orderbook_delta_v3'"));
    }

    @Test
    void brokenJsonIsMalformed() {
        ParsedFrame parsed = parse("invalid/broken.json");

        assertThat(parsed).isInstanceOf(ParsedFrame.Rejected.class);
        assertThat(((ParsedFrame.Rejected) parsed).reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(((ParsedFrame.Rejected) parsed).detail()).startsWith("not JSON: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "[1,2]",
                "\"text\"",
                "42",
                "null",
                "{\"type\":7}",
                "{\"type\":\"trade\",\"msg\":[]}",
                "{\"type\":\"trade\",\"sid\":1,\"sid\":2,\"msg\":{}}",
                "{\"type\":\"ticker\"} trailing",
                "{\"type\":\"orderbook_delta\",\"sid\":\"2\",\"seq\":1,\"msg\":{}}",
                "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":1.5,\"msg\":{}}"
            })
    void wrongShapesAreMalformed(String text) {
        ParsedFrame parsed = PARSER.parse(json(text));

        assertThat(parsed).isInstanceOf(ParsedFrame.Rejected.class);
        assertThat(((ParsedFrame.Rejected) parsed).reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void wsMessageWithoutMsgIsMissingIt() {
        assertThat(PARSER.parse(json("{\"type\":\"trade\",\"sid\":11}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg"));
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        ParsedFrame plain =
                PARSER.parse(
                        json(
                                "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":3,\"msg\":{"
                                        + "\"market_ticker\":\"T\",\"price_dollars\":\"0.5\","
                                        + "\"delta_fp\":\"1\",\"side\":\"no\"}}"));
        ParsedFrame extra =
                PARSER.parse(
                        json(
                                "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":3,\"new\":[1],"
                                        + "\"msg\":{\"market_ticker\":\"T\",\"price_dollars\":"
                                        + "\"0.5\",\"delta_fp\":\"1\",\"side\":\"no\","
                                        + "\"client_order_id\":\"c\",\"subaccount\":0,"
                                        + "\"nested\":{\"x\":[]}}}"));

        assertThat(extra).isEqualTo(plain);
    }

    @Test
    void errorRepliesExposeTheirSequenceThroughTheEnvelope() {
        assertThat(parse("ws/error.json")).isEqualTo(new ParsedFrame.Ignored("error"));
        assertThat(KalshiEnvelope.read(bytes("ws/error.json")))
                .isEqualTo(new KalshiEnvelope("error", 2L, 4L, null));
    }

    @Test
    void envelopeOfBookTradeRestAndBrokenFrames() {
        assertThat(KalshiEnvelope.read(bytes("ws/orderbook_delta.json")))
                .isEqualTo(new KalshiEnvelope("orderbook_delta", 2L, 2L, "KXFED-25DEC-T4.00"));
        assertThat(KalshiEnvelope.read(bytes("ws/trade.json")))
                .isEqualTo(new KalshiEnvelope("trade", 11L, null, "KXFED-25DEC-T4.00"));
        assertThat(KalshiEnvelope.read(bytes("rest/orderbook.json")))
                .isEqualTo(new KalshiEnvelope(null, null, null, "KXFED-25DEC-T4.00"));
        assertThat(KalshiEnvelope.read(bytes("invalid/broken.json"))).isNull();
        assertThat(KalshiEnvelope.read("[]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(KalshiEnvelope.read(new byte[0])).isNull();
        assertThat(
                        KalshiEnvelope.read(
                                "{\"type\":1,\"sid\":\"x\",\"seq\":2}"
                                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new KalshiEnvelope(null, null, 2L, null));
    }

    @Test
    void everyFixtureParsesDeterministically() throws IOException, URISyntaxException {
        List<String> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThan(40);
        for (String fixture : fixtures) {
            ParsedFrame first = PARSER.parse(frame(fixture));
            ParsedFrame again = new KalshiFrameParser().parse(frame(fixture));
            assertThat(again).as(fixture).isEqualTo(first);
        }
    }

    @Test
    void neverThrowsOnMangledFixtures() throws IOException, URISyntaxException {
        Random random = new Random(42);
        for (String fixture : fixtures()) {
            byte[] original = bytes(fixture);
            for (int round = 0; round < 50; round++) {
                byte[] mangled = original.clone();
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
                }
                int cut = random.nextInt(mangled.length + 1);
                byte[] payload = round % 2 == 0 ? mangled : java.util.Arrays.copyOf(original, cut);
                RawFrame frame = frame(payload);
                assertThatCode(() -> PARSER.parse(frame)).as(fixture).doesNotThrowAnyException();
                assertThatCode(() -> KalshiEnvelope.read(payload)).doesNotThrowAnyException();
                assertThat(PARSER.parse(frame)).isNotNull();
            }
        }
    }

    private static List<String> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(KalshiFixtures.class.getResource("/kalshi").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
