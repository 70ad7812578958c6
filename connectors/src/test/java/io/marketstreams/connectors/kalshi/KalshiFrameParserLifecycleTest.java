package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.EVENT;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.RECEIVED;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.TICKER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.json;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.message;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.messages;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.ms;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.parse;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KalshiFrameParserLifecycleTest {

    static final List<Outcome> YES_NO =
            List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null));

    @Test
    void createdWithTitleAndEventTickerIsAMarketInfo() {
        MarketInfo expected =
                MarketInfo.newBuilder()
                        .setVenueMarketId(TICKER)
                        .setVenueEventId(EVENT)
                        .setMarketDescription(
                                "Will the upper bound of the federal funds rate be above 4.00%"
                                        + " after the December 2025 meeting?")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(YES_NO)
                        .setOpenTime(ms("2025-11-01T14:00:00Z"))
                        .setCloseTime(ms("2025-12-10T18:55:00Z"))
                        .setSettlementRule(
                                "If the upper bound of the federal funds target range is above"
                                        + " 4.00% after the FOMC meeting, then the market resolves"
                                        + " to Yes.")
                        .setTickSize(10_000L)
                        .setVenueStatus("created")
                        .build();

        // Lifecycle messages have no own timestamp: the receive time; no seq: no sequence.
        assertThat(messages(parse("ws/lifecycle_created.json")))
                .containsExactly(message(expected, RECEIVED, null, null));
    }

    @Test
    void createdWithoutDescriptionIsOnlyAStatus() {
        assertThat(single(parse("ws/lifecycle_created_bare.json")))
                .isEqualTo(new MarketStatus(TICKER, "created", null));
    }

    @Test
    void activatedAndDeactivatedAreStatuses() {
        assertThat(messages(parse("ws/lifecycle_activated.json")))
                .containsExactly(
                        message(new MarketStatus(TICKER, "activated", null), RECEIVED, null, null));
        assertThat(single(parse("ws/lifecycle_deactivated.json")))
                .isEqualTo(new MarketStatus(TICKER, "deactivated", null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"close_date_updated", "metadata_updated", "price_level_structure_updated"})
    void metadataLifecycleEventsAreIgnored(String eventType) {
        assertThat(parse("ws/lifecycle_" + eventType + ".json"))
                .isEqualTo(new ParsedFrame.Ignored("market_lifecycle_v2:" + eventType));
    }

    @Test
    void determinedNamesTheWinner() {
        assertThat(messages(parse("ws/lifecycle_determined.json")))
                .containsExactly(
                        message(
                                new Resolution(TICKER, "YES", List.of(), "determined", "kalshi"),
                                RECEIVED,
                                null,
                                null));
    }

    @Test
    void settledNamesTheWinner() {
        assertThat(single(parse("ws/lifecycle_settled.json")))
                .isEqualTo(
                        new Resolution("KXFED-25DEC-T4.25", "NO", List.of(), "settled", "kalshi"));
    }

    @Test
    void scalarResultPaysPerOutcome() {
        assertThat(single(parse("ws/lifecycle_determined_scalar.json")))
                .isEqualTo(
                        new Resolution(
                                "KXCPI-25NOV",
                                null,
                                List.of(
                                        new OutcomePayout("YES", 370_000L),
                                        new OutcomePayout("NO", 630_000L)),
                                "determined",
                                "kalshi"));
    }

    @Test
    void settlementValueAloneNamesTheOutcome() {
        String head =
                "{\"type\":\"market_lifecycle_v2\",\"sid\":13,\"msg\":{\"market_ticker\":\"M\","
                        + "\"event_type\":\"settled\",";
        assertThat(
                        single(
                                KalshiFixtures.PARSER.parse(
                                        json(head + "\"settlement_value\":\"1.0000\"}}"))))
                .isEqualTo(new Resolution("M", "YES", List.of(), "settled", "kalshi"));
        assertThat(single(KalshiFixtures.PARSER.parse(json(head + "\"settlement_value\":0}}"))))
                .isEqualTo(new Resolution("M", "NO", List.of(), "settled", "kalshi"));
        assertThat(single(KalshiFixtures.PARSER.parse(json(head + "\"settlement_value\":25}}"))))
                .isEqualTo(
                        new Resolution(
                                "M",
                                null,
                                List.of(
                                        new OutcomePayout("YES", 250_000L),
                                        new OutcomePayout("NO", 750_000L)),
                                "settled",
                                "kalshi"));
        assertThat(KalshiFixtures.PARSER.parse(json(head + "\"result\":\"\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.result"));
        assertThat(KalshiFixtures.PARSER.parse(json(head + "\"result\":\"scalar\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.settlement_value"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        head
                                                + "\"result\":\"scalar\",\"settlement_value\":\"1.5\"}}")))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "msg.settlement_value: settlement value 1500000 exceeds 1.000000"));
    }

    @Test
    void voidResultAndUnknownEventTypesAreRejected() {
        assertThat(parse("invalid/lifecycle_determined_void.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNSUPPORTED_PAYLOAD,
                                "msg.result: 'void' names no outcome"));
        assertThat(parse("invalid/lifecycle_unknown_event_type.json"))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNKNOWN_MESSAGE,
                                "unknown market_lifecycle_v2 event_type 'paused_forever'"));
        assertThat(
                        KalshiFixtures.PARSER.parse(
                                json(
                                        "{\"type\":\"market_lifecycle_v2\",\"sid\":13,"
                                                + "\"msg\":{\"market_ticker\":\"M\"}}")))
                .isEqualTo(new ParsedFrame.Rejected(ReasonCode.MISSING_FIELD, "msg.event_type"));
    }

    @Test
    void eventLifecycleIsAnEventInfo() {
        EventInfo expected =
                EventInfo.newBuilder()
                        .setVenueEventId(EVENT)
                        .setEventName("Fed decision in December 2025")
                        .setEventDescription("After the Dec 10, 2025 meeting")
                        .setEventType(null)
                        .setEventCategory(null)
                        .setEventTags(List.of("KXFED"))
                        .setStartDate(null)
                        .setExpiryDate(ms("2025-12-10T19:00:00Z"))
                        .setResolutionSource(null)
                        .build();

        assertThat(messages(parse("ws/event_lifecycle.json")))
                .containsExactly(message(expected, RECEIVED, null, null));
    }

    @Test
    void lifecycleMessagesWithAnEnvelopeSeqKeepIt() {
        ParsedFrame parsed =
                KalshiFixtures.PARSER.parse(
                        json(
                                "{\"type\":\"market_lifecycle_v2\",\"sid\":13,\"seq\":42,"
                                        + "\"msg\":{\"market_ticker\":\"M\","
                                        + "\"event_type\":\"activated\"}}"));

        assertThat(messages(parsed))
                .containsExactly(
                        message(new MarketStatus("M", "activated", null), RECEIVED, 42L, 13L));
    }
}
