package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.schema.TakerSide;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds native Kalshi JSON frames from normalized values, in exactly the shapes {@link
 * KalshiFrameParser} reads (Kalshi's current fixed-point forms: {@code *_dollars} prices with 4
 * decimals, or 6 when needed, and {@code *_fp} counts with 2). For tests and simulators: what
 * {@code KalshiFrameParser} makes of a built frame is the values given.
 *
 * <p>Values are in the units of the normalized records: prices and payouts in micro-units, counts
 * in micro-contracts (multiples of 10000, Kalshi's 0.01 contract), times in epoch milliseconds
 * (whole seconds for the fields Kalshi gives in seconds). Outcome ids are {@code YES} / {@code NO}.
 * Invalid values throw {@link IllegalArgumentException}: this is a builder for code, not a parser
 * of input.
 *
 * <p>This class is the builders' one public entry and holds the values they share; the bodies are
 * split per protocol, as the parser is: {@link KalshiSocketFrames} (WebSocket) and {@link
 * KalshiRestFrames} (REST).
 */
public final class KalshiFrames {

    private KalshiFrames() {}

    /**
     * One aggregated price level.
     *
     * @param price price in micro-units
     * @param quantity quantity in micro-contracts (a multiple of 10000)
     */
    public record Level(long price, long quantity) {}

    /**
     * A REST market object ({@code GET /markets/{ticker}}).
     *
     * @param ticker market ticker
     * @param eventTicker event ticker
     * @param title market title
     * @param subtitle subtitle, or null
     * @param marketType {@code binary} or {@code scalar}
     * @param status Kalshi status ({@code initialized}, {@code active}, ... {@code finalized})
     * @param openTime trading opens, epoch ms, or null
     * @param closeTime trading closes, epoch ms, or null
     * @param rulesPrimary rules text, or null
     * @param priceLevelStructure {@code linear_cent}, {@code deci_cent}, {@code tapered_deci_cent},
     *     or null
     * @param result {@code yes}, {@code no}, {@code scalar}, or null (written as {@code ""})
     * @param settlementValue YES settlement value in micro-units, or null
     * @param updatedTime last metadata update, epoch ms, or null
     */
    public record Market(
            String ticker,
            String eventTicker,
            String title,
            String subtitle,
            String marketType,
            String status,
            Long openTime,
            Long closeTime,
            String rulesPrimary,
            String priceLevelStructure,
            String result,
            Long settlementValue,
            Long updatedTime) {

        /** A binary {@code linear_cent} market with only the required fields. */
        public static Market of(String ticker, String eventTicker, String title, String status) {
            return new Market(
                    ticker,
                    eventTicker,
                    title,
                    null,
                    "binary",
                    status,
                    null,
                    null,
                    null,
                    "linear_cent",
                    null,
                    null,
                    null);
        }

        /** This market with a status. */
        public Market withStatus(String newStatus) {
            return new Market(
                    ticker,
                    eventTicker,
                    title,
                    subtitle,
                    marketType,
                    newStatus,
                    openTime,
                    closeTime,
                    rulesPrimary,
                    priceLevelStructure,
                    result,
                    settlementValue,
                    updatedTime);
        }

        /** This market with a result and settlement value (null when none). */
        public Market withResult(String newResult, Long newSettlementValue) {
            return new Market(
                    ticker,
                    eventTicker,
                    title,
                    subtitle,
                    marketType,
                    status,
                    openTime,
                    closeTime,
                    rulesPrimary,
                    priceLevelStructure,
                    newResult,
                    newSettlementValue,
                    updatedTime);
        }

        /** This market with trading times (epoch ms, or null). */
        public Market withTimes(Long newOpenTime, Long newCloseTime) {
            return new Market(
                    ticker,
                    eventTicker,
                    title,
                    subtitle,
                    marketType,
                    status,
                    newOpenTime,
                    newCloseTime,
                    rulesPrimary,
                    priceLevelStructure,
                    result,
                    settlementValue,
                    updatedTime);
        }
    }

    /**
     * A REST event object ({@code GET /events/{ticker}}).
     *
     * @param eventTicker event ticker
     * @param seriesTicker series ticker, or null
     * @param title event title
     * @param subTitle subtitle, or null
     * @param category category, or null
     * @param mutuallyExclusive whether its markets are mutually exclusive, or null
     * @param strikeDate strike date, epoch ms, or null
     * @param markets nested markets (written as {@code markets} inside the event when not empty)
     */
    public record Event(
            String eventTicker,
            String seriesTicker,
            String title,
            String subTitle,
            String category,
            Boolean mutuallyExclusive,
            Long strikeDate,
            List<Market> markets) {}

    // ---------------------------------------------------------------- WebSocket

    /**
     * An {@code orderbook_snapshot}: levels in Kalshi's order (ascending price); a side without
     * levels is omitted, as Kalshi does.
     */
    public static byte[] orderbookSnapshot(
            long sid, long seq, String marketTicker, List<Level> yesBids, List<Level> noBids) {
        return KalshiSocketFrames.orderbookSnapshot(sid, seq, marketTicker, yesBids, noBids);
    }

    /**
     * An {@code orderbook_delta}: a signed change of the bid ladder of one outcome, with {@code
     * ts_ms} and the RFC 3339 {@code ts}.
     *
     * @param outcomeId {@code YES} or {@code NO}
     * @param price price in micro-units
     * @param delta signed change in micro-contracts
     * @param tsMs venue time, epoch ms
     */
    public static byte[] orderbookDelta(
            long sid,
            long seq,
            String marketTicker,
            String outcomeId,
            long price,
            long delta,
            long tsMs) {
        return KalshiSocketFrames.orderbookDelta(
                sid, seq, marketTicker, outcomeId, price, delta, tsMs);
    }

    /**
     * A public {@code trade}. The taker side is relative to YES: {@code BUY} is written as {@code
     * taker_outcome_side} (and the deprecated {@code taker_side}) {@code yes}, {@code SELL} as
     * {@code no}; {@code UNKNOWN} writes neither.
     *
     * @param seq the envelope {@code seq}, or null for none
     * @param yesPrice YES price in micro-units (the NO price is its complement)
     * @param count quantity in micro-contracts
     * @param tsMs venue time, epoch ms
     */
    public static byte[] trade(
            long sid,
            Long seq,
            String tradeId,
            String marketTicker,
            long yesPrice,
            long count,
            TakerSide takerSide,
            long tsMs) {
        return KalshiSocketFrames.trade(
                sid, seq, tradeId, marketTicker, yesPrice, count, takerSide, tsMs);
    }

    /**
     * A {@code market_lifecycle_v2} message with only its event type ({@code activated}, {@code
     * deactivated}, {@code close_date_updated}, ...).
     */
    public static byte[] marketLifecycle(long sid, String marketTicker, String eventType) {
        return KalshiSocketFrames.marketLifecycle(sid, marketTicker, eventType);
    }

    /**
     * A {@code market_lifecycle_v2} {@code created} message describing the market (title and event
     * ticker in {@code additional_metadata}), which parses to a market info.
     *
     * @param openTime trading opens, epoch ms (whole seconds), or null
     * @param closeTime trading closes, epoch ms (whole seconds), or null
     * @param priceLevelStructure {@code linear_cent}, {@code deci_cent}, ..., or null
     */
    public static byte[] marketCreated(
            long sid,
            String marketTicker,
            String eventTicker,
            String title,
            Long openTime,
            Long closeTime,
            String rulesPrimary,
            String priceLevelStructure) {
        return KalshiSocketFrames.marketCreated(
                sid,
                marketTicker,
                eventTicker,
                title,
                openTime,
                closeTime,
                rulesPrimary,
                priceLevelStructure);
    }

    /**
     * A {@code market_lifecycle_v2} {@code determined} or {@code settled} message.
     *
     * @param eventType {@code determined} or {@code settled}
     * @param result {@code yes}, {@code no} or {@code scalar}
     * @param settlementValue YES settlement value in micro-units, or null
     * @param time determination or settlement time, epoch ms (whole seconds)
     */
    public static byte[] marketResolved(
            long sid,
            String marketTicker,
            String eventType,
            String result,
            Long settlementValue,
            long time) {
        return KalshiSocketFrames.marketResolved(
                sid, marketTicker, eventType, result, settlementValue, time);
    }

    /**
     * An {@code event_lifecycle} message.
     *
     * @param subtitle subtitle, or null
     * @param seriesTicker series ticker, or null
     * @param strikeDate strike date, epoch ms (whole seconds), or null
     */
    public static byte[] eventLifecycle(
            long sid,
            String eventTicker,
            String title,
            String subtitle,
            String seriesTicker,
            Long strikeDate) {
        return KalshiSocketFrames.eventLifecycle(
                sid, eventTicker, title, subtitle, seriesTicker, strikeDate);
    }

    /** A {@code subscribed} acknowledgement of command {@code id}. */
    public static byte[] subscribed(long id, long sid, String channel) {
        return KalshiSocketFrames.subscribed(id, sid, channel);
    }

    /**
     * An {@code error} reply to command {@code id}; {@code sid} and {@code seq} are written when
     * given (an error consumes a {@code seq} on its subscription).
     */
    public static byte[] error(long id, Long sid, Long seq, int code, String message) {
        return KalshiSocketFrames.error(id, sid, seq, code, message);
    }

    // ---------------------------------------------------------------- REST

    /** A {@code GET /markets/{ticker}} response body. */
    public static byte[] restMarket(Market market) {
        return KalshiRestFrames.restMarket(market);
    }

    /** A {@code GET /markets} response body (one page, no cursor). */
    public static byte[] restMarkets(List<Market> markets) {
        return KalshiRestFrames.restMarkets(markets);
    }

    /** A {@code GET /events/{ticker}?with_nested_markets=true} response body. */
    public static byte[] restEvent(Event event) {
        return KalshiRestFrames.restEvent(event);
    }

    /**
     * A {@code GET /markets/{ticker}/orderbook} response body ({@code orderbook_fp}), with the
     * top-level {@code market_ticker} the adapter adds.
     */
    public static byte[] restOrderbook(
            String marketTicker, List<Level> yesBids, List<Level> noBids) {
        return KalshiRestFrames.restOrderbook(marketTicker, yesBids, noBids);
    }

    // ---------------------------------------------------------------- what both protocols write

    static ArrayNode levels(List<Level> levels) {
        List<Level> ascending = new ArrayList<>(levels);
        ascending.sort(Comparator.comparingLong(Level::price));
        ArrayNode array = StrictJson.array();
        for (Level level : ascending) {
            if (level.quantity() < 0) {
                throw new IllegalArgumentException("negative level quantity: " + level);
            }
            array.addArray()
                    .add(KalshiDecimals.microsToDollars(level.price()))
                    .add(KalshiDecimals.microsToCount(level.quantity()));
        }
        return array;
    }

    static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static ObjectNode obj() {
        return StrictJson.object();
    }

    static byte[] bytes(ObjectNode root) {
        return StrictJson.bytes(root);
    }
}
