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

/**
 * The bodies of {@link KalshiFrames}' WebSocket v2 builders (books, trades, lifecycle, replies);
 * each is documented at its public entry there.
 */
final class KalshiSocketFrames {

    private KalshiSocketFrames() {}

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

    static byte[] marketLifecycle(long sid, String marketTicker, String eventType) {
        return bytes(
                envelope("market_lifecycle_v2", sid, null, lifecycleMsg(marketTicker, eventType)));
    }

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

    static byte[] subscribed(long id, long sid, String channel) {
        ObjectNode root = obj().put("id", id).put("type", "subscribed");
        root.set("msg", obj().put("channel", channel).put("sid", sid));
        return bytes(root);
    }

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
