package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.RECEIVED;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.TICKER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.json;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.level;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.message;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.messages;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.ms;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.parse;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KalshiFrameParserBookTest {

    @Test
    void snapshotGivesBothBidLaddersBestPriceFirstWithSequenceAndStream() {
        BookSnapshot expected =
                new BookSnapshot(
                        TICKER,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(
                                                level(420_000, 100_000_000),
                                                level(220_000, 333_000_000),
                                                level(80_000, 300_000_000))),
                                new Ladder(
                                        "NO",
                                        BookSide.BID,
                                        List.of(
                                                level(560_000, 146_000_000),
                                                level(540_000, 20_000_000)))));

        assertThat(messages(parse("ws/orderbook_snapshot.json")))
                .containsExactly(message(expected, RECEIVED, 1L, 2L));
    }

    @Test
    void snapshotWithAnOmittedSideHasAnEmptyLadderForIt() {
        BookSnapshot expected =
                new BookSnapshot(
                        TICKER,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(level(15_000, 12_250_000), level(1_000, 500_000))),
                                new Ladder("NO", BookSide.BID, List.of())));

        assertThat(single(parse("ws/orderbook_snapshot_one_side.json"))).isEqualTo(expected);
    }

    @Test
    void emptyBookSnapshotHasTwoEmptyLadders() {
        BookSnapshot expected =
                new BookSnapshot(
                        TICKER,
                        List.of(
                                new Ladder("YES", BookSide.BID, List.of()),
                                new Ladder("NO", BookSide.BID, List.of())));

        assertThat(messages(parse("ws/orderbook_snapshot_empty.json")))
                .containsExactly(message(expected, RECEIVED, 1L, 4L));
    }

    @Test
    void centsEraSnapshotScalesCentsAndIntegerCounts() {
        BookSnapshot expected =
                new BookSnapshot(
                        "INXD-23SEP14-B4487",
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(
                                                level(220_000, 333_000_000),
                                                level(80_000, 300_000_000))),
                                new Ladder(
                                        "NO",
                                        BookSide.BID,
                                        List.of(
                                                level(560_000, 146_000_000),
                                                level(540_000, 20_000_000)))));

        assertThat(messages(parse("ws/orderbook_snapshot_cents.json")))
                .containsExactly(message(expected, RECEIVED, 1L, 3L));
    }

    @Test
    void deltaWithFractionalCountTakesTheRfc3339Ts() {
        BookDelta expected =
                new BookDelta(
                        TICKER,
                        List.of(
                                new LevelUpdate(
                                        "YES",
                                        BookSide.BID,
                                        960_000L,
                                        54_500_000L,
                                        UpdateKind.DELTA)));

        assertThat(messages(parse("ws/orderbook_delta.json")))
                .containsExactly(message(expected, ms("2025-12-01T14:30:05.123Z"), 2L, 2L));
    }

    @Test
    void negativeFractionalDeltaOnNoPrefersTsMs() {
        BookDelta expected =
                new BookDelta(
                        TICKER,
                        List.of(
                                new LevelUpdate(
                                        "NO",
                                        BookSide.BID,
                                        540_000L,
                                        -12_250_000L,
                                        UpdateKind.DELTA)));

        assertThat(messages(parse("ws/orderbook_delta_negative.json")))
                .containsExactly(message(expected, 1_764_599_406_789L, 3L, 2L));
    }

    @Test
    void centsEraDeltaScalesPriceAndSignedIntegerDelta() {
        BookDelta expected =
                new BookDelta(
                        "INXD-23SEP14-B4487",
                        List.of(
                                new LevelUpdate(
                                        "NO",
                                        BookSide.BID,
                                        960_000L,
                                        -54_000_000L,
                                        UpdateKind.DELTA)));

        assertThat(messages(parse("ws/orderbook_delta_cents.json")))
                .containsExactly(message(expected, ms("2023-09-14T15:20:01Z"), 2L, 3L));
    }

    @ParameterizedTest
    @CsvSource({
        "0.000001, 1",
        "0.999999, 999999",
        "1.000000, 1000000",
        "0.01, 10000",
        "0.0800, 80000"
    })
    void deltaPricesAtTheEdgesConvertExactly(String dollars, long micros) {
        ParsedFrame parsed =
                KalshiFixtures.PARSER.parse(
                        json(
                                "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":9,\"msg\":{"
                                        + "\"market_ticker\":\"T\",\"price_dollars\":\""
                                        + dollars
                                        + "\",\"delta_fp\":\"0.01\",\"side\":\"yes\"}}"));

        BookDelta delta = (BookDelta) single(parsed);
        assertThat(delta.getChanges().get(0).getPrice()).isEqualTo(micros);
        assertThat(delta.getChanges().get(0).getQuantity()).isEqualTo(10_000L);
    }

    @Test
    void sevenDecimalPriceIsMalformed() {
        assertThat(parse("invalid/delta_price_7_decimals.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.price_dollars: dollar amount '0.1234567' has more than 6"
                                        + " significant decimals"));
    }

    @Test
    void negativePriceAndNegativeLevelCountAreMalformed() {
        assertThat(parse("invalid/delta_negative_price.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.price_dollars: negative dollar amount: '-0.0100'"));
        assertThat(parse("invalid/snapshot_negative_count.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.yes_dollars_fp[0][1]: negative contract count: '-300.00'"));
    }

    @Test
    void bookMessagesNeedTickerSidAndSeq() {
        assertThat(parse("invalid/snapshot_missing_ticker.json"))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.market_ticker"));
        assertThat(parse("invalid/delta_missing_seq.json"))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "seq"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"orderbook_snapshot\",\"seq\":1,"
                                                + "\"msg\":{\"market_ticker\":\"T\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "sid"));
    }

    @Test
    void deltaNeedsSidePriceAndDelta() {
        String head = "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":3,\"msg\":{";
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"market_ticker\":\"T\",\"price_dollars\":\"0.5\","
                                                + "\"delta_fp\":\"1\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.side"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"market_ticker\":\"T\",\"side\":\"yes\","
                                                + "\"delta_fp\":\"1\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.price_dollars"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"market_ticker\":\"T\",\"side\":\"yes\","
                                                + "\"price_dollars\":\"0.5\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.delta_fp"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"market_ticker\":\"T\",\"side\":\"maybe\","
                                                + "\"price_dollars\":\"0.5\",\"delta_fp\":\"1\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED, "msg.side: expected yes or no, got 'maybe'"));
    }

    @Test
    void malformedLadderShapesAreRejected() {
        String head = "{\"type\":\"orderbook_snapshot\",\"sid\":2,\"seq\":1,\"msg\":{";
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(head + "\"market_ticker\":\"T\",\"yes_dollars_fp\":\"x\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.yes_dollars_fp: expected an array, got string \"x\""));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"market_ticker\":\"T\","
                                                + "\"no_dollars_fp\":[[\"0.5\"]]}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.no_dollars_fp[0]: expected [price, count]"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(head + "\"market_ticker\":\"T\",\"yes\":[[8.5,1]]}}")))
                .isInstanceOf(ParsedFrame.Rejected.class)
                .extracting(r -> ((ParsedFrame.Rejected) r).reason())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void zeroCountsAndDuplicatePricesAreLeftToTheJobsBookChecks() {
        ParsedFrame parsed =
                KalshiFixtures.PARSER.parse(
                        json(
                                "{\"type\":\"orderbook_snapshot\",\"sid\":2,\"seq\":1,\"msg\":{"
                                        + "\"market_ticker\":\"T\",\"yes_dollars_fp\":"
                                        + "[[\"0.10\",\"0.00\"],[\"0.20\",\"1.00\"],"
                                        + "[\"0.10\",\"2.00\"]]}}"));

        BookSnapshot snapshot = (BookSnapshot) single(parsed);
        assertThat(snapshot.getLadders().get(0).getLevels())
                .containsExactly(
                        level(200_000, 1_000_000), level(100_000, 0), level(100_000, 2_000_000));
    }
}
