package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.EVENT;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.RECEIVED;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.TICKER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.json;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.level;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.message;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.messages;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.ms;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.parse;
import static io.marketstreams.connectors.kalshi.KalshiFrameParserLifecycleTest.YES_NO;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class KalshiFrameParserRestTest {

    static final String RULES =
            "If the upper bound of the federal funds target range is above the strike after the"
                    + " FOMC meeting, then the market resolves to Yes.";
    static final long UPDATED = ms("2025-11-20T09:15:00.500Z");

    static String fedTitle(String strike) {
        return "Will the upper bound of the federal funds rate be above "
                + strike
                + "% after the December 2025 meeting?";
    }

    static MarketInfo.Builder fedMarket(String strike, String status) {
        return MarketInfo.newBuilder()
                .setVenueMarketId("KXFED-25DEC-T" + strike)
                .setVenueEventId(EVENT)
                .setMarketDescription(fedTitle(strike))
                .setMarketType(MarketType.BINARY)
                .setOutcomes(YES_NO)
                .setOpenTime(ms("2025-11-01T14:00:00Z"))
                .setCloseTime(ms("2025-12-10T18:55:00Z"))
                .setSettlementRule(RULES)
                .setTickSize(10_000L)
                .setVenueStatus(status);
    }

    @Test
    void eventWithNestedMarketsGivesTheEventThenEachMarket() {
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId(EVENT)
                        .setEventName("Fed decision in December 2025")
                        .setEventDescription("After the Dec 10, 2025 meeting")
                        .setEventType(null)
                        .setEventCategory("Economics")
                        .setEventTags(List.of("KXFED"))
                        .setStartDate(null)
                        .setExpiryDate(ms("2025-12-10T19:00:00Z"))
                        .setResolutionSource(null)
                        .build();
        MarketInfo first = fedMarket("4.00", "active").build();
        MarketInfo second =
                fedMarket("4.25", "active")
                        .setMarketDescription(fedTitle("4.25") + " \u2014 Above 4.25%")
                        .setTickSize(1_000L)
                        .build();

        assertThat(messages(parse("rest/event_nested_markets.json")))
                .containsExactly(
                        message(event, RECEIVED, null, null),
                        message(first, UPDATED, null, null),
                        message(second, UPDATED, null, null));
    }

    @Test
    void eventsPageGivesEachEvent() {
        List<VenueMessage> messages = messages(parse("rest/events_page.json"));

        assertThat(messages)
                .extracting(VenueMessage::getPayload)
                .containsExactly(
                        EventInfo.newBuilder()
                                .setVenueEventId("KXPRES-28")
                                .setEventName("Who will win the 2028 presidential election?")
                                .setEventDescription(null)
                                .setEventType("mutually_exclusive")
                                .setEventCategory("Politics")
                                .setEventTags(List.of("KXPRES"))
                                .build(),
                        EventInfo.newBuilder()
                                .setVenueEventId("KXHIGHNY-25DEC01")
                                .setEventName("Highest temperature in NYC today?")
                                .setEventDescription("On Dec 1, 2025")
                                .setEventType("mutually_exclusive")
                                .setEventCategory("Climate and Weather")
                                .setEventTags(List.of("KXHIGHNY"))
                                .setExpiryDate(ms("2025-12-02T04:59:00Z"))
                                .build());
    }

    @Test
    void initializedMarket() {
        MarketInfo expected =
                fedMarket("4.00", "initialized").setOpenTime(ms("2026-01-05T14:00:00Z")).build();

        assertThat(messages(parse("rest/market_initialized.json")))
                .containsExactly(message(expected, ms("2025-12-20T10:00:00Z"), null, null));
    }

    @Test
    void legacyTickSizeInCentsAndSubtitleWithoutUpdatedTime() {
        MarketInfo expected =
                fedMarket("4.00", "active")
                        .setMarketDescription(fedTitle("4.00") + " \u2014 Above 4.00%")
                        .build();

        assertThat(messages(parse("rest/market_active_legacy_tick.json")))
                .containsExactly(message(expected, RECEIVED, null, null));
    }

    @Test
    void statusesPassVerbatimAndOnlyResolvedStatusesWithAnOutcomeAddAResolution() {
        long amended = ms("2025-12-12T08:00:00Z");
        long finalized = ms("2025-12-12T09:00:00Z");

        assertThat(messages(parse("rest/markets_page.json")))
                .containsExactly(
                        message(fedMarket("3.75", "inactive").build(), UPDATED, null, null),
                        message(fedMarket("4.00", "closed").build(), UPDATED, null, null),
                        // disputed is not a resolution, even with a result
                        message(fedMarket("4.25", "disputed").build(), UPDATED, null, null),
                        message(fedMarket("4.50", "amended").build(), amended, null, null),
                        message(
                                new Resolution(
                                        "KXFED-25DEC-T4.50", "NO", List.of(), "amended", "kalshi"),
                                amended,
                                null,
                                null),
                        // a void result names no outcome: the info only
                        message(fedMarket("4.75", "finalized").build(), finalized, null, null));
    }

    @Test
    void determinedMarketWithResultIsFollowedByItsResolution() {
        long updated = ms("2025-12-10T19:02:00Z");

        assertThat(messages(parse("rest/market_determined.json")))
                .containsExactly(
                        message(fedMarket("4.00", "determined").build(), updated, null, null),
                        message(
                                new Resolution(TICKER, "YES", List.of(), "determined", "kalshi"),
                                updated,
                                null,
                                null));
    }

    @Test
    void finalizedScalarMarketPaysPerOutcome() {
        long updated = ms("2025-12-10T14:31:00Z");
        MarketInfo info =
                fedMarket("4.00", "finalized")
                        .setVenueMarketId("KXCPI-25NOV")
                        .setVenueEventId("KXCPI-25NOV")
                        .setMarketDescription("CPI in November 2025")
                        .setMarketType(MarketType.SCALAR)
                        .setTickSize(1_000L)
                        .build();
        Resolution resolution =
                new Resolution(
                        "KXCPI-25NOV",
                        null,
                        List.of(
                                new OutcomePayout("YES", 370_000L),
                                new OutcomePayout("NO", 630_000L)),
                        "finalized",
                        "kalshi");

        assertThat(messages(parse("rest/market_finalized_scalar.json")))
                .containsExactly(
                        message(info, updated, null, null),
                        message(resolution, updated, null, null));
    }

    @Test
    void orderBookWithTheAdaptersMarketTickerIsASnapshot() {
        BookSnapshot expected =
                new BookSnapshot(
                        TICKER,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(
                                                level(150_000, 100_000_000),
                                                level(10_000, 200_000_000))),
                                new Ladder(
                                        "NO", BookSide.BID, List.of(level(700_000, 50_000_000)))));

        assertThat(messages(parse("rest/orderbook.json")))
                .containsExactly(message(expected, RECEIVED, null, null));
    }

    @Test
    void legacyOrderBookInCents() {
        BookSnapshot expected =
                new BookSnapshot(
                        TICKER,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(
                                                level(150_000, 100_000_000),
                                                level(10_000, 200_000_000))),
                                new Ladder("NO", BookSide.BID, List.of())));

        assertThat(messages(parse("rest/orderbook_legacy.json")))
                .containsExactly(message(expected, RECEIVED, null, null));
    }

    @Test
    void orderBookWithoutMarketTickerIsMissingIt() {
        assertThat(parse("rest/orderbook_missing_ticker.json"))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "market_ticker"));
    }

    @Test
    void unknownRestBodiesAndBadMarketsAreRejected() {
        assertThat(parse("invalid/rest_unknown_body.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNKNOWN_MESSAGE,
                                "no 'type' and no known REST body (event, events, market, markets,"
                                        + " orderbook_fp, orderbook)"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json("{\"market\":{\"ticker\":\"M\",\"title\":\"t\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "market.event_ticker"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json("{\"market\":{\"ticker\":\"M\",\"event_ticker\":\"E\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "market.title"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"market\":{\"ticker\":\"M\",\"event_ticker\":\"E\","
                                                + "\"title\":\"t\",\"market_type\":\"ternary\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNSUPPORTED_PAYLOAD,
                                "market.market_type: 'ternary' is not supported"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"market\":{\"ticker\":\"M\",\"event_ticker\":\"E\","
                                                + "\"title\":\"t\",\"open_time\":\"soon\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "market.open_time: not an RFC 3339 time: 'soon'"));
        assertThat(KalshiFixtures.PARSER.parse(json("{\"markets\":{}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED, "markets: expected an array, got object"));
        assertThat(KalshiFixtures.PARSER.parse(json("{\"markets\":[],\"cursor\":\"\"}")))
                .isEqualTo(new ParsedFrame.Messages(List.of()));
    }

    @Test
    void topLevelMarketsOfAnEventResponseFollowTheEventOnce() {
        String market =
                "{\"ticker\":\"E-M1\",\"title\":\"m1\",\"status\":\"active\","
                        + "\"price_level_structure\":\"tapered_deci_cent\"}";
        List<VenueMessage> messages =
                messages(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"event\":{\"event_ticker\":\"E\",\"title\":\"e\","
                                                + "\"markets\":["
                                                + market
                                                + "]},\"markets\":["
                                                + market
                                                + "]}")));

        assertThat(messages).hasSize(2);
        MarketInfo info = (MarketInfo) messages.get(1).getPayload();
        assertThat(info.getVenueEventId()).isEqualTo("E");
        assertThat(info.getTickSize()).isEqualTo(1_000L);
        assertThat(info.getVenueStatus()).isEqualTo("active");
        assertThat(info.getOpenTime()).isNull();
    }
}
