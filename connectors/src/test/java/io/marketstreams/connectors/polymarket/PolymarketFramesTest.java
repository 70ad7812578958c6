package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.COND;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.NO;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.RECEIVED;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.YES;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.lvl;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.messages;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.msg;
import static io.marketstreams.connectors.polymarket.PolymarketTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Book;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Change;
import io.marketstreams.connectors.polymarket.PolymarketFrames.GammaEvent;
import io.marketstreams.connectors.polymarket.PolymarketFrames.GammaMarket;
import io.marketstreams.connectors.polymarket.PolymarketFrames.PriceChangeShape;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Trade;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.PriceLevel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PolymarketFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TS = 1_757_908_892_351L;

    private static BookSnapshot snapshot(Book b) {
        return BookSnapshot.newBuilder()
                .setVenueMarketId(b.market())
                .setLadders(
                        List.of(
                                new Ladder(b.assetId(), BookSide.BID, b.bids()),
                                new Ladder(b.assetId(), BookSide.ASK, b.asks())))
                .build();
    }

    private static BookDelta delta(String market, List<Change> changes) {
        List<LevelUpdate> updates = new ArrayList<>();
        for (Change c : changes) {
            updates.add(
                    new LevelUpdate(
                            c.assetId(), c.side(), c.price(), c.size(), UpdateKind.ABSOLUTE));
        }
        return BookDelta.newBuilder().setVenueMarketId(market).setChanges(updates).build();
    }

    @Test
    void bookRoundTripsAndIsWrittenInVenueOrderWithTheDocumentedHash() throws Exception {
        Book book =
                new Book(
                        COND,
                        YES,
                        TS,
                        List.of(lvl(480_000, 30_000_000), lvl(470_000, 1), lvl(1_000, 5_000_000)),
                        List.of(lvl(500_000, 10_000_000), lvl(999_000, 123_456_789)));
        String json = PolymarketFrames.book(book);
        assertThat(parse(json)).isEqualTo(messages(msg(TS, snapshot(book))));

        JsonNode node = JSON.readTree(json);
        assertThat(node.get("event_type").asText()).isEqualTo("book");
        assertThat(node.get("timestamp").isTextual()).isTrue();
        assertThat(node.get("bids").toString())
                .isEqualTo(
                        "[{\"price\":\"0.001\",\"size\":\"5\"},{\"price\":\"0.47\",\"size\":\"0.000001\"},"
                            + "{\"price\":\"0.48\",\"size\":\"30\"}]");
        assertThat(node.get("asks").toString())
                .isEqualTo(
                        "[{\"price\":\"0.999\",\"size\":\"123.456789\"},{\"price\":\"0.5\",\"size\":\"10\"}]");
        assertThat(node.get("hash").asText())
                .isEqualTo(
                        PolymarketBookHash.summaryHash(
                                COND,
                                YES,
                                Long.toString(TS),
                                List.of(
                                        new PolymarketBookHash.Level("0.001", "5"),
                                        new PolymarketBookHash.Level("0.47", "0.000001"),
                                        new PolymarketBookHash.Level("0.48", "30")),
                                List.of(
                                        new PolymarketBookHash.Level("0.999", "123.456789"),
                                        new PolymarketBookHash.Level("0.5", "10")),
                                null,
                                null,
                                null,
                                null));
    }

    @Test
    void bookArrayAndEmptyBookRoundTrip() {
        Book yes = new Book(COND, YES, TS, List.of(lvl(400_000, 2_000_000)), List.of());
        Book no = new Book(COND, NO, TS + 1, List.of(), List.of());
        assertThat(parse(PolymarketFrames.books(List.of(yes, no))))
                .isEqualTo(messages(msg(TS, snapshot(yes)), msg(TS + 1, snapshot(no))));
    }

    @Test
    void priceChangeRoundTripsInEveryShape() throws Exception {
        List<Change> both =
                List.of(
                        new Change(YES, BookSide.BID, 500_000, 200_000_000, 500_000L, 1_000_000L),
                        new Change(NO, BookSide.ASK, 500_000, 0, 0L, 500_000L));
        String today = PolymarketFrames.priceChange(COND, TS, both);
        assertThat(parse(today)).isEqualTo(messages(msg(TS, delta(COND, both))));
        JsonNode entry = JSON.readTree(today).get("price_changes").get(0);
        assertThat(entry.get("side").asText()).isEqualTo("BUY");
        assertThat(entry.get("best_bid").asText()).isEqualTo("0.5");
        assertThat(entry.get("best_ask").asText()).isEqualTo("1");
        assertThat(entry.get("hash").asText()).matches("[0-9a-f]{40}");

        List<Change> oneToken =
                List.of(
                        new Change(YES, BookSide.ASK, 400_000, 3_300_000_000L),
                        new Change(YES, BookSide.BID, 390_000, 0));
        assertThat(
                        parse(
                                PolymarketFrames.priceChange(
                                        PriceChangeShape.CHANGES, COND, TS, oneToken)))
                .isEqualTo(messages(msg(TS, delta(COND, oneToken))));

        List<Change> single = List.of(new Change(NO, BookSide.ASK, 1, 1));
        assertThat(
                        parse(
                                PolymarketFrames.priceChange(
                                        PriceChangeShape.SINGLE_LEVEL, COND, TS, single)))
                .isEqualTo(messages(msg(TS, delta(COND, single))));
    }

    @Test
    void priceChangeShapesRefuseWhatTheyCannotHold() {
        List<Change> both =
                List.of(
                        new Change(YES, BookSide.BID, 500_000, 1),
                        new Change(NO, BookSide.ASK, 500_000, 1));
        assertThatThrownBy(
                        () ->
                                PolymarketFrames.priceChange(
                                        PriceChangeShape.SINGLE_LEVEL, COND, TS, both))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                PolymarketFrames.priceChange(
                                        PriceChangeShape.CHANGES, COND, TS, both))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolymarketFrames.priceChange(COND, TS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tradeRoundTrips() {
        Trade trade = new Trade(COND, NO, 456_000, 219_217_767, TakerSide.SELL, TS, "0xfeed");
        TradeReport expected =
                TradeReport.newBuilder()
                        .setVenueTradeId(
                                PolymarketFrameParser.tradeId(
                                        "0xfeed", NO, TakerSide.SELL, 456_000, 219_217_767))
                        .setVenueMarketId(COND)
                        .setOutcomeId(NO)
                        .setPrice(456_000)
                        .setQuantity(219_217_767)
                        .setTakerSide(TakerSide.SELL)
                        .build();
        assertThat(parse(PolymarketFrames.lastTradePrice(trade)))
                .isEqualTo(messages(msg(TS, expected)));
        assertThat(expected.getVenueTradeId()).isEqualTo("0xfeed:" + NO + ":SELL:456000:219217767");
        assertThatThrownBy(
                        () ->
                                PolymarketFrames.lastTradePrice(
                                        new Trade(COND, NO, 1, 1, TakerSide.UNKNOWN, TS, "0x1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marketResolvedRoundTripsAndIgnoredTypesAreIgnored() {
        Resolution expected =
                Resolution.newBuilder()
                        .setVenueMarketId(COND)
                        .setResolvedOutcomeId(YES)
                        .setPayouts(List.of())
                        .setVenueStatus("resolved")
                        .setResolutionSource("polymarket")
                        .build();
        assertThat(parse(PolymarketFrames.marketResolved(COND, List.of(YES, NO), YES, "Yes", TS)))
                .isEqualTo(messages(msg(TS, expected)));
        assertThat(parse(PolymarketFrames.tickSizeChange(COND, YES, 10_000, 1_000, TS)))
                .isEqualTo(new ParsedFrame.Ignored("tick_size_change"));
        assertThat(parse(PolymarketFrames.bestBidAsk(COND, YES, 730_000, 770_000, TS)))
                .isEqualTo(new ParsedFrame.Ignored("best_bid_ask"));
    }

    @Test
    void gammaEventRoundTripsWithMarketsResolutionsAndStatuses() {
        GammaMarket open =
                new GammaMarket(
                        "0xa1",
                        "Will A win?",
                        "Resolves Yes if A wins.",
                        List.of("Yes", "No"),
                        List.of("11", "12"),
                        List.of(620_000L, 380_000L),
                        1_700_000_000_000L,
                        1_800_000_000_500L,
                        10_000L,
                        true,
                        false,
                        null,
                        null);
        GammaMarket proposed =
                new GammaMarket(
                        "0xa2",
                        "Will B win?",
                        null,
                        List.of("Yes", "No"),
                        List.of("21", "22"),
                        List.of(1_000_000L, 0L),
                        null,
                        null,
                        1_000L,
                        true,
                        true,
                        "proposed",
                        "https://example.org/b");
        GammaMarket disputed =
                new GammaMarket(
                        "0xa3",
                        "Will C win?",
                        null,
                        List.of("Yes", "No"),
                        List.of("31", "32"),
                        null,
                        null,
                        null,
                        null,
                        false,
                        false,
                        "disputed",
                        null);
        GammaEvent event =
                new GammaEvent(
                        "4242",
                        "Who wins?",
                        "One of A, B, C.",
                        "Sports",
                        List.of("Sports", "Big Games"),
                        1_690_000_000_000L,
                        1_800_000_000_000L,
                        "https://example.org",
                        true,
                        List.of(open, proposed, disputed));

        EventInfo info =
                EventInfo.newBuilder()
                        .setVenueEventId("4242")
                        .setEventName("Who wins?")
                        .setEventDescription("One of A, B, C.")
                        .setEventType("negRisk")
                        .setEventCategory("Sports")
                        .setEventTags(List.of("Sports", "Big Games"))
                        .setStartDate(1_690_000_000_000L)
                        .setExpiryDate(1_800_000_000_000L)
                        .setResolutionSource("https://example.org")
                        .build();
        MarketInfo a =
                MarketInfo.newBuilder()
                        .setVenueMarketId("0xa1")
                        .setVenueEventId("4242")
                        .setMarketDescription("Will A win?")
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                List.of(
                                        new Outcome("YES", "Yes", "11"),
                                        new Outcome("NO", "No", "12")))
                        .setOpenTime(1_700_000_000_000L)
                        .setCloseTime(1_800_000_000_500L)
                        .setSettlementRule("Resolves Yes if A wins.")
                        .setTickSize(10_000L)
                        .setVenueStatus("active")
                        .build();
        MarketInfo b =
                MarketInfo.newBuilder(a)
                        .setVenueMarketId("0xa2")
                        .setMarketDescription("Will B win?")
                        .setOutcomes(
                                List.of(
                                        new Outcome("YES", "Yes", "21"),
                                        new Outcome("NO", "No", "22")))
                        .setOpenTime(null)
                        .setCloseTime(null)
                        .setSettlementRule(null)
                        .setTickSize(1_000L)
                        .setVenueStatus("closed")
                        .build();
        Resolution bProposed =
                Resolution.newBuilder()
                        .setVenueMarketId("0xa2")
                        .setResolvedOutcomeId("21")
                        .setPayouts(
                                List.of(
                                        new OutcomePayout("21", 1_000_000L),
                                        new OutcomePayout("22", 0L)))
                        .setVenueStatus("uma:proposed")
                        .setResolutionSource("https://example.org/b")
                        .build();
        MarketInfo c =
                MarketInfo.newBuilder(b)
                        .setVenueMarketId("0xa3")
                        .setMarketDescription("Will C win?")
                        .setOutcomes(
                                List.of(
                                        new Outcome("YES", "Yes", "31"),
                                        new Outcome("NO", "No", "32")))
                        .setTickSize(null)
                        .setVenueStatus(null)
                        .build();
        List<VenueMessage> expected =
                List.of(
                        msg(RECEIVED, info),
                        msg(RECEIVED, a),
                        msg(RECEIVED, b),
                        msg(RECEIVED, bProposed),
                        msg(RECEIVED, c),
                        msg(RECEIVED, new MarketStatus("0xa3", "uma:disputed", null)));
        assertThat(parse(PolymarketFrames.gammaEvent(event)))
                .isEqualTo(new ParsedFrame.Messages(expected));

        List<VenueMessage> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        assertThat(parse(PolymarketFrames.gammaEvents(List.of(event, event))))
                .isEqualTo(new ParsedFrame.Messages(twice));

        assertThat(parse(PolymarketFrames.gammaMarket(proposed, "4242")))
                .isEqualTo(messages(msg(RECEIVED, b), msg(RECEIVED, bProposed)));
    }

    @Test
    void frameHelperMakesAPolymarketRawFrame() {
        RawFrame frame = PolymarketFrames.frame("c-1", 5L, "{}");
        assertThat(frame.venueId()).isEqualTo("polymarket");
        assertThat(frame.connectionId()).isEqualTo("c-1");
        assertThat(frame.receiveTimeMs()).isEqualTo(5L);
        assertThat(frame.payload()).isEqualTo("{}".getBytes());
    }

    @Test
    void randomBooksAndChangesRoundTrip() {
        Random random = new Random(20250915L);
        for (int round = 0; round < 300; round++) {
            String asset = randomTokenId(random);
            long ts = 1_700_000_000_000L + random.nextInt(1_000_000_000);
            Book book =
                    new Book(
                            COND,
                            asset,
                            ts,
                            randomLevels(random, true),
                            randomLevels(random, false));
            assertThat(parse(PolymarketFrames.book(book)))
                    .isEqualTo(messages(msg(ts, snapshot(book))));

            List<Change> changes = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                changes.add(
                        new Change(
                                random.nextBoolean() ? asset : randomTokenId(random),
                                random.nextBoolean() ? BookSide.BID : BookSide.ASK,
                                1 + random.nextInt(1_000_000),
                                random.nextInt(4) == 0 ? 0 : (random.nextLong() >>> 20)));
            }
            assertThat(parse(PolymarketFrames.priceChange(COND, ts, changes)))
                    .isEqualTo(messages(msg(ts, delta(COND, changes))));
        }
    }

    private static String randomTokenId(Random random) {
        StringBuilder id = new StringBuilder();
        id.append(1 + random.nextInt(9));
        int digits = random.nextInt(78);
        for (int i = 0; i < digits; i++) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    /** Distinct prices, best first. */
    private static List<PriceLevel> randomLevels(Random random, boolean bids) {
        TreeMap<Long, Long> levels = new TreeMap<>();
        int n = random.nextInt(8);
        while (levels.size() < n) {
            levels.put(1L + random.nextInt(1_000_000), 1L + (random.nextLong() >>> 22));
        }
        List<PriceLevel> out = new ArrayList<>();
        (bids ? levels.descendingMap() : levels).forEach((p, q) -> out.add(new PriceLevel(p, q)));
        return out;
    }
}
