package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.COND;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.NO;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.RECEIVED;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.YES;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.fixture;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.frame;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.lvl;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.messages;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.ms;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.msg;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.parse;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.parseFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PolymarketFrameParserTest {

    private static BookSnapshot snapshot(String market, Ladder... ladders) {
        return BookSnapshot.newBuilder()
                .setVenueMarketId(market)
                .setLadders(List.of(ladders))
                .build();
    }

    private static BookDelta delta(String market, LevelUpdate... changes) {
        return BookDelta.newBuilder().setVenueMarketId(market).setChanges(List.of(changes)).build();
    }

    private static LevelUpdate abs(String asset, BookSide side, long price, long size) {
        return new LevelUpdate(asset, side, price, size, UpdateKind.ABSOLUTE);
    }

    private static ParsedFrame.Rejected rejected(ReasonCode reason, String detail) {
        return new ParsedFrame.Rejected(reason, detail);
    }

    // ------------------------------------------------------------------ book

    @Test
    void bookBecomesOneSnapshotWithBothLaddersBestFirst() {
        assertThat(parseFixture("book.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908890123L,
                                        snapshot(
                                                COND,
                                                new Ladder(
                                                        YES,
                                                        BookSide.BID,
                                                        List.of(
                                                                lvl(480_000, 30_000_000),
                                                                lvl(470_000, 250_500_000),
                                                                lvl(460_000, 1_500_000_000))),
                                                new Ladder(
                                                        YES,
                                                        BookSide.ASK,
                                                        List.of(
                                                                lvl(500_000, 10_000_000),
                                                                lvl(510_000, 60_250_000),
                                                                lvl(520_000, 25_000_000)))))));
    }

    @Test
    void bookArrayBecomesOneSnapshotPerBookInFrameOrder() {
        assertThat(parseFixture("book_array.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908890123L,
                                        snapshot(
                                                COND,
                                                new Ladder(
                                                        YES,
                                                        BookSide.BID,
                                                        List.of(
                                                                lvl(480_000, 200_000_000),
                                                                lvl(470_000, 100_000_000))),
                                                new Ladder(
                                                        YES,
                                                        BookSide.ASK,
                                                        List.of(
                                                                lvl(520_000, 400_000_000),
                                                                lvl(530_000, 300_000_000))))),
                                msg(
                                        1757908890124L,
                                        snapshot(
                                                COND,
                                                new Ladder(
                                                        NO,
                                                        BookSide.BID,
                                                        List.of(
                                                                lvl(480_000, 300_000_000),
                                                                lvl(470_000, 400_000_000))),
                                                new Ladder(
                                                        NO,
                                                        BookSide.ASK,
                                                        List.of(
                                                                lvl(520_000, 100_000_000),
                                                                lvl(530_000, 200_000_000)))))));
    }

    @Test
    void emptyBookHasEmptyLadders() {
        assertThat(parseFixture("book_empty.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908890500L,
                                        snapshot(
                                                COND,
                                                new Ladder(NO, BookSide.BID, List.of()),
                                                new Ladder(NO, BookSide.ASK, List.of())))));
    }

    @Test
    void documentedExampleWithLeadingDotPricesAndAscendingAsksIsOrderedBestFirst() {
        // The docs' example writes ".48" and lists asks ascending; its hash is a placeholder,
        // which is accepted because hashes are not validated.
        String market = "0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af";
        String asset =
                "65818619657568813474341868652308942079804919287380422192892211131408793125422";
        assertThat(parseFixture("book_docs_example.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        123456789000L,
                                        snapshot(
                                                market,
                                                new Ladder(
                                                        asset,
                                                        BookSide.BID,
                                                        List.of(
                                                                lvl(500_000, 15_000_000),
                                                                lvl(490_000, 20_000_000),
                                                                lvl(480_000, 30_000_000))),
                                                new Ladder(
                                                        asset,
                                                        BookSide.ASK,
                                                        List.of(
                                                                lvl(520_000, 25_000_000),
                                                                lvl(530_000, 60_000_000),
                                                                lvl(540_000, 10_000_000)))))));
    }

    @Test
    void seventyEightDigitTokenIdIsKeptVerbatimAsAString() {
        String asset =
                "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assertThat(asset).hasSize(78);
        assertThat(parseFixture("book_78_digit_asset.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1781252556841L,
                                        snapshot(
                                                "0x0f49db97f71c68b1e42a6d16e3de93d85dbf7d4148e3f018eb79e88554be9f75",
                                                new Ladder(
                                                        asset,
                                                        BookSide.BID,
                                                        List.of(lvl(1_000, 1_934_403_300_000L))),
                                                new Ladder(
                                                        asset,
                                                        BookSide.ASK,
                                                        List.of(
                                                                lvl(
                                                                        999_000,
                                                                        31_113_102_710_000L)))))));
    }

    @Test
    void tokenIdsMustBeDecimalStringsOfAtMost78Digits() {
        String tooLong = "1".repeat(79);
        assertThat(parse(book("\"" + tooLong + "\"")))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "asset_id: '"
                                        + tooLong
                                        + "' is not a token id (1 to 78 decimal digits)"));
        assertThat(parse(book("\"0xabc\"")))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "asset_id: '0xabc' is not a token id (1 to 78 decimal digits)"));
        assertThat(parse(book("12345")))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "asset_id: token ids must be decimal strings, got number 12345"));
    }

    private static String book(String assetJson) {
        return "{\"event_type\":\"book\",\"asset_id\":"
                + assetJson
                + ",\"market\":\"0xabc\",\"bids\":[],\"asks\":[],\"timestamp\":\"1\"}";
    }

    @Test
    void bookWithNullSidesAndLegacyBuysSellsNames() {
        assertThat(
                        parse(
                                "{\"event_type\":\"book\",\"asset_id\":\"7\",\"market\":\"0xabc\","
                                        + "\"buys\":[{\"price\":\"0.4\",\"size\":\"1\"}],"
                                        + "\"sells\":null,\"timestamp\":\"5\"}"))
                .isEqualTo(
                        messages(
                                msg(
                                        5,
                                        snapshot(
                                                "0xabc",
                                                new Ladder(
                                                        "7",
                                                        BookSide.BID,
                                                        List.of(lvl(400_000, 1_000_000))),
                                                new Ladder("7", BookSide.ASK, List.of())))));
    }

    @Test
    void bookMissingFieldsAreNamed() {
        assertThat(parseFixture("book_missing_asset_id.json"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "asset_id"));
        assertThat(
                        parse(
                                "{\"event_type\":\"book\",\"asset_id\":\"7\",\"market\":\"0xabc\","
                                        + "\"bids\":[]}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "asks"));
        assertThat(
                        parse(
                                "{\"event_type\":\"book\",\"asset_id\":\"7\",\"market\":\"0xabc\","
                                        + "\"bids\":[{\"price\":\"0.4\"}],\"asks\":[]}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "bids[0].size"));
        assertThat(parse("{\"event_type\":\"book\",\"asset_id\":\"7\",\"bids\":[],\"asks\":[]}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "market"));
    }

    @Test
    void oneBadBookRejectsTheWholeArrayNamingTheElement() {
        String good =
                "{\"event_type\":\"book\",\"asset_id\":\"7\",\"market\":\"0xabc\",\"bids\":[],"
                        + "\"asks\":[]}";
        String bad = "{\"event_type\":\"book\",\"market\":\"0xabc\",\"bids\":[],\"asks\":[]}";
        assertThat(parse("[" + good + "," + bad + "]"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "[1].asset_id"));
        assertThat(parse("[" + good + ",3]"))
                .isEqualTo(rejected(ReasonCode.MALFORMED, "[1]: expected an object, got number 3"));
        assertThat(parse("[]")).isEqualTo(new ParsedFrame.Messages(List.of()));
    }

    // ------------------------------------------------------------------ price_change

    @Test
    void todaysPriceChangesCoverBothTokensInOneDelta() {
        assertThat(parseFixture("price_change.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908892351L,
                                        delta(
                                                COND,
                                                abs(YES, BookSide.BID, 500_000, 200_000_000),
                                                abs(NO, BookSide.ASK, 500_000, 200_000_000)))));
    }

    @Test
    void sizeZeroRemovesTheLevel() {
        assertThat(parseFixture("price_change_removal.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908893000L,
                                        delta(COND, abs(YES, BookSide.BID, 480_000, 0)))));
    }

    @Test
    void zeroSizeWithDecimalsIsZero() {
        assertThat(parseFixture("price_change_zero_size.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1729084877999L,
                                        delta(COND, abs(NO, BookSide.ASK, 610_000, 0)))));
    }

    @Test
    void legacyChangesShapeUsesTheMessageAssetId() {
        assertThat(parseFixture("price_change_changes.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1729084877448L,
                                        delta(
                                                COND,
                                                abs(YES, BookSide.ASK, 400_000, 3_300_000_000L),
                                                abs(YES, BookSide.BID, 390_000, 12_500_000)))));
    }

    @Test
    void oldestSingleLevelShape() {
        assertThat(parseFixture("price_change_single.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1712345678901L,
                                        delta(COND, abs(NO, BookSide.ASK, 600_000, 50_000_000)))));
    }

    @Test
    void decimalEdgeValuesConvertExactly() {
        assertThat(parseFixture("price_change_decimal_edges.json"))
                .isEqualTo(
                        messages(
                                msg(
                                        1757908894000L,
                                        delta(
                                                COND,
                                                abs(YES, BookSide.BID, 1_000, 1),
                                                abs(YES, BookSide.ASK, 999_000, 1_000_000),
                                                abs(
                                                        NO,
                                                        BookSide.ASK,
                                                        1_000_000,
                                                        1_234_567_891_011L),
                                                abs(NO, BookSide.BID, 1, 5_000_000)))));
    }

    @Test
    void sevenDecimalPriceIsMalformed() {
        assertThat(parseFixture("price_change_seven_decimals.json"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].price: more than 6 decimals: '0.1234567'"));
    }

    @Test
    void priceChangeMissingSideIsNamed() {
        assertThat(parseFixture("price_change_missing_side.json"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "price_changes[1].side"));
    }

    @Test
    void priceChangeWithoutChangesOrWithABadSide() {
        String head = "{\"event_type\":\"price_change\",\"market\":\"0xabc\",";
        assertThat(parse(head + "\"timestamp\":\"1\"}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "price_changes"));
        assertThat(parse(head + "\"price_changes\":[]}"))
                .isEqualTo(rejected(ReasonCode.MALFORMED, "price_change without any change"));
        assertThat(
                        parse(
                                head
                                        + "\"price_changes\":[{\"asset_id\":\"7\",\"price\":\"0.5\","
                                        + "\"size\":\"1\",\"side\":\"HOLD\"}]}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].side: expected BUY or SELL, got 'HOLD'"));
    }

    @Test
    void negativeOrGarbageDecimalsAreMalformed() {
        String head =
                "{\"event_type\":\"price_change\",\"market\":\"0xabc\",\"price_changes\":"
                        + "[{\"asset_id\":\"7\",\"side\":\"BUY\",";
        assertThat(parse(head + "\"price\":\"0.5\",\"size\":\"-3\"}]}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].size: negative decimal '-3'"));
        assertThat(parse(head + "\"price\":\"abc\",\"size\":\"3\"}]}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].price: not a decimal: 'abc'"));
        assertThat(parse(head + "\"price\":\"1e-3\",\"size\":\"3\"}]}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].price: not a decimal: '1e-3'"));
        assertThat(parse(head + "\"price\":true,\"size\":\"3\"}]}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "price_changes[0].price: expected a decimal, got boolean true"));
    }

    // ------------------------------------------------------------------ trades, resolutions

    @Test
    void lastTradePriceBecomesATradeReportWithADeterministicId() {
        String tx = "0x85786708c6034c31d9b76f15047ede9949658742b6d342fce204175230b468ff";
        TradeReport trade =
                TradeReport.newBuilder()
                        .setVenueTradeId(tx + ":" + YES + ":BUY:456000:219217767")
                        .setVenueMarketId(COND)
                        .setOutcomeId(YES)
                        .setPrice(456_000)
                        .setQuantity(219_217_767)
                        .setTakerSide(TakerSide.BUY)
                        .setMakerOrderId(null)
                        .setTakerOrderId(null)
                        .build();
        assertThat(parseFixture("last_trade_price.json"))
                .isEqualTo(messages(msg(1750428146322L, trade)));
        assertThat(PolymarketFrameParser.tradeId(tx, YES, TakerSide.BUY, 456_000, 219_217_767))
                .isEqualTo(trade.getVenueTradeId());
    }

    @Test
    void lastTradePriceWithoutTransactionHashIsMissingField() {
        assertThat(parseFixture("last_trade_price_missing_transaction_hash.json"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "transaction_hash"));
    }

    @Test
    void unrecognizedTakerSideIsLeftForTheJobToQuarantine() {
        ParsedFrame parsed =
                parse(
                        "{\"event_type\":\"last_trade_price\",\"market\":\"0xabc\","
                                + "\"asset_id\":\"7\",\"price\":\"0.5\",\"size\":\"2\","
                                + "\"side\":\"CROSS\",\"transaction_hash\":\"0x1\"}");
        TradeReport trade =
                (TradeReport) ((ParsedFrame.Messages) parsed).messages().get(0).getPayload();
        assertThat(trade.getTakerSide()).isEqualTo(TakerSide.UNKNOWN);
        assertThat(trade.getVenueTradeId()).isEqualTo("0x1:7:CROSS:500000:2000000");
    }

    @Test
    void marketResolvedNamesTheWinningToken() {
        Resolution resolution =
                Resolution.newBuilder()
                        .setVenueMarketId(
                                "0x311d0c4b6671ab54af4970c06fcf58662516f5168997bdda209ec3db5aa6b0c1")
                        .setResolvedOutcomeId(
                                "76043073756653678226373981964075571318267289248134717369284518995922789326425")
                        .setPayouts(List.of())
                        .setVenueStatus("resolved")
                        .setResolutionSource("polymarket")
                        .build();
        assertThat(parseFixture("market_resolved.json"))
                .isEqualTo(messages(msg(1766790415550L, resolution)));
    }

    // ------------------------------------------------------------------ ignored, unknown, broken

    @Test
    void typesTheCanonicalStreamsDoNotUseAreIgnored() {
        assertThat(parseFixture("tick_size_change.json"))
                .isEqualTo(new ParsedFrame.Ignored("tick_size_change"));
        assertThat(parseFixture("best_bid_ask.json"))
                .isEqualTo(new ParsedFrame.Ignored("best_bid_ask"));
        assertThat(parseFixture("new_market.json"))
                .isEqualTo(new ParsedFrame.Ignored("new_market"));
        assertThat(parseFixture("subscription.json"))
                .isEqualTo(new ParsedFrame.Ignored("subscription"));
        assertThat(parse("PONG")).isEqualTo(new ParsedFrame.Ignored("PONG"));
        assertThat(parse("[" + new String(fixture("tick_size_change.json")) + "]"))
                .isEqualTo(new ParsedFrame.Ignored("tick_size_change"));
    }

    @Test
    void unknownEventTypeIsUnknownMessage() {
        assertThat(parseFixture("unknown_event_type.json"))
                .isEqualTo(rejected(ReasonCode.UNKNOWN_MESSAGE, "unknown event_type 'order_fill'"));
    }

    @Test
    void brokenJsonIsMalformed() {
        ParsedFrame parsed = parseFixture("broken.json");
        assertThat(parsed).isInstanceOf(ParsedFrame.Rejected.class);
        ParsedFrame.Rejected rejected = (ParsedFrame.Rejected) parsed;
        assertThat(rejected.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(rejected.detail()).startsWith("not JSON: ");
    }

    @Test
    void wrongShapesAreMalformed() {
        assertThat(parse("42"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "a frame must be a JSON object or array, not number"));
        assertThat(parseBytes(new byte[0]))
                .isEqualTo(rejected(ReasonCode.MALFORMED, "empty frame"));
        assertThat(parse("{\"hello\":1}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "object without event_type that is neither a Gamma event nor a"
                                        + " Gamma market"));
        assertThat(parse("{\"event_type\":7}"))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "event_type: expected a string, got number 7"));
        assertThat(((ParsedFrame.Rejected) parse("{\"event_type\":\"book\"} trailing")).reason())
                .isEqualTo(ReasonCode.MALFORMED);
        assertThat(
                        ((ParsedFrame.Rejected)
                                        parse("{\"event_type\":\"book\",\"event_type\":\"x\"}"))
                                .reason())
                .isEqualTo(ReasonCode.MALFORMED);
        assertThat(
                        ((ParsedFrame.Rejected) parseBytes(new byte[] {'{', '"', (byte) 0xC3, '"'}))
                                .reason())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    private static ParsedFrame parseBytes(byte[] payload) {
        return PolymarketTestSupport.parse(frame(payload));
    }

    // ------------------------------------------------------------------ times and envelope

    @Test
    void envelopeCarriesConnectionAndReceiveTimeAndNoSequence() {
        VenueMessage m =
                ((ParsedFrame.Messages) parseFixture("price_change.json")).messages().get(0);
        assertThat(m.getVenueId()).isEqualTo("polymarket");
        assertThat(m.getVenueSequence()).isNull();
        assertThat(m.getVenueStreamId()).isEqualTo("polymarket-ws-7");
        assertThat(m.getIngestTime()).isEqualTo(RECEIVED);
        assertThat(m.getVenueEventTime()).isEqualTo(1757908892351L);
        assertThat(m.getRawSource()).isNull();
    }

    @Test
    void venueTimeFallsBackToReceiveTimeAndMustBeMilliseconds() {
        String noTime =
                "{\"event_type\":\"market_resolved\",\"market\":\"0xabc\",\"winning_asset_id\":\"7\"}";
        assertThat(((ParsedFrame.Messages) parse(noTime)).messages().get(0).getVenueEventTime())
                .isEqualTo(RECEIVED);
        String numeric = noTime.replace("}", ",\"timestamp\":1700000000123}");
        assertThat(((ParsedFrame.Messages) parse(numeric)).messages().get(0).getVenueEventTime())
                .isEqualTo(1700000000123L);
        assertThat(parse(noTime.replace("}", ",\"timestamp\":\"2025-01-01\"}")))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "timestamp: expected epoch milliseconds, got string"
                                        + " \"2025-01-01\""));
    }

    @Test
    void parsingIsDeterministicByteForByte() {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        for (String name : fixtureNames()) {
            ParsedFrame first = parseFixture(name);
            ParsedFrame second = parseFixture(name);
            assertThat(second).as(name).isEqualTo(first);
            if (first instanceof ParsedFrame.Messages m) {
                List<VenueMessage> again = ((ParsedFrame.Messages) second).messages();
                for (int i = 0; i < m.messages().size(); i++) {
                    assertThat(codec.encode(again.get(i)))
                            .as(name)
                            .isEqualTo(codec.encode(m.messages().get(i)));
                }
            }
        }
    }

    @Test
    void neverThrowsOnTruncatedOrCorruptedFrames() {
        PolymarketFrameParser parser = new PolymarketFrameParser();
        int parsed = 0;
        for (String name : fixtureNames()) {
            byte[] bytes = fixture(name);
            for (int cut = 0; cut < bytes.length; cut += 3) {
                RawFrame truncated = frame(Arrays.copyOf(bytes, cut));
                assertNoSurprise(parser.parse(truncated), name + " cut at " + cut);
                byte[] corrupted = bytes.clone();
                corrupted[cut] = (byte) (corrupted[cut] ^ 0x5A);
                assertNoSurprise(parser.parse(frame(corrupted)), name + " flipped " + cut);
                parsed += 2;
            }
        }
        assertThat(parsed).isGreaterThan(1000);
    }

    /** A result, and a rejection only ever for a reason the parser states, never its safety net. */
    private static void assertNoSurprise(ParsedFrame result, String what) {
        assertThat(result).as(what).isNotNull();
        if (result instanceof ParsedFrame.Rejected r) {
            assertThat(r.detail()).as(what).doesNotStartWith("unexpected");
        }
    }

    static List<String> fixtureNames() {
        try {
            Path dir =
                    Paths.get(PolymarketFrameParserTest.class.getResource("/polymarket").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = new ArrayList<>();
                files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
                return names;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ Gamma

    private static final String BTC_100K =
            "0x8e9b6942b4dac3117dadfacac2edb390b6d62d59c14152774bb5fcd983fc134e";
    private static final String BTC_120K =
            "0x0ecb24de3a8b875cf80ad087a40be0c86ba47e455e89519cf46ee98361769316";

    private static List<VenueMessage> binaryEventMessages() {
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId("16167")
                        .setEventName("Bitcoin above ___ on December 31?")
                        .setEventDescription(
                                "Markets on the Binance BTC/USDT 1 minute candle close at 12:00 ET"
                                        + " on December 31, 2025.")
                        .setEventType(null)
                        .setEventCategory("Crypto")
                        .setEventTags(List.of("Crypto", "Bitcoin"))
                        .setStartDate(ms("2025-11-01T16:00:00Z"))
                        .setExpiryDate(ms("2025-12-31T17:00:00Z"))
                        .setResolutionSource("https://www.binance.com/en/trade/BTC_USDT")
                        .build();
        MarketInfo m100 =
                MarketInfo.newBuilder()
                        .setVenueMarketId(BTC_100K)
                        .setVenueEventId("16167")
                        .setMarketDescription("Will Bitcoin be above $100,000 on December 31?")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                List.of(
                                        new Outcome(
                                                "YES",
                                                "Yes",
                                                "34860351219264002510127502876930881678393989031736188690584879294552619323435"),
                                        new Outcome(
                                                "NO",
                                                "No",
                                                "73806912798634571738808025034475386892157271856625203989141421814633861828824")))
                        .setOpenTime(ms("2025-11-01T16:05:12.500Z"))
                        .setCloseTime(ms("2025-12-31T17:00:00Z"))
                        .setSettlementRule(
                                "This market will resolve to \"Yes\" if the Binance 1 minute candle"
                                        + " for BTC/USDT 12:00 ET on December 31 has a final close"
                                        + " price above $100,000.")
                        .setTickSize(10_000L)
                        .setVenueStatus("active")
                        .build();
        MarketInfo m120 =
                MarketInfo.newBuilder(m100)
                        .setVenueMarketId(BTC_120K)
                        .setMarketDescription("Will Bitcoin be above $120,000 on December 31?")
                        .setOutcomes(
                                List.of(
                                        new Outcome(
                                                "YES",
                                                "Yes",
                                                "83021492421532667060410026606111736389590672304807578143368807500707988851238"),
                                        new Outcome(
                                                "NO",
                                                "No",
                                                "15742050124585509989473606131551554389540431042732688023993112172183871780533")))
                        .setSettlementRule(
                                "This market will resolve to \"Yes\" if the Binance 1 minute candle"
                                        + " for BTC/USDT 12:00 ET on December 31 has a final close"
                                        + " price above $120,000.")
                        .setTickSize(1_000L)
                        .build();
        return List.of(msg(RECEIVED, event), msg(RECEIVED, m100), msg(RECEIVED, m120));
    }

    private static final String THUNDER =
            "0x4fec624c0ff2bfae89956cebd6fbc9c58f995f824382dc587dc5a32a4b15940b";
    private static final String CELTICS =
            "0x6b6de56b0057be1b236ef4e52745ca1160497419789ffe3c6f0f95b12e195762";
    private static final String LAKERS =
            "0x197047c17a5111889b1090b979105a8822774a8f173085f0703f311eeff91804";
    private static final String LAKERS_YES =
            "49771767487275892162758133944489749764549524349205080720577469650514076310523";
    private static final String LAKERS_NO =
            "69277772407192242298818413487984068710389539606693283130777443408876465351968";

    private static MarketInfo nbaMarket(
            String conditionId, String team, String yes, String no, long tick, String status) {
        return MarketInfo.newBuilder()
                .setVenueMarketId(conditionId)
                .setVenueEventId("27830")
                .setMarketDescription("Will the " + team + " win the 2026 NBA Finals?")
                .setMarketType(MarketType.BINARY)
                .setOutcomes(List.of(new Outcome("YES", "Yes", yes), new Outcome("NO", "No", no)))
                .setOpenTime(ms("2025-06-23T15:10:00Z"))
                .setCloseTime(ms("2026-06-30T00:00:00Z"))
                .setSettlementRule(
                        "This market will resolve to \"Yes\" if the "
                                + team
                                + " win the 2026 NBA Finals.")
                .setTickSize(tick)
                .setVenueStatus(status)
                .build();
    }

    private static List<VenueMessage> negRiskEventMessages() {
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId("27830")
                        .setEventName("2026 NBA Champion")
                        .setEventDescription(
                                "This is a polymarket on which team will win the 2026 NBA Finals.")
                        .setEventType("negRisk")
                        .setEventCategory(null)
                        .setEventTags(List.of("Sports", "NBA", "Games"))
                        .setStartDate(ms("2025-06-23T15:00:00Z"))
                        .setExpiryDate(ms("2026-06-30T00:00:00Z"))
                        .setResolutionSource("https://www.nba.com/")
                        .build();
        Resolution lakers =
                Resolution.newBuilder()
                        .setVenueMarketId(LAKERS)
                        .setResolvedOutcomeId(LAKERS_NO)
                        .setPayouts(
                                List.of(
                                        new OutcomePayout(LAKERS_YES, 0L),
                                        new OutcomePayout(LAKERS_NO, 1_000_000L)))
                        .setVenueStatus("uma:resolved")
                        .setResolutionSource("https://www.nba.com/")
                        .build();
        return List.of(
                msg(RECEIVED, event),
                msg(
                        RECEIVED,
                        nbaMarket(
                                THUNDER,
                                "Oklahoma City Thunder",
                                "58532985473346720485844837304523676237332502933404452067321061117716100537036",
                                "88970517297165220470097819558876667240451321748126200713037315422462371817124",
                                1_000L,
                                "active")),
                msg(
                        RECEIVED,
                        nbaMarket(
                                CELTICS,
                                "Boston Celtics",
                                "21281689972794981837208090099226293129359221739118675812871758398703672759691",
                                "67480871043277627376581750936503376340317355415721272538610756160292499553065",
                                1_000L,
                                "active")),
                msg(
                        RECEIVED,
                        nbaMarket(
                                LAKERS,
                                "Los Angeles Lakers",
                                LAKERS_YES,
                                LAKERS_NO,
                                10_000L,
                                "closed")),
                msg(RECEIVED, lakers));
    }

    @Test
    void gammaEventWithNestedBinaryMarkets() {
        assertThat(parseFixture("gamma_event_binary.json"))
                .isEqualTo(new ParsedFrame.Messages(binaryEventMessages()));
    }

    @Test
    void negRiskEventIsSeveralBinaryMarketsUnderOneEventAndAResolvedOneResolves() {
        assertThat(parseFixture("gamma_event_negrisk.json"))
                .isEqualTo(new ParsedFrame.Messages(negRiskEventMessages()));
    }

    @Test
    void arrayOfGammaEventsKeepsOrder() {
        List<VenueMessage> expected = new ArrayList<>(binaryEventMessages());
        expected.addAll(negRiskEventMessages());
        assertThat(parseFixture("gamma_events.json")).isEqualTo(new ParsedFrame.Messages(expected));
    }

    @Test
    void gammaMarketProposedByUmaIsFollowedByAProposedResolution() {
        String cond = "0xccc51cccefaae9546754ac4785db8fa14e617573d86da599c0ac8f36850eae9f";
        String lakers =
                "58829333714797701808809615700212236312388354840220449796041015763670852573416";
        String celtics =
                "67511012031483525946856969694479931934343402817178560789819739035982414958679";
        MarketInfo info =
                MarketInfo.newBuilder()
                        .setVenueMarketId(cond)
                        .setVenueEventId("90177")
                        .setMarketDescription("Lakers vs. Celtics")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                List.of(
                                        new Outcome("LAKERS", "Lakers", lakers),
                                        new Outcome("CELTICS", "Celtics", celtics)))
                        .setOpenTime(ms("2025-12-20T12:00:00Z"))
                        .setCloseTime(ms("2025-12-25T23:00:00Z"))
                        .setSettlementRule(
                                "In the upcoming NBA game, scheduled for December 25, 2025: if the"
                                        + " Los Angeles Lakers win, the market will resolve to"
                                        + " \"Lakers\".")
                        .setTickSize(10_000L)
                        .setVenueStatus("closed")
                        .build();
        Resolution proposed =
                Resolution.newBuilder()
                        .setVenueMarketId(cond)
                        .setResolvedOutcomeId(lakers)
                        .setPayouts(
                                List.of(
                                        new OutcomePayout(lakers, 1_000_000L),
                                        new OutcomePayout(celtics, 0L)))
                        .setVenueStatus("uma:proposed")
                        .setResolutionSource("https://www.nba.com/games")
                        .build();
        assertThat(parseFixture("gamma_market_proposed.json"))
                .isEqualTo(messages(msg(RECEIVED, info), msg(RECEIVED, proposed)));
    }

    @Test
    void gammaMarketDisputedIsFollowedByADisputedStatus() {
        String cond = "0x747dc809fb79e1b05be09c42d6179459a58de2ef3e40f02484a4e1260f741f75";
        MarketInfo info =
                MarketInfo.newBuilder()
                        .setVenueMarketId(cond)
                        .setVenueEventId("90178")
                        .setMarketDescription("Will the US confirm that aliens exist before 2027?")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                List.of(
                                        new Outcome(
                                                "YES",
                                                "Yes",
                                                "107505882767731489358349912513945399560393482969656700824895970500493757150417"),
                                        new Outcome(
                                                "NO",
                                                "No",
                                                "7305630249804085635496399869905769372294302716159034447326228509068694952392")))
                        .setOpenTime(ms("2025-01-10T18:31:01Z"))
                        .setCloseTime(ms("2026-12-31T12:00:00Z"))
                        .setSettlementRule(
                                "This market will resolve to \"Yes\" if the U.S. federal government"
                                        + " definitively confirms the existence of extraterrestrial"
                                        + " life before 2027.")
                        .setTickSize(1_000L)
                        .setVenueStatus("active")
                        .build();
        assertThat(parseFixture("gamma_market_disputed.json"))
                .isEqualTo(
                        messages(
                                msg(RECEIVED, info),
                                msg(RECEIVED, new MarketStatus(cond, "uma:disputed", null))));
    }

    @Test
    void gammaMarketResolvedNamesTheTokenPricedOne() {
        String cond = "0x29fc63d66c840ff5e6f190f3b7f1eae0f6cb5c3b37b41cc63dad121632c80c4b";
        String yes =
                "95392237033134859316508517411280839091542508608393424743404750464234370530991";
        String no = "9116770648672617954873502150906669109632013173266181691206825621739241400461";
        MarketInfo info =
                MarketInfo.newBuilder()
                        .setVenueMarketId(cond)
                        .setVenueEventId("90179")
                        .setMarketDescription("Will it rain in Seoul on June 26?")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                List.of(
                                        new Outcome("YES", "Yes", yes),
                                        new Outcome("NO", "No", no)))
                        .setOpenTime(null)
                        .setCloseTime(ms("2026-06-26T12:00:00Z"))
                        .setSettlementRule(
                                "Resolves to \"Yes\" if measurable precipitation is recorded at"
                                        + " Gimpo airport on June 26, 2026.")
                        .setTickSize(10_000L)
                        .setVenueStatus("closed")
                        .build();
        Resolution resolved =
                Resolution.newBuilder()
                        .setVenueMarketId(cond)
                        .setResolvedOutcomeId(no)
                        .setPayouts(
                                List.of(
                                        new OutcomePayout(yes, 0L),
                                        new OutcomePayout(no, 1_000_000L)))
                        .setVenueStatus("uma:resolved")
                        .setResolutionSource("https://www.kma.go.kr/")
                        .build();
        assertThat(parseFixture("gamma_market_resolved.json"))
                .isEqualTo(messages(msg(RECEIVED, info), msg(RECEIVED, resolved)));
    }

    @Test
    void bareGammaMarketWithoutEventIsMissingField() {
        assertThat(parseFixture("gamma_market_no_event.json"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "events[0].id"));
    }

    @Test
    void gammaMarketShapesAndOutcomeIds() {
        String threeWay =
                "{\"conditionId\":\"0xc\",\"question\":\"Who wins?\",\"outcomes\":"
                        + "[\"Real Madrid\",\"Draw\",\"FC Barcelona (away)\"],\"clobTokenIds\":"
                        + "[\"1\",\"2\",\"3\"],\"events\":[{\"id\":\"9\"}]}";
        MarketInfo info =
                (MarketInfo)
                        ((ParsedFrame.Messages) parse(threeWay)).messages().get(0).getPayload();
        assertThat(info.getMarketType()).isEqualTo(MarketType.CATEGORICAL);
        assertThat(info.getOutcomes())
                .containsExactly(
                        new Outcome("REAL_MADRID", "Real Madrid", "1"),
                        new Outcome("DRAW", "Draw", "2"),
                        new Outcome("FC_BARCELONA__AWAY_", "FC Barcelona (away)", "3"));
        assertThat(info.getVenueStatus()).isNull();
        assertThat(info.getTickSize()).isNull();

        assertThat(parse(threeWay.replace("[\"1\",\"2\",\"3\"]", "[\"1\",\"2\"]")))
                .isEqualTo(
                        rejected(ReasonCode.MALFORMED, "clobTokenIds: 2 entries for 3 outcomes"));
        assertThat(parse(threeWay.replace("\"Draw\"", "\"real madrid\"")))
                .isEqualTo(
                        rejected(
                                ReasonCode.MALFORMED,
                                "outcomes: 'Real Madrid' and 'real madrid' both map to outcome id"
                                        + " REAL_MADRID"));
        assertThat(parse(threeWay.replace("\"question\":\"Who wins?\",", "")))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "question"));
        assertThat(
                        parse(
                                threeWay.replace(
                                        "\"question\"",
                                        "\"umaResolutionStatus\":\"resolved\",\"question\"")))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "outcomePrices"));

        assertThat(PolymarketFrameParser.outcomeId(" yes ")).isEqualTo("YES");
        assertThat(PolymarketFrameParser.outcomeId("NO")).isEqualTo("NO");
        assertThat(PolymarketFrameParser.outcomeId("Up")).isEqualTo("UP");
        assertThat(PolymarketFrameParser.outcomeId("Over 2.5")).isEqualTo("OVER_2_5");
        assertThat(PolymarketFrameParser.outcomeId("Zürich")).isEqualTo("Z_RICH");
    }

    @Test
    void gammaEventDateAndNestedMarketProblemsAreNamed() {
        assertThat(parse("{\"id\":\"1\",\"title\":\"T\",\"startDate\":\"soon\"}"))
                .isEqualTo(rejected(ReasonCode.MALFORMED, "startDate: not a date: 'soon'"));
        assertThat(
                        parse(
                                "{\"id\":\"1\",\"title\":\"T\",\"markets\":[{\"conditionId\":\"\","
                                    + "\"question\":\"Q\",\"outcomes\":\"[\\\"Yes\\\",\\\"No\\\"]\"}]}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "markets[0].conditionId"));
        assertThat(parse("{\"title\":\"T\",\"markets\":[]}"))
                .isEqualTo(rejected(ReasonCode.MISSING_FIELD, "id"));
        assertThat(
                        parse(
                                "{\"id\":\"1\",\"title\":\"T\",\"markets\":[{\"conditionId\":\"0xc\",\"question\":\"Q\",\"outcomes\":\"[Yes,"
                                    + " No]\"}]}"))
                .satisfies(
                        r -> {
                            assertThat(r).isInstanceOf(ParsedFrame.Rejected.class);
                            assertThat(((ParsedFrame.Rejected) r).detail())
                                    .startsWith("markets[0].outcomes: expected a JSON array");
                        });
    }
}
