package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFrames.bytes;
import static io.marketstreams.connectors.kalshi.KalshiFrames.levels;
import static io.marketstreams.connectors.kalshi.KalshiFrames.obj;
import static io.marketstreams.connectors.kalshi.KalshiFrames.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.kalshi.KalshiFrames.Level;
import io.marketstreams.schema.TakerSide;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The WebSocket v2 messages of {@link KalshiFrames}: books, trades, lifecycle, replies. */
final class KalshiSocketFrames {

    private KalshiSocketFrames() {}

    /**
     * An {@code orderbook_snapshot}: levels in Kalshi's order (ascending price); a side without
     * levels is omitted, as Kalshi does.
     */
    static byte[] orderbookSnapshot(
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
    static byte[] orderbookDelta(
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
    static byte[] trade(
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
    static byte[] marketLifecycle(long sid, String marketTicker, String eventType) {
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
    static byte[] marketCreated(
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
    static byte[] marketResolved(
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
    static byte[] eventLifecycle(
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
    static byte[] subscribed(long id, long sid, String channel) {
        ObjectNode root = obj().put("id", id).put("type", "subscribed");
        root.set("msg", obj().put("channel", channel).put("sid", sid));
        return bytes(root);
    }

    /**
     * An {@code error} reply to command {@code id}; {@code sid} and {@code seq} are written when
     * given (an error consumes a {@code seq} on its subscription).
     */
    static byte[] error(long id, Long sid, Long seq, int code, String message) {
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
}
