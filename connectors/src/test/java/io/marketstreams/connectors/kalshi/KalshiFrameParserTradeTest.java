package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.TICKER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.json;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.message;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.messages;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.parse;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.TradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KalshiFrameParserTradeTest {

    private static TradeReport report(
            String tradeId, String ticker, long price, long quantity, TakerSide side) {
        return TradeReport.newBuilder()
                .setVenueTradeId(tradeId)
                .setVenueMarketId(ticker)
                .setOutcomeId("YES")
                .setPrice(price)
                .setQuantity(quantity)
                .setTakerSide(side)
                .setMakerOrderId(null)
                .setTakerOrderId(null)
                .build();
    }

    @Test
    void takerWhoBoughtNoSoldYesAtTheYesPrice() {
        TradeReport expected =
                report(
                        "d91bc706-ee49-470d-82d8-11418bda6fed",
                        TICKER,
                        360_000,
                        136_000_000,
                        TakerSide.SELL);

        // No seq in the envelope: no venue sequence, no stream.
        assertThat(messages(parse("ws/trade.json")))
                .containsExactly(message(expected, 1_764_599_410_250L, null, null));
    }

    @Test
    void takerWhoBoughtYesIsABuyAndKeepsTheEnvelopeSequence() {
        TradeReport expected =
                report(
                        "0b4e5a77-60f6-4c1e-9d09-3c2e0d4e2a11",
                        TICKER,
                        999_999,
                        500_000,
                        TakerSide.BUY);

        // ts in integer seconds when there is no ts_ms.
        assertThat(messages(parse("ws/trade_taker_yes_fractional.json")))
                .containsExactly(message(expected, 1_764_599_411_000L, 7L, 11L));
    }

    @Test
    void centsEraTradeScalesPriceAndCount() {
        TradeReport expected =
                report(
                        "c2a4cd88-4bb6-4b5e-9b6f-1f2b3c4d5e6f",
                        "HIGHNY-22DEC23-B53.5",
                        360_000,
                        136_000_000,
                        TakerSide.BUY);

        assertThat(messages(parse("ws/trade_cents.json")))
                .containsExactly(message(expected, 1_669_149_841_000L, null, null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // taker_outcome_side wins over the deprecated taker_side
                "\"taker_outcome_side\":\"yes\",\"taker_side\":\"no\" | BUY",
                "\"taker_outcome_side\":\"no\",\"taker_side\":\"yes\" | SELL",
                "\"taker_book_side\":\"bid\",\"taker_side\":\"no\" | BUY",
                "\"taker_book_side\":\"ask\" | SELL",
                "\"taker_side\":\"yes\" | BUY",
                "\"taker_side\":\"no\" | SELL",
                "\"taker_side\":\"sideways\" | UNKNOWN",
                "\"taker_side\":\"\" | UNKNOWN",
                "\"x\":1 | UNKNOWN"
            })
    void takerSideOrientation(String fields, TakerSide expected) {
        ParsedFrame parsed =
                KalshiFixtures.PARSER.parse(
                        json(
                                "{\"type\":\"trade\",\"sid\":1,\"msg\":{\"trade_id\":\"t1\","
                                        + "\"market_ticker\":\"T\",\"yes_price_dollars\":\"0.42\","
                                        + "\"count_fp\":\"1.00\","
                                        + fields
                                        + "}}"));

        assertThat(((TradeReport) single(parsed)).getTakerSide()).isEqualTo(expected);
    }

    @Test
    void yesPriceIsTheComplementOfTheNoPriceWhenOnlyThatIsGiven() {
        ParsedFrame parsed =
                KalshiFixtures.PARSER.parse(
                        json(
                                "{\"type\":\"trade\",\"sid\":1,\"msg\":{\"trade_id\":\"t1\","
                                        + "\"market_ticker\":\"T\",\"no_price_dollars\":\"0.6400\","
                                        + "\"count_fp\":\"3.00\",\"taker_outcome_side\":\"no\"}}"));

        assertThat(((TradeReport) single(parsed)).getPrice()).isEqualTo(360_000L);
    }

    @Test
    void missingOrInvalidTradeFieldsAreRejected() {
        assertThat(parse("invalid/trade_missing_trade_id.json"))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.trade_id"));
        assertThat(parse("invalid/trade_count_3_decimals.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.count_fp: contract count '1.005' has more than 2 significant"
                                        + " decimals"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"trade\",\"msg\":{\"trade_id\":\"t\","
                                                + "\"market_ticker\":\"T\",\"count_fp\":\"1\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MISSING_FIELD, "msg.yes_price_dollars"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"trade\",\"msg\":{\"trade_id\":\"t\","
                                                + "\"market_ticker\":\"T\","
                                                + "\"yes_price_dollars\":\"0.5\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.count_fp"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"trade\",\"msg\":{\"trade_id\":\"t\","
                                                + "\"yes_price_dollars\":\"0.5\","
                                                + "\"count_fp\":\"1\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.market_ticker"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"trade\",\"msg\":{\"trade_id\":\"t\","
                                                + "\"market_ticker\":\"T\",\"yes_price\":36.5,"
                                                + "\"count\":1}}")))
                .isInstanceOf(ParsedFrame.Rejected.class)
                .extracting(r -> ((ParsedFrame.Rejected) r).reason())
                .isEqualTo(ReasonCode.MALFORMED);
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"trade\",\"msg\":{\"trade_id\":\"t\","
                                            + "\"market_ticker\":\"T\","
                                            + "\"yes_price_dollars\":\"0.5\",\"count_fp\":\"1\","
                                            + "\"ts\":\"yesterday\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED, "msg.ts: not an RFC 3339 time: 'yesterday'"));
    }
}
