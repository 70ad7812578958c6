package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.schema.TakerSide;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
        ObjectNode msg = obj().put("market_ticker", required(marketTicker, "marketTicker"));
        if (!yesBids.isEmpty()) {
            msg.set("yes_dollars_fp", levels(yesBids));
        }
        if (!noBids.isEmpty()) {
            msg.set("no_dollars_fp", levels(noBids));
        }
        return bytes(envelope("orderbook_snapshot", sid, seq, msg));
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
        ObjectNode msg =
                obj().put("market_ticker", required(marketTicker, "marketTicker"))
                        .put("price_dollars", KalshiDecimals.microsToDollars(price))
                        .put("delta_fp", KalshiDecimals.microsToCount(delta))
                        .put("side", side(outcomeId))
                        .put("ts", Instant.ofEpochMilli(tsMs).toString())
                        .put("ts_ms", tsMs);
        return bytes(envelope("orderbook_delta", sid, seq, msg));
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
        if (yesPrice < 0 || yesPrice > KalshiDecimals.MICROS_PER_DOLLAR) {
            throw new IllegalArgumentException("YES price outside [0, 1000000]: " + yesPrice);
        }
        ObjectNode msg =
                obj().put("trade_id", required(tradeId, "tradeId"))
                        .put("market_ticker", required(marketTicker, "marketTicker"))
                        .put("yes_price_dollars", KalshiDecimals.microsToDollars(yesPrice))
                        .put(
                                "no_price_dollars",
                                KalshiDecimals.microsToDollars(
                                        KalshiDecimals.MICROS_PER_DOLLAR - yesPrice))
                        .put("count_fp", KalshiDecimals.microsToCount(count));
        String side =
                switch (Objects.requireNonNull(takerSide, "takerSide")) {
                    case BUY -> "yes";
                    case SELL -> "no";
                    case UNKNOWN -> null;
                };
        if (side != null) {
            msg.put("taker_outcome_side", side).put("taker_side", side);
        }
        msg.put("ts", Math.floorDiv(tsMs, 1000L)).put("ts_ms", tsMs);
        return bytes(envelope("trade", sid, seq, msg));
    }

    /**
     * A {@code market_lifecycle_v2} message with only its event type ({@code activated}, {@code
     * deactivated}, {@code close_date_updated}, ...).
     */
    public static byte[] marketLifecycle(long sid, String marketTicker, String eventType) {
        return bytes(
                envelope("market_lifecycle_v2", sid, null, lifecycleMsg(marketTicker, eventType)));
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
        ObjectNode msg = lifecycleMsg(marketTicker, "created");
        if (openTime != null) {
            msg.put("open_ts", seconds(openTime, "openTime"));
        }
        if (closeTime != null) {
            msg.put("close_ts", seconds(closeTime, "closeTime"));
        }
        if (priceLevelStructure != null) {
            msg.put("price_level_structure", priceLevelStructure);
        }
        ObjectNode meta =
                obj().put("title", required(title, "title"))
                        .put("event_ticker", required(eventTicker, "eventTicker"));
        if (rulesPrimary != null) {
            meta.put("rules_primary", rulesPrimary);
        }
        msg.set("additional_metadata", meta);
        return bytes(envelope("market_lifecycle_v2", sid, null, msg));
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
        if (!eventType.equals("determined") && !eventType.equals("settled")) {
            throw new IllegalArgumentException("not a resolving event type: " + eventType);
        }
        ObjectNode msg =
                lifecycleMsg(marketTicker, eventType).put("result", required(result, "result"));
        if (settlementValue != null) {
            msg.put("settlement_value", KalshiDecimals.microsToDollars(settlementValue));
        }
        msg.put(
                eventType.equals("determined") ? "determination_ts" : "settled_ts",
                seconds(time, "time"));
        return bytes(envelope("market_lifecycle_v2", sid, null, msg));
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
        ObjectNode msg =
                obj().put("event_ticker", required(eventTicker, "eventTicker"))
                        .put("title", required(title, "title"))
                        .put("subtitle", subtitle == null ? "" : subtitle)
                        .put("collateral_return_type", "")
                        .put("series_ticker", seriesTicker == null ? "" : seriesTicker);
        if (strikeDate != null) {
            msg.put("strike_date", seconds(strikeDate, "strikeDate"));
        }
        return bytes(envelope("event_lifecycle", sid, null, msg));
    }

    /** A {@code subscribed} acknowledgement of command {@code id}. */
    public static byte[] subscribed(long id, long sid, String channel) {
        ObjectNode root = obj().put("id", id).put("type", "subscribed");
        root.set("msg", obj().put("channel", channel).put("sid", sid));
        return bytes(root);
    }

    /**
     * An {@code error} reply to command {@code id}; {@code sid} and {@code seq} are written when
     * given (an error consumes a {@code seq} on its subscription).
     */
    public static byte[] error(long id, Long sid, Long seq, int code, String message) {
        ObjectNode root = obj().put("id", id).put("type", "error");
        if (sid != null) {
            root.put("sid", sid);
        }
        if (seq != null) {
            root.put("seq", seq);
        }
        root.set("msg", obj().put("code", code).put("msg", message));
        return bytes(root);
    }

    // ---------------------------------------------------------------- REST

    /** A {@code GET /markets/{ticker}} response body. */
    public static byte[] restMarket(Market market) {
        ObjectNode root = obj();
        root.set("market", market(market));
        return bytes(root);
    }

    /** A {@code GET /markets} response body (one page, no cursor). */
    public static byte[] restMarkets(List<Market> markets) {
        ObjectNode root = obj();
        ArrayNode array = root.putArray("markets");
        for (Market m : markets) {
            array.add(market(m));
        }
        root.put("cursor", "");
        return bytes(root);
    }

    /** A {@code GET /events/{ticker}?with_nested_markets=true} response body. */
    public static byte[] restEvent(Event event) {
        ObjectNode root = obj();
        root.set("event", event(event));
        return bytes(root);
    }

    /**
     * A {@code GET /markets/{ticker}/orderbook} response body ({@code orderbook_fp}), with the
     * top-level {@code market_ticker} the adapter adds.
     */
    public static byte[] restOrderbook(
            String marketTicker, List<Level> yesBids, List<Level> noBids) {
        ObjectNode book = obj();
        book.set("yes_dollars", levels(yesBids));
        book.set("no_dollars", levels(noBids));
        ObjectNode root = obj();
        root.set("orderbook_fp", book);
        root.put("market_ticker", required(marketTicker, "marketTicker"));
        return bytes(root);
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode market(Market m) {
        ObjectNode node =
                obj().put("ticker", required(m.ticker(), "ticker"))
                        .put("event_ticker", required(m.eventTicker(), "eventTicker"))
                        .put("market_type", m.marketType() == null ? "binary" : m.marketType())
                        .put("title", required(m.title(), "title"))
                        .put("subtitle", m.subtitle() == null ? "" : m.subtitle())
                        .put("yes_sub_title", "Yes")
                        .put("no_sub_title", "No");
        putTime(node, "open_time", m.openTime());
        putTime(node, "close_time", m.closeTime());
        putTime(node, "updated_time", m.updatedTime());
        if (m.status() != null) {
            node.put("status", m.status());
        }
        node.put("result", m.result() == null ? "" : m.result());
        if (m.settlementValue() != null) {
            node.put(
                    "settlement_value_dollars",
                    KalshiDecimals.microsToDollars(m.settlementValue()));
        }
        if (m.rulesPrimary() != null) {
            node.put("rules_primary", m.rulesPrimary());
        }
        if (m.priceLevelStructure() != null) {
            node.put("price_level_structure", m.priceLevelStructure());
        }
        return node;
    }

    private static ObjectNode event(Event e) {
        ObjectNode node =
                obj().put("event_ticker", required(e.eventTicker(), "eventTicker"))
                        .put("series_ticker", e.seriesTicker() == null ? "" : e.seriesTicker())
                        .put("title", required(e.title(), "title"))
                        .put("sub_title", e.subTitle() == null ? "" : e.subTitle());
        if (e.category() != null) {
            node.put("category", e.category());
        }
        if (e.mutuallyExclusive() != null) {
            node.put("mutually_exclusive", e.mutuallyExclusive());
        }
        putTime(node, "strike_date", e.strikeDate());
        if (e.markets() != null && !e.markets().isEmpty()) {
            ArrayNode array = node.putArray("markets");
            for (Market m : e.markets()) {
                array.add(market(m));
            }
        }
        return node;
    }

    private static ObjectNode envelope(String type, long sid, Long seq, ObjectNode msg) {
        ObjectNode root = obj().put("type", type).put("sid", sid);
        if (seq != null) {
            root.put("seq", seq);
        }
        root.set("msg", msg);
        return root;
    }

    private static ObjectNode lifecycleMsg(String marketTicker, String eventType) {
        return obj().put("market_ticker", required(marketTicker, "marketTicker"))
                .put("event_type", required(eventType, "eventType"));
    }

    private static ArrayNode levels(List<Level> levels) {
        List<Level> ascending = new ArrayList<>(levels);
        ascending.sort(Comparator.comparingLong(Level::price));
        ArrayNode array = KalshiJson.MAPPER.createArrayNode();
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

    private static String side(String outcomeId) {
        return switch (Objects.requireNonNull(outcomeId, "outcomeId")) {
            case "YES" -> "yes";
            case "NO" -> "no";
            default ->
                    throw new IllegalArgumentException("outcome must be YES or NO: " + outcomeId);
        };
    }

    private static long seconds(long epochMillis, String name) {
        if (epochMillis % 1000 != 0) {
            throw new IllegalArgumentException(
                    name + " must be whole seconds (Kalshi gives seconds): " + epochMillis);
        }
        return epochMillis / 1000;
    }

    private static void putTime(ObjectNode node, String name, Long epochMillis) {
        if (epochMillis != null) {
            node.put(name, Instant.ofEpochMilli(epochMillis).toString());
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static ObjectNode obj() {
        return KalshiJson.MAPPER.createObjectNode();
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return KalshiJson.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
