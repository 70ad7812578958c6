package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiMappings.ONE;
import static io.marketstreams.connectors.kalshi.KalshiMappings.first;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.kalshi.KalshiFrame.Sequence;
import io.marketstreams.connectors.kalshi.KalshiMappings.Verdict;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;
import java.util.Set;

/**
 * Kalshi WebSocket v2 messages (frames with a {@code type}): order book snapshots and deltas,
 * public trades, market and event lifecycle. Paths in rejections are from the frame's root ({@code
 * msg.market_ticker}, {@code sid}).
 */
final class KalshiSocketParser {

    /** Known message types that carry nothing the canonical streams use. */
    static final Set<String> IGNORED_TYPES =
            Set.of(
                    "ticker",
                    "ticker_v2",
                    "subscribed",
                    "unsubscribed",
                    "ok",
                    "error",
                    "fill",
                    "user_order",
                    "market_position",
                    "order_group_updates",
                    "event_fee_update",
                    "multivariate_lookup",
                    "multivariate_market_lifecycle",
                    "rfq_created",
                    "rfq_deleted",
                    "quote_created",
                    "quote_accepted",
                    "quote_executed");

    /** Lifecycle events that are metadata changes, refreshed through REST market infos. */
    private static final Set<String> IGNORED_LIFECYCLE_EVENTS =
            Set.of("close_date_updated", "metadata_updated", "price_level_structure_updated");

    private KalshiSocketParser() {}

    /** A WebSocket message of the given {@code type}. */
    static ParsedFrame parse(KalshiFrame frame, String type, JsonFields root) {
        return switch (type) {
            case "orderbook_snapshot" -> snapshot(frame, root);
            case "orderbook_delta" -> delta(frame, root);
            case "trade" -> trade(frame, root);
            case "market_lifecycle_v2" -> lifecycle(frame, root);
            case "event_lifecycle" -> eventLifecycle(frame, root);
            default ->
                    IGNORED_TYPES.contains(type)
                            ? new ParsedFrame.Ignored(type)
                            : new ParsedFrame.Rejected(
                                    ReasonCode.UNKNOWN_MESSAGE,
                                    "unknown message type '" + type + "'");
        };
    }

    private static ParsedFrame snapshot(KalshiFrame frame, JsonFields root) {
        Sequence sequence = requiredSequence(frame, root);
        JsonFields msg = root.requireObject("msg");
        String ticker = msg.requireText("market_ticker");
        BookSnapshot snapshot = new BookSnapshot(ticker, KalshiMappings.bidLadders(msg));
        return one(frame.message(snapshot, time(frame, msg), sequence));
    }

    private static ParsedFrame delta(KalshiFrame frame, JsonFields root) {
        Sequence sequence = requiredSequence(frame, root);
        JsonFields msg = root.requireObject("msg");
        String ticker = msg.requireText("market_ticker");
        String outcome = outcome(msg, "side");
        long price = priceOf(msg, "price_dollars", "price");
        long quantity = countOf(msg, "delta_fp", "delta", true);
        LevelUpdate change =
                new LevelUpdate(outcome, BookSide.BID, price, quantity, UpdateKind.DELTA);
        BookDelta delta = new BookDelta(ticker, List.of(change));
        return one(frame.message(delta, time(frame, msg), sequence));
    }

    private static ParsedFrame trade(KalshiFrame frame, JsonFields root) {
        JsonFields msg = root.requireObject("msg");
        String tradeId = msg.requireText("trade_id");
        String ticker = msg.requireText("market_ticker");
        long price;
        if (msg.optionalValue("yes_price_dollars") != null
                || msg.optionalValue("yes_price") != null) {
            price = priceOf(msg, "yes_price_dollars", "yes_price");
        } else if (msg.optionalValue("no_price_dollars") != null
                || msg.optionalValue("no_price") != null) {
            price = ONE - priceOf(msg, "no_price_dollars", "no_price");
        } else {
            throw msg.missing("yes_price_dollars");
        }
        long quantity = countOf(msg, "count_fp", "count", false);
        TradeReport report =
                TradeReport.newBuilder()
                        .setVenueTradeId(tradeId)
                        .setVenueMarketId(ticker)
                        .setOutcomeId("YES")
                        .setPrice(price)
                        .setQuantity(quantity)
                        .setTakerSide(takerSide(msg))
                        .setMakerOrderId(null)
                        .setTakerOrderId(null)
                        .build();
        return one(frame.message(report, time(frame, msg), optionalSequence(frame, root)));
    }

    /**
     * The taker's side relative to YES: {@code taker_outcome_side} (preferred), else {@code
     * taker_book_side} ({@code bid} = yes, {@code ask} = no), else the deprecated {@code
     * taker_side}. A taker who bought YES is {@code BUY}; one who bought NO sold YES: {@code SELL}.
     * Absent or unrecognized: {@code UNKNOWN} (the job quarantines it as UNKNOWN_TAKER_SIDE).
     */
    private static TakerSide takerSide(JsonFields msg) {
        String outcomeSide = msg.optionalText("taker_outcome_side");
        if (outcomeSide != null) {
            return side(outcomeSide, "yes", "no");
        }
        String bookSide = msg.optionalText("taker_book_side");
        if (bookSide != null) {
            return side(bookSide, "bid", "ask");
        }
        String side = msg.optionalText("taker_side");
        if (side != null) {
            return side(side, "yes", "no");
        }
        return TakerSide.UNKNOWN;
    }

    private static TakerSide side(String value, String buy, String sell) {
        if (value.equals(buy)) {
            return TakerSide.BUY;
        }
        return value.equals(sell) ? TakerSide.SELL : TakerSide.UNKNOWN;
    }

    private static ParsedFrame lifecycle(KalshiFrame frame, JsonFields root) {
        JsonFields msg = root.requireObject("msg");
        String ticker = msg.requireText("market_ticker");
        String eventType = msg.requireText("event_type");
        Sequence sequence = optionalSequence(frame, root);
        long time = time(frame, msg);
        switch (eventType) {
            case "activated", "deactivated" -> {
                return one(
                        frame.message(new MarketStatus(ticker, eventType, null), time, sequence));
            }
            case "created" -> {
                MarketInfo info = createdInfo(ticker, msg);
                Object payload = info != null ? info : new MarketStatus(ticker, "created", null);
                return one(frame.message(payload, time, sequence));
            }
            case "determined", "settled" -> {
                return resolution(frame, msg, ticker, eventType, time, sequence);
            }
            default -> {
                if (IGNORED_LIFECYCLE_EVENTS.contains(eventType)) {
                    return new ParsedFrame.Ignored("market_lifecycle_v2:" + eventType);
                }
                return new ParsedFrame.Rejected(
                        ReasonCode.UNKNOWN_MESSAGE,
                        "unknown market_lifecycle_v2 event_type '" + eventType + "'");
            }
        }
    }

    private static ParsedFrame resolution(
            KalshiFrame frame,
            JsonFields msg,
            String ticker,
            String eventType,
            long time,
            Sequence sequence) {
        Long settlement = settlementValue(msg);
        String result = msg.optionalText("result");
        Verdict verdict =
                KalshiMappings.verdict(
                        result, settlement, msg.pathOf("result"), msg.pathOf("settlement_value"));
        if (verdict == null) {
            throw FieldRejection.unsupported(
                    msg.pathOf("result"), "'" + result + "' names no outcome");
        }
        Resolution resolution =
                new Resolution(
                        ticker,
                        verdict.outcome(),
                        verdict.payouts(),
                        eventType,
                        KalshiFrameParser.RESOLUTION_SOURCE);
        return one(frame.message(resolution, time, sequence));
    }

    /**
     * The market info of a {@code created} lifecycle event, or null when it lacks a title or an
     * event ticker (then it is only a status). Fields are read from {@code msg}, then from {@code
     * msg.additional_metadata}.
     */
    private static MarketInfo createdInfo(String ticker, JsonFields msg) {
        JsonFields found = msg.optionalObject("additional_metadata");
        JsonFields meta =
                found != null ? found : JsonFields.empty(msg.pathOf("additional_metadata"));
        String title =
                first(
                        msg.optionalText("title"),
                        meta.optionalText("title"),
                        meta.optionalText("name"));
        String eventTicker =
                first(msg.optionalText("event_ticker"), meta.optionalText("event_ticker"));
        if (title == null || eventTicker == null) {
            return null;
        }
        String subtitle = first(msg.optionalText("subtitle"), meta.optionalText("subtitle"));
        Long open =
                first(
                        KalshiValues.epochMillis(msg, "open_ts"),
                        KalshiValues.epochMillis(meta, "open_ts"));
        Long close =
                first(
                        KalshiValues.epochMillis(msg, "close_ts"),
                        KalshiValues.epochMillis(meta, "close_ts"));
        String structure =
                first(
                        msg.optionalText("price_level_structure"),
                        meta.optionalText("price_level_structure"));
        Long tick = KalshiMappings.tickSize(structure, meta);
        String ownType = msg.optionalText("market_type");
        MarketType type =
                KalshiMappings.marketType(
                        first(ownType, meta.optionalText("market_type")),
                        (ownType != null ? msg : meta).pathOf("market_type"));
        return KalshiMappings.marketInfo(
                ticker,
                eventTicker,
                title,
                subtitle,
                type,
                open,
                close,
                first(meta.optionalText("rules_primary"), msg.optionalText("rules_primary")),
                tick,
                "created");
    }

    /** {@code settlement_value}: a dollar string; a legacy integer is cents. */
    private static Long settlementValue(JsonFields msg) {
        JsonNode value = msg.optionalValue("settlement_value");
        if (value == null || (value.isTextual() && value.textValue().isEmpty())) {
            return null;
        }
        String path = msg.pathOf("settlement_value");
        return value.isIntegralNumber()
                ? KalshiValues.cents(value, path)
                : KalshiValues.dollars(value, path);
    }

    private static ParsedFrame eventLifecycle(KalshiFrame frame, JsonFields root) {
        JsonFields msg = root.requireObject("msg");
        EventInfo info = KalshiMappings.eventInfo(msg);
        return one(frame.message(info, time(frame, msg), optionalSequence(frame, root)));
    }

    /** A price from its dollar field, else its legacy cents field. */
    private static long priceOf(JsonFields msg, String dollarsName, String centsName) {
        JsonNode dollars = msg.optionalValue(dollarsName);
        if (dollars != null) {
            return KalshiValues.dollars(dollars, msg.pathOf(dollarsName));
        }
        JsonNode cents = msg.optionalValue(centsName);
        if (cents != null) {
            return KalshiValues.cents(cents, msg.pathOf(centsName));
        }
        throw msg.missing(dollarsName);
    }

    /** A count from its fixed-point field, else its legacy integer field. */
    private static long countOf(
            JsonFields msg, String fixedPointName, String legacyName, boolean signed) {
        JsonNode fixedPoint = msg.optionalValue(fixedPointName);
        if (fixedPoint != null) {
            return KalshiValues.count(fixedPoint, msg.pathOf(fixedPointName), signed);
        }
        JsonNode legacy = msg.optionalValue(legacyName);
        if (legacy != null) {
            return KalshiValues.contracts(legacy, msg.pathOf(legacyName), signed);
        }
        throw msg.missing(fixedPointName);
    }

    private static String outcome(JsonFields msg, String name) {
        String side = msg.requireText(name);
        return switch (side) {
            case "yes" -> "YES";
            case "no" -> "NO";
            default -> throw msg.malformed(name, "expected yes or no, got '" + side + "'");
        };
    }

    /** The message's own time: {@code ts_ms}, else {@code ts}, else the receive time. */
    private static long time(KalshiFrame frame, JsonFields msg) {
        Long ms = KalshiValues.millis(msg, "ts_ms");
        if (ms != null) {
            return ms;
        }
        Long ts = KalshiValues.epochMillis(msg, "ts");
        return ts != null ? ts : frame.receiveTime();
    }

    /** Book messages must carry both {@code sid} and {@code seq}. */
    private static Sequence requiredSequence(KalshiFrame frame, JsonFields root) {
        long sid = root.requireLong("sid");
        long seq = root.requireLong("seq");
        return new Sequence(seq, frame.stream(sid));
    }

    /** Other messages keep {@code sid}/{@code seq} when they have both, else have none. */
    private static Sequence optionalSequence(KalshiFrame frame, JsonFields root) {
        Long sid = root.optionalLong("sid");
        Long seq = root.optionalLong("seq");
        return sid == null || seq == null ? Sequence.NONE : new Sequence(seq, frame.stream(sid));
    }

    private static ParsedFrame one(VenueMessage message) {
        return new ParsedFrame.Messages(List.of(message));
    }
}
