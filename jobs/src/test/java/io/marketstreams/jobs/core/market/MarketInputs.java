package io.marketstreams.jobs.core.market;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.testkit.VenueMessages;
import java.util.List;

/**
 * Venue inputs of one test venue ({@link #VENUE}: a registered venue, the job knows no other; bid
 * ladders only, Kalshi's status words) for the market stage's tests: markets of event {@code E},
 * binary YES/NO.
 */
public final class MarketInputs {
    public static final String VENUE = "kalshi";
    public static final long T0 = 1_767_225_600_000L;

    private MarketInputs() {}

    public static String marketId(String market) {
        return VENUE + ":" + market;
    }

    /** The venue event of every market here. */
    public static String event() {
        return VENUE + ":E";
    }

    public static VenueInput input(String market, Object payload, long time, long offset) {
        return input(market, payload, time, offset, null, null);
    }

    public static VenueInput input(
            String market, Object payload, long time, long offset, Long sequence, String stream) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId(VENUE)
                        .setVenueSequence(sequence)
                        .setVenueStreamId(stream)
                        .setVenueEventTime(time)
                        .setIngestTime(time)
                        .setPayload(payload)
                        .build();
        return new VenueInput(message, marketId(market), "venue.messages", 0, offset, 0L);
    }

    public static VenueInput trade(String market, String id, long eventTime, long offset) {
        return trade(market, id, eventTime, offset, 500_000);
    }

    public static VenueInput trade(
            String market, String id, long eventTime, long offset, long price) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId(VENUE)
                        .setVenueEventTime(eventTime)
                        .setIngestTime(eventTime + 1)
                        .setPayload(
                                TradeReport.newBuilder()
                                        .setVenueTradeId(id)
                                        .setVenueMarketId(market)
                                        .setOutcomeId("YES")
                                        .setPrice(price)
                                        .setQuantity(2_000_000)
                                        .setTakerSide(TakerSide.SELL)
                                        .build())
                        .build();
        return new VenueInput(message, marketId(market), "venue.messages", 0, offset, 0L);
    }

    /** A binary market of event {@code E} with the given venue status. */
    public static VenueInput marketInfo(String market, String status, long time, long offset) {
        return input(
                market,
                VenueMessages.binaryMarket(market, "E", "market " + market, status),
                time,
                offset);
    }

    public static VenueInput status(String market, String status, long time, long offset) {
        return input(market, new MarketStatus(market, status, null), time, offset);
    }

    public static VenueInput resolution(String market, String outcome, long time, long offset) {
        return input(
                market,
                Resolution.newBuilder()
                        .setVenueMarketId(market)
                        .setResolvedOutcomeId(outcome)
                        .setPayouts(List.<OutcomePayout>of())
                        .setVenueStatus("determined")
                        .setResolutionSource("venue")
                        .build(),
                time,
                offset);
    }

    /** A venue snapshot: YES bid 0.40 × 1, NO bid 0.50 × 2. */
    public static VenueInput bookSnapshot(String market, long sequence, long offset) {
        return input(
                market,
                new BookSnapshot(
                        market,
                        List.of(
                                new Ladder(
                                        "YES", BookSide.BID, List.of(new PriceLevel(400_000L, 1L))),
                                new Ladder(
                                        "NO",
                                        BookSide.BID,
                                        List.of(new PriceLevel(500_000L, 2L))))),
                T0 + sequence,
                offset,
                sequence,
                "stream-" + market);
    }

    /** A venue delta: YES bid 0.30 set to 1. */
    public static VenueInput bookDelta(String market, long sequence, long offset) {
        return input(
                market,
                new BookDelta(
                        market,
                        List.of(
                                new LevelUpdate(
                                        "YES",
                                        BookSide.BID,
                                        300_000L,
                                        1_000_000L,
                                        UpdateKind.DELTA))),
                T0 + sequence,
                offset,
                sequence,
                "stream-" + market);
    }
}
