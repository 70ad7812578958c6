package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFixtures.PARSER;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.RECEIVED;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.frame;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.level;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.message;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.messages;
import static io.marketstreams.connectors.kalshi.KalshiFixtures.ms;
import static io.marketstreams.connectors.kalshi.KalshiFrameParserLifecycleTest.YES_NO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.connectors.kalshi.KalshiFrames.Level;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.OutcomePayout;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What KalshiFrames builds, KalshiFrameParser parses back to the values given. */
class KalshiFramesRoundTripTest {

    private static ParsedFrame parse(byte[] payload) {
        return PARSER.parse(frame(payload));
    }

    @Test
    void snapshotRoundTripsWithLevelsBestFirst() {
        byte[] frame =
                KalshiFrames.orderbookSnapshot(
                        7,
                        1,
                        "M-1",
                        List.of(new Level(1, 10_000), new Level(999_999, 500_000)),
                        List.of(new Level(1_000_000, 300_000_000)));

        assertThat(messages(parse(frame)))
                .containsExactly(
                        message(
                                new BookSnapshot(
                                        "M-1",
                                        List.of(
                                                new Ladder(
                                                        "YES",
                                                        BookSide.BID,
                                                        List.of(
                                                                level(999_999, 500_000),
                                                                level(1, 10_000))),
                                                new Ladder(
                                                        "NO",
                                                        BookSide.BID,
                                                        List.of(level(1_000_000, 300_000_000))))),
                                RECEIVED,
                                1L,
                                7L));
    }

    @Test
    void emptySidesAreOmittedAndComeBackEmpty() {
        byte[] frame = KalshiFrames.orderbookSnapshot(7, 1, "M-1", List.of(), List.of());

        assertThat(new String(frame, java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("dollars_fp");
        assertThat(((BookSnapshot) messages(parse(frame)).get(0).getPayload()).getLadders())
                .containsExactly(
                        new Ladder("YES", BookSide.BID, List.of()),
                        new Ladder("NO", BookSide.BID, List.of()));
    }

    @Test
    void deltaRoundTrips() {
        long ts = ms("2025-12-01T14:30:05.123Z");
        byte[] frame = KalshiFrames.orderbookDelta(7, 2, "M-1", "NO", 545_000, -12_250_000, ts);

        assertThat(messages(parse(frame)))
                .containsExactly(
                        message(
                                new BookDelta(
                                        "M-1",
                                        List.of(
                                                new LevelUpdate(
                                                        "NO",
                                                        BookSide.BID,
                                                        545_000L,
                                                        -12_250_000L,
                                                        UpdateKind.DELTA))),
                                ts,
                                2L,
                                7L));
    }

    @Test
    void tradeRoundTripsForEveryTakerSide() {
        for (TakerSide side : TakerSide.values()) {
            byte[] frame =
                    KalshiFrames.trade(11, 5L, "t-" + side, "M-1", 420_000, 2_500_000, side, 1_234);

            TradeReport expected =
                    TradeReport.newBuilder()
                            .setVenueTradeId("t-" + side)
                            .setVenueMarketId("M-1")
                            .setOutcomeId("YES")
                            .setPrice(420_000)
                            .setQuantity(2_500_000)
                            .setTakerSide(side)
                            .build();
            assertThat(messages(parse(frame))).containsExactly(message(expected, 1_234, 5L, 11L));
        }
        byte[] unsequenced =
                KalshiFrames.trade(11, null, "t", "M-1", 1_000_000, 10_000, TakerSide.BUY, 0);
        assertThat(messages(parse(unsequenced)).get(0).getVenueSequence()).isNull();
        assertThat(messages(parse(unsequenced)).get(0).getVenueStreamId()).isNull();
    }

    @Test
    void lifecycleRoundTrips() {
        assertThat(messages(parse(KalshiFrames.marketLifecycle(13, "M-1", "deactivated"))))
                .containsExactly(
                        message(
                                new MarketStatus("M-1", "deactivated", null),
                                RECEIVED,
                                null,
                                null));
        assertThat(parse(KalshiFrames.marketLifecycle(13, "M-1", "metadata_updated")))
                .isEqualTo(new ParsedFrame.Ignored("market_lifecycle_v2:metadata_updated"));

        long open = ms("2026-01-01T00:00:00Z");
        long close = ms("2026-02-01T00:00:00Z");
        byte[] created =
                KalshiFrames.marketCreated(
                        13, "M-1", "E-1", "Will it?", open, close, "Rules.", "deci_cent");
        assertThat(messages(parse(created)).get(0).getPayload())
                .isEqualTo(
                        MarketInfo.newBuilder()
                                .setVenueMarketId("M-1")
                                .setVenueEventId("E-1")
                                .setMarketDescription("Will it?")
                                .setMarketType(MarketType.BINARY)
                                .setOutcomes(YES_NO)
                                .setOpenTime(open)
                                .setCloseTime(close)
                                .setSettlementRule("Rules.")
                                .setTickSize(1_000L)
                                .setVenueStatus("created")
                                .build());

        assertThat(
                        messages(
                                        parse(
                                                KalshiFrames.marketResolved(
                                                        13, "M-1", "determined", "no", null, open)))
                                .get(0)
                                .getPayload())
                .isEqualTo(new Resolution("M-1", "NO", List.of(), "determined", "kalshi"));
        assertThat(
                        messages(
                                        parse(
                                                KalshiFrames.marketResolved(
                                                        13, "M-1", "settled", "scalar", 123_400L,
                                                        open)))
                                .get(0)
                                .getPayload())
                .isEqualTo(
                        new Resolution(
                                "M-1",
                                null,
                                List.of(
                                        new OutcomePayout("YES", 123_400L),
                                        new OutcomePayout("NO", 876_600L)),
                                "settled",
                                "kalshi"));
    }

    @Test
    void eventLifecycleRoundTrips() {
        long strike = ms("2026-03-01T12:00:00Z");
        byte[] frame = KalshiFrames.eventLifecycle(14, "E-1", "An event", null, "SER", strike);

        assertThat(messages(parse(frame)).get(0).getPayload())
                .isEqualTo(
                        EventInfo.newBuilder()
                                .setVenueEventId("E-1")
                                .setEventName("An event")
                                .setEventTags(List.of("SER"))
                                .setExpiryDate(strike)
                                .build());
    }

    @Test
    void restEventMarketsAndOrderBookRoundTrip() {
        long updated = ms("2025-12-10T19:02:00.250Z");
        KalshiFrames.Market determined =
                new KalshiFrames.Market(
                        "E-1-A",
                        "E-1",
                        "Market A",
                        "sub",
                        "binary",
                        "determined",
                        ms("2025-11-01T14:00:00Z"),
                        ms("2025-12-10T18:55:00Z"),
                        "Rules A.",
                        "linear_cent",
                        "yes",
                        1_000_000L,
                        updated);
        KalshiFrames.Market scalar =
                KalshiFrames.Market.of("E-1-B", "E-1", "Market B", "finalized")
                        .withResult("scalar", 370_000L);
        byte[] frame =
                KalshiFrames.restEvent(
                        new KalshiFrames.Event(
                                "E-1",
                                "SER",
                                "Event",
                                "Sub",
                                "Economics",
                                true,
                                ms("2025-12-10T19:00:00Z"),
                                List.of(determined, scalar)));

        List<Object> payloads = new ArrayList<>();
        messages(parse(frame)).forEach(m -> payloads.add(m.getPayload()));
        assertThat(payloads)
                .containsExactly(
                        EventInfo.newBuilder()
                                .setVenueEventId("E-1")
                                .setEventName("Event")
                                .setEventDescription("Sub")
                                .setEventType("mutually_exclusive")
                                .setEventCategory("Economics")
                                .setEventTags(List.of("SER"))
                                .setExpiryDate(ms("2025-12-10T19:00:00Z"))
                                .build(),
                        MarketInfo.newBuilder()
                                .setVenueMarketId("E-1-A")
                                .setVenueEventId("E-1")
                                .setMarketDescription("Market A \u2014 sub")
                                .setMarketType(MarketType.BINARY)
                                .setOutcomes(YES_NO)
                                .setOpenTime(ms("2025-11-01T14:00:00Z"))
                                .setCloseTime(ms("2025-12-10T18:55:00Z"))
                                .setSettlementRule("Rules A.")
                                .setTickSize(10_000L)
                                .setVenueStatus("determined")
                                .build(),
                        new Resolution("E-1-A", "YES", List.of(), "determined", "kalshi"),
                        MarketInfo.newBuilder()
                                .setVenueMarketId("E-1-B")
                                .setVenueEventId("E-1")
                                .setMarketDescription("Market B")
                                .setMarketType(MarketType.BINARY)
                                .setOutcomes(YES_NO)
                                .setTickSize(10_000L)
                                .setVenueStatus("finalized")
                                .build(),
                        new Resolution(
                                "E-1-B",
                                null,
                                List.of(
                                        new OutcomePayout("YES", 370_000L),
                                        new OutcomePayout("NO", 630_000L)),
                                "finalized",
                                "kalshi"));
        assertThat(messages(parse(frame)).get(1).getVenueEventTime()).isEqualTo(updated);

        byte[] markets = KalshiFrames.restMarkets(List.of(scalar.withStatus("active")));
        assertThat(messages(parse(markets))).hasSize(1);
        assertThat(messages(parse(KalshiFrames.restMarket(scalar)))).hasSize(2);

        byte[] book =
                KalshiFrames.restOrderbook(
                        "E-1-A", List.of(new Level(10_000, 1_000_000)), List.of());
        assertThat(messages(parse(book)).get(0).getPayload())
                .isEqualTo(
                        new BookSnapshot(
                                "E-1-A",
                                List.of(
                                        new Ladder(
                                                "YES",
                                                BookSide.BID,
                                                List.of(level(10_000, 1_000_000))),
                                        new Ladder("NO", BookSide.BID, List.of()))));
    }

    @Test
    void controlFramesRoundTrip() {
        assertThat(parse(KalshiFrames.subscribed(1, 2, "orderbook_delta")))
                .isEqualTo(new ParsedFrame.Ignored("subscribed"));
        byte[] error = KalshiFrames.error(3, 2L, 9L, 6, "Already subscribed");
        assertThat(parse(error)).isEqualTo(new ParsedFrame.Ignored("error"));
        assertThat(KalshiEnvelope.read(error)).isEqualTo(new KalshiEnvelope("error", 2L, 9L, null));
    }

    @Test
    void randomBooksRoundTripExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<Level> yes = randomLevels(random);
            List<Level> no = randomLevels(random);
            BookSnapshot snapshot =
                    (BookSnapshot)
                            messages(parse(KalshiFrames.orderbookSnapshot(1, i, "M", yes, no)))
                                    .get(0)
                                    .getPayload();
            assertThat(snapshot.getLadders().get(0).getLevels()).isEqualTo(bestFirst(yes));
            assertThat(snapshot.getLadders().get(1).getLevels()).isEqualTo(bestFirst(no));

            long price = 1 + random.nextInt(1_000_000);
            long delta = (random.nextInt(2_000_001) - 1_000_000) * 10_000L;
            BookDelta parsed =
                    (BookDelta)
                            messages(
                                            parse(
                                                    KalshiFrames.orderbookDelta(
                                                            1, i, "M", "YES", price, delta, i)))
                                    .get(0)
                                    .getPayload();
            assertThat(parsed.getChanges().get(0).getPrice()).isEqualTo(price);
            assertThat(parsed.getChanges().get(0).getQuantity()).isEqualTo(delta);
        }
    }

    @Test
    void builderRefusesValuesKalshiCannotExpress() {
        assertThatThrownBy(() -> KalshiFrames.orderbookDelta(1, 1, "M", "YES", 500_000, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> KalshiFrames.orderbookDelta(1, 1, "M", "MAYBE", 500_000, 10_000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                KalshiFrames.marketCreated(
                                        1, "M", "E", "t", 1_500L, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                KalshiFrames.trade(
                                        1, null, "t", "M", 1_000_001, 10_000, TakerSide.BUY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Level> randomLevels(Random random) {
        List<Level> levels = new ArrayList<>();
        int n = random.nextInt(6);
        List<Long> prices = new ArrayList<>();
        while (prices.size() < n) {
            long p = 1 + random.nextInt(1_000_000);
            if (!prices.contains(p)) {
                prices.add(p);
            }
        }
        for (long p : prices) {
            levels.add(new Level(p, (1 + random.nextInt(1_000_000)) * 10_000L));
        }
        return levels;
    }

    private static List<io.marketstreams.schema.PriceLevel> bestFirst(List<Level> levels) {
        return levels.stream()
                .sorted(Comparator.comparingLong(Level::price).reversed())
                .map(l -> level(l.price(), l.quantity()))
                .toList();
    }
}
