package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiJson.bool;
import static io.marketstreams.connectors.kalshi.KalshiJson.cents;
import static io.marketstreams.connectors.kalshi.KalshiJson.contracts;
import static io.marketstreams.connectors.kalshi.KalshiJson.count;
import static io.marketstreams.connectors.kalshi.KalshiJson.dollars;
import static io.marketstreams.connectors.kalshi.KalshiJson.epochMillis;
import static io.marketstreams.connectors.kalshi.KalshiJson.field;
import static io.marketstreams.connectors.kalshi.KalshiJson.integer;
import static io.marketstreams.connectors.kalshi.KalshiJson.malformed;
import static io.marketstreams.connectors.kalshi.KalshiJson.millis;
import static io.marketstreams.connectors.kalshi.KalshiJson.missing;
import static io.marketstreams.connectors.kalshi.KalshiJson.object;
import static io.marketstreams.connectors.kalshi.KalshiJson.requireText;
import static io.marketstreams.connectors.kalshi.KalshiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Kalshi's native frames (WebSocket v2 messages and REST v2 response bodies) into normalized
 * {@link VenueMessage}s. The mapping, what is ignored, and the time, sequence and decimal rules are
 * documented in {@code docs/venues/kalshi.md}; {@link KalshiFrames} builds frames of exactly the
 * shapes read here.
 *
 * <p>Stateless and deterministic: the same frame always gives equal messages. It never throws;
 * anything it cannot interpret is a {@link ParsedFrame.Rejected}: {@code MALFORMED} (not JSON,
 * wrong shape, unusable number or time), {@code UNKNOWN_MESSAGE} (unknown {@code type} or lifecycle
 * {@code event_type}), {@code MISSING_FIELD} (detail: the field's name), {@code
 * UNSUPPORTED_PAYLOAD} (a resolution Kalshi gives no outcome for, such as {@code void}).
 */
public final class KalshiFrameParser implements FrameParser {
    /** The venue id of every message. */
    public static final String VENUE_ID = "kalshi";

    /** The {@code resolution_source} of every resolution. */
    public static final String RESOLUTION_SOURCE = "kalshi";

    /** Known WebSocket message types that carry nothing the canonical streams use. */
    public static final Set<String> IGNORED_TYPES =
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

    /** REST market statuses under which a market with a {@code result} also yields a Resolution. */
    private static final Set<String> RESOLVED_REST_STATUSES =
            Set.of("determined", "amended", "finalized");

    /**
     * Tick sizes of Kalshi's price level structures, in micro-units. {@code tapered_deci_cent}
     * ($0.001 below $0.10 and above $0.90, $0.01 between) maps to its finest tick.
     */
    private static final Map<String, Long> STRUCTURE_TICKS =
            Map.of("linear_cent", 10_000L, "deci_cent", 1_000L, "tapered_deci_cent", 1_000L);

    private static final long ONE = KalshiDecimals.MICROS_PER_DOLLAR;

    /** Creates the parser (stateless; one instance may be shared). */
    public KalshiFrameParser() {}

    /**
     * The WebSocket envelope of a frame, for sequence bookkeeping (e.g. counting the {@code seq} an
     * {@code error} reply consumes on its {@code sid}). Fields the frame does not have (or has in
     * another type) are null; {@code marketTicker} is {@code msg.market_ticker}, else a top-level
     * {@code market_ticker}.
     *
     * @param type the message {@code type}
     * @param sid the subscription id
     * @param seq the sequence number within the subscription
     * @param marketTicker the market the message is about
     */
    public record Envelope(String type, Long sid, Long seq, String marketTicker) {}

    /**
     * Reads the envelope of a frame's JSON.
     *
     * @return the envelope, or null when the bytes are not a JSON object
     */
    public static Envelope envelope(byte[] json) {
        try {
            JsonNode root = KalshiJson.read(json);
            if (!root.isObject()) {
                return null;
            }
            JsonNode msg = field(root, "msg");
            String ticker = textOrNull(msg, "market_ticker");
            return new Envelope(
                    textOrNull(root, "type"),
                    longOrNull(root, "sid"),
                    longOrNull(root, "seq"),
                    ticker != null ? ticker : textOrNull(root, "market_ticker"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public ParsedFrame parse(RawFrame frame) {
        try {
            JsonNode root = KalshiJson.read(frame.payload());
            if (!root.isObject()) {
                return rejected(ReasonCode.MALFORMED, "frame is not a JSON object");
            }
            JsonNode type = root.get("type");
            if (type != null) {
                if (!type.isTextual()) {
                    return rejected(ReasonCode.MALFORMED, "type: expected a string");
                }
                return webSocket(new Frame(frame), type.textValue(), root);
            }
            return rest(new Frame(frame), root);
        } catch (KalshiJson.Failure f) {
            return rejected(f.reason, f.getMessage());
        } catch (RuntimeException e) {
            // Never throw on input; an unexpected failure is still a frame we cannot interpret.
            return rejected(ReasonCode.MALFORMED, "unparsable frame: " + e);
        }
    }

    // ---------------------------------------------------------------- WebSocket

    private static ParsedFrame webSocket(Frame frame, String type, JsonNode root) {
        return switch (type) {
            case "orderbook_snapshot" -> snapshot(frame, root);
            case "orderbook_delta" -> delta(frame, root);
            case "trade" -> trade(frame, root);
            case "market_lifecycle_v2" -> lifecycle(frame, root);
            case "event_lifecycle" -> eventLifecycle(frame, root);
            default ->
                    IGNORED_TYPES.contains(type)
                            ? new ParsedFrame.Ignored(type)
                            : rejected(
                                    ReasonCode.UNKNOWN_MESSAGE,
                                    "unknown message type '" + type + "'");
        };
    }

    private static ParsedFrame snapshot(Frame frame, JsonNode root) {
        Sequence sequence = requiredSequence(frame, root);
        JsonNode msg = msg(root);
        String ticker = requireText(msg, "market_ticker");
        List<Ladder> ladders =
                List.of(
                        new Ladder("YES", BookSide.BID, bidLadder(msg, "yes")),
                        new Ladder("NO", BookSide.BID, bidLadder(msg, "no")));
        BookSnapshot snapshot = new BookSnapshot(ticker, ladders);
        return one(frame.message(snapshot, wsTime(frame, msg), sequence));
    }

    private static ParsedFrame delta(Frame frame, JsonNode root) {
        Sequence sequence = requiredSequence(frame, root);
        JsonNode msg = msg(root);
        String ticker = requireText(msg, "market_ticker");
        String outcome = outcome(requireText(msg, "side"), "side");
        long price = priceOf(msg, "price_dollars", "price");
        long quantity;
        JsonNode fp = field(msg, "delta_fp");
        JsonNode legacy = field(msg, "delta");
        if (fp != null) {
            quantity = count(fp, "delta_fp", true);
        } else if (legacy != null) {
            quantity = contracts(legacy, "delta", true);
        } else {
            throw missing("delta_fp");
        }
        LevelUpdate change =
                new LevelUpdate(outcome, BookSide.BID, price, quantity, UpdateKind.DELTA);
        BookDelta delta = new BookDelta(ticker, List.of(change));
        return one(frame.message(delta, wsTime(frame, msg), sequence));
    }

    private static ParsedFrame trade(Frame frame, JsonNode root) {
        JsonNode msg = msg(root);
        String tradeId = requireText(msg, "trade_id");
        String ticker = requireText(msg, "market_ticker");
        long price;
        if (field(msg, "yes_price_dollars") != null || field(msg, "yes_price") != null) {
            price = priceOf(msg, "yes_price_dollars", "yes_price");
        } else if (field(msg, "no_price_dollars") != null || field(msg, "no_price") != null) {
            price = ONE - priceOf(msg, "no_price_dollars", "no_price");
        } else {
            throw missing("yes_price_dollars");
        }
        long quantity;
        JsonNode fp = field(msg, "count_fp");
        JsonNode legacy = field(msg, "count");
        if (fp != null) {
            quantity = count(fp, "count_fp", false);
        } else if (legacy != null) {
            quantity = contracts(legacy, "count", false);
        } else {
            throw missing("count_fp");
        }
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
        return one(frame.message(report, wsTime(frame, msg), optionalSequence(frame, root)));
    }

    /**
     * The taker's side relative to YES: {@code taker_outcome_side} (preferred), else {@code
     * taker_book_side} ({@code bid} = yes, {@code ask} = no), else the deprecated {@code
     * taker_side}. A taker who bought YES is {@code BUY}; one who bought NO sold YES: {@code SELL}.
     * Absent or unrecognized: {@code UNKNOWN} (the job quarantines it as UNKNOWN_TAKER_SIDE).
     */
    private static TakerSide takerSide(JsonNode msg) {
        String outcomeSide = text(msg, "taker_outcome_side");
        if (outcomeSide != null) {
            return switch (outcomeSide) {
                case "yes" -> TakerSide.BUY;
                case "no" -> TakerSide.SELL;
                default -> TakerSide.UNKNOWN;
            };
        }
        String bookSide = text(msg, "taker_book_side");
        if (bookSide != null) {
            return switch (bookSide) {
                case "bid" -> TakerSide.BUY;
                case "ask" -> TakerSide.SELL;
                default -> TakerSide.UNKNOWN;
            };
        }
        String side = text(msg, "taker_side");
        if (side != null) {
            return switch (side) {
                case "yes" -> TakerSide.BUY;
                case "no" -> TakerSide.SELL;
                default -> TakerSide.UNKNOWN;
            };
        }
        return TakerSide.UNKNOWN;
    }

    private static ParsedFrame lifecycle(Frame frame, JsonNode root) {
        JsonNode msg = msg(root);
        String ticker = requireText(msg, "market_ticker");
        String eventType = requireText(msg, "event_type");
        Sequence sequence = optionalSequence(frame, root);
        long time = wsTime(frame, msg);
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
                Long settlement = lifecycleSettlementValue(msg);
                Verdict verdict = verdict(text(msg, "result"), settlement, "settlement_value");
                if (verdict == null) {
                    return rejected(
                            ReasonCode.UNSUPPORTED_PAYLOAD,
                            "result '" + text(msg, "result") + "' names no outcome");
                }
                Resolution resolution =
                        new Resolution(
                                ticker,
                                verdict.outcome(),
                                verdict.payouts(),
                                eventType,
                                RESOLUTION_SOURCE);
                return one(frame.message(resolution, time, sequence));
            }
            default -> {
                if (IGNORED_LIFECYCLE_EVENTS.contains(eventType)) {
                    return new ParsedFrame.Ignored("market_lifecycle_v2:" + eventType);
                }
                return rejected(
                        ReasonCode.UNKNOWN_MESSAGE,
                        "unknown market_lifecycle_v2 event_type '" + eventType + "'");
            }
        }
    }

    /**
     * The market info of a {@code created} lifecycle event, or null when it lacks a title or an
     * event ticker (then it is only a status). Fields are read from {@code msg}, then from {@code
     * msg.additional_metadata}.
     */
    private static MarketInfo createdInfo(String ticker, JsonNode msg) {
        JsonNode meta = object(msg, "additional_metadata");
        String title = first(text(msg, "title"), text(meta, "title"), text(meta, "name"));
        String eventTicker = first(text(msg, "event_ticker"), text(meta, "event_ticker"));
        if (title == null || eventTicker == null) {
            return null;
        }
        String subtitle = first(text(msg, "subtitle"), text(meta, "subtitle"));
        Long open = first(epochMillis(msg, "open_ts"), epochMillis(meta, "open_ts"));
        Long close = first(epochMillis(msg, "close_ts"), epochMillis(meta, "close_ts"));
        String structure =
                first(text(msg, "price_level_structure"), text(meta, "price_level_structure"));
        Long tick = STRUCTURE_TICKS.get(structure == null ? "" : structure);
        if (tick == null) {
            tick = tickSizeCents(meta);
        }
        return marketInfo(
                ticker,
                eventTicker,
                title,
                subtitle,
                marketType(first(text(msg, "market_type"), text(meta, "market_type"))),
                open,
                close,
                first(text(meta, "rules_primary"), text(msg, "rules_primary")),
                tick,
                "created");
    }

    /** {@code settlement_value}: a dollar string; a legacy integer is cents. */
    private static Long lifecycleSettlementValue(JsonNode msg) {
        JsonNode value = field(msg, "settlement_value");
        if (value == null || (value.isTextual() && value.textValue().isEmpty())) {
            return null;
        }
        return value.isIntegralNumber()
                ? cents(value, "settlement_value")
                : dollars(value, "settlement_value");
    }

    private static ParsedFrame eventLifecycle(Frame frame, JsonNode root) {
        JsonNode msg = msg(root);
        EventInfo info = eventInfo(msg);
        return one(frame.message(info, wsTime(frame, msg), optionalSequence(frame, root)));
    }

    // ---------------------------------------------------------------- REST

    private static ParsedFrame rest(Frame frame, JsonNode root) {
        List<VenueMessage> out = new ArrayList<>();
        if (field(root, "event") != null) {
            JsonNode event = object(root, "event");
            Set<String> seen = new HashSet<>();
            restEvent(frame, event, out, seen);
            JsonNode markets = field(root, "markets");
            if (markets != null) {
                String eventTicker = requireText(event, "event_ticker");
                for (JsonNode market : array(markets, "markets")) {
                    JsonNode m = requireObject(market, "markets[]");
                    if (seen.add(requireText(m, "ticker"))) {
                        restMarket(frame, m, eventTicker, out);
                    }
                }
            }
            return new ParsedFrame.Messages(out);
        }
        if (field(root, "events") != null) {
            for (JsonNode event : array(field(root, "events"), "events")) {
                restEvent(frame, requireObject(event, "events[]"), out, new HashSet<>());
            }
            return new ParsedFrame.Messages(out);
        }
        if (field(root, "market") != null) {
            restMarket(frame, object(root, "market"), null, out);
            return new ParsedFrame.Messages(out);
        }
        if (field(root, "markets") != null) {
            for (JsonNode market : array(field(root, "markets"), "markets")) {
                restMarket(frame, requireObject(market, "markets[]"), null, out);
            }
            return new ParsedFrame.Messages(out);
        }
        JsonNode book = object(root, "orderbook_fp");
        if (book == null) {
            book = object(root, "orderbook");
        }
        if (book != null) {
            // A REST order book does not name its market: the adapter adds market_ticker.
            String ticker = requireText(root, "market_ticker");
            List<Ladder> ladders =
                    List.of(
                            new Ladder("YES", BookSide.BID, bidLadder(book, "yes")),
                            new Ladder("NO", BookSide.BID, bidLadder(book, "no")));
            BookSnapshot snapshot = new BookSnapshot(ticker, ladders);
            return one(frame.message(snapshot, frame.receiveTime(), Sequence.NONE));
        }
        return rejected(
                ReasonCode.UNKNOWN_MESSAGE,
                "no 'type' and no known REST body (event, events, market, markets, orderbook_fp,"
                        + " orderbook)");
    }

    private static void restEvent(
            Frame frame, JsonNode event, List<VenueMessage> out, Set<String> seen) {
        EventInfo info = eventInfo(event);
        out.add(frame.message(info, frame.receiveTime(), Sequence.NONE));
        JsonNode markets = field(event, "markets");
        if (markets != null) {
            for (JsonNode market : array(markets, "markets")) {
                JsonNode m = requireObject(market, "markets[]");
                if (seen.add(requireText(m, "ticker"))) {
                    restMarket(frame, m, info.getVenueEventId(), out);
                }
            }
        }
    }

    /**
     * A REST market: its info, then a Resolution when its status is determined, amended or
     * finalized and it carries a result naming an outcome. Both take the market's {@code
     * updated_time} (else the receive time), so the resolution is never older than the info.
     */
    private static void restMarket(
            Frame frame, JsonNode market, String parentEventTicker, List<VenueMessage> out) {
        String ticker = requireText(market, "ticker");
        String eventTicker = first(text(market, "event_ticker"), parentEventTicker);
        if (eventTicker == null) {
            throw missing("event_ticker");
        }
        String status = text(market, "status");
        String structure = text(market, "price_level_structure");
        Long tick = STRUCTURE_TICKS.get(structure == null ? "" : structure);
        if (tick == null) {
            tick = tickSizeCents(market);
        }
        MarketInfo info =
                marketInfo(
                        ticker,
                        eventTicker,
                        requireText(market, "title"),
                        text(market, "subtitle"),
                        marketType(text(market, "market_type")),
                        epochMillis(market, "open_time"),
                        epochMillis(market, "close_time"),
                        text(market, "rules_primary"),
                        tick,
                        status);
        Long updated = epochMillis(market, "updated_time");
        long time = updated != null ? updated : frame.receiveTime();
        out.add(frame.message(info, time, Sequence.NONE));
        String result = text(market, "result");
        if (status != null && RESOLVED_REST_STATUSES.contains(status) && result != null) {
            Verdict verdict = verdict(result, restSettlementValue(market), "settlement_value");
            if (verdict != null) {
                Resolution resolution =
                        new Resolution(
                                ticker,
                                verdict.outcome(),
                                verdict.payouts(),
                                status,
                                RESOLUTION_SOURCE);
                out.add(frame.message(resolution, time, Sequence.NONE));
            }
        }
    }

    /** {@code settlement_value_dollars}, else the legacy {@code settlement_value} (cents). */
    private static Long restSettlementValue(JsonNode market) {
        JsonNode dollars = field(market, "settlement_value_dollars");
        if (dollars != null && !(dollars.isTextual() && dollars.textValue().isEmpty())) {
            return dollars(dollars, "settlement_value_dollars");
        }
        JsonNode cents = field(market, "settlement_value");
        if (cents == null) {
            return null;
        }
        return cents.isIntegralNumber()
                ? cents(cents, "settlement_value")
                : dollars(cents, "settlement_value");
    }

    // ---------------------------------------------------------------- shared mappings

    /** An event from a REST event object or an {@code event_lifecycle} message. */
    private static EventInfo eventInfo(JsonNode event) {
        String ticker = requireText(event, "event_ticker");
        String title = requireText(event, "title");
        String description = first(text(event, "sub_title"), text(event, "subtitle"));
        String series = text(event, "series_ticker");
        Boolean exclusive = bool(event, "mutually_exclusive");
        return EventInfo.newBuilder()
                .setVenueEventId(ticker)
                .setEventName(title)
                .setEventDescription(description)
                .setEventType(Boolean.TRUE.equals(exclusive) ? "mutually_exclusive" : null)
                .setEventCategory(text(event, "category"))
                .setEventTags(series == null ? List.of() : List.of(series))
                .setStartDate(null)
                .setExpiryDate(epochMillis(event, "strike_date"))
                .setResolutionSource(null)
                .build();
    }

    private static MarketInfo marketInfo(
            String ticker,
            String eventTicker,
            String title,
            String subtitle,
            MarketType type,
            Long open,
            Long close,
            String rules,
            Long tick,
            String status) {
        String description =
                subtitle == null || subtitle.equals(title) ? title : title + " \u2014 " + subtitle;
        return MarketInfo.newBuilder()
                .setVenueMarketId(ticker)
                .setVenueEventId(eventTicker)
                .setMarketDescription(description)
                .setMarketType(type)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setOpenTime(open)
                .setCloseTime(close)
                .setSettlementRule(rules)
                .setTickSize(tick)
                .setVenueStatus(status)
                .build();
    }

    /** Kalshi {@code market_type}: binary (also when absent) or scalar. */
    private static MarketType marketType(String type) {
        if (type == null || type.equals("binary")) {
            return MarketType.BINARY;
        }
        if (type.equals("scalar")) {
            return MarketType.SCALAR;
        }
        throw new KalshiJson.Failure(
                ReasonCode.UNSUPPORTED_PAYLOAD, "market_type '" + type + "' is not supported");
    }

    /** Legacy {@code tick_size} in cents; 0 or absent means unknown. */
    private static Long tickSizeCents(JsonNode object) {
        JsonNode value = field(object, "tick_size");
        if (value == null) {
            return null;
        }
        long micros = cents(value, "tick_size");
        return micros == 0 ? null : micros;
    }

    /** What a result says: the winning outcome, or per-outcome payouts for a scalar result. */
    private record Verdict(String outcome, List<OutcomePayout> payouts) {}

    /**
     * The verdict of a {@code result} ({@code yes}, {@code no}, {@code scalar} with the YES
     * settlement value); without a result, the settlement value alone (1 = YES, 0 = NO, else scalar
     * payouts). Null for a result that names no outcome (e.g. {@code void}).
     */
    private static Verdict verdict(String result, Long settlement, String settlementField) {
        if (result == null) {
            if (settlement == null) {
                throw missing("result");
            }
            if (settlement == ONE) {
                return new Verdict("YES", List.of());
            }
            if (settlement == 0L) {
                return new Verdict("NO", List.of());
            }
            return scalar(settlement, settlementField);
        }
        return switch (result) {
            case "yes" -> new Verdict("YES", List.of());
            case "no" -> new Verdict("NO", List.of());
            case "scalar" -> {
                if (settlement == null) {
                    throw missing(settlementField);
                }
                yield scalar(settlement, settlementField);
            }
            default -> null;
        };
    }

    private static Verdict scalar(long yesPayout, String field) {
        if (yesPayout > ONE) {
            throw malformed(field, "settlement value " + yesPayout + " exceeds 1.000000");
        }
        return new Verdict(
                null,
                List.of(
                        new OutcomePayout("YES", yesPayout),
                        new OutcomePayout("NO", ONE - yesPayout)));
    }

    /**
     * A bid ladder, best (highest) price first. Read from {@code <side>_dollars_fp} ({@code
     * [[price_dollars, count_fp], ...]}), else {@code <side>_dollars}, else the legacy {@code
     * <side>} ({@code [[cents, count], ...]}); a side that is absent has no levels.
     */
    private static List<PriceLevel> bidLadder(JsonNode book, String side) {
        String fpName = side + "_dollars_fp";
        String dollarsName = side + "_dollars";
        JsonNode levels = field(book, fpName);
        String name = fpName;
        boolean legacy = false;
        if (levels == null) {
            levels = field(book, dollarsName);
            name = dollarsName;
        }
        if (levels == null) {
            levels = field(book, side);
            name = side;
            legacy = true;
        }
        List<PriceLevel> result = new ArrayList<>();
        if (levels == null) {
            return result;
        }
        int i = 0;
        for (JsonNode level : array(levels, name)) {
            String at = name + "[" + i++ + "]";
            if (!level.isArray() || level.size() != 2) {
                throw malformed(at, "expected [price, count]");
            }
            long price = legacy ? cents(level.get(0), at) : dollars(level.get(0), at);
            long quantity =
                    legacy ? contracts(level.get(1), at, false) : count(level.get(1), at, false);
            result.add(new PriceLevel(price, quantity));
        }
        result.sort(Comparator.comparingLong(PriceLevel::getPrice).reversed());
        return result;
    }

    /** A price from its dollar field, else its legacy cents field. */
    private static long priceOf(JsonNode msg, String dollarsName, String centsName) {
        JsonNode dollars = field(msg, dollarsName);
        if (dollars != null) {
            return dollars(dollars, dollarsName);
        }
        JsonNode cents = field(msg, centsName);
        if (cents != null) {
            return cents(cents, centsName);
        }
        throw missing(dollarsName);
    }

    private static String outcome(String side, String name) {
        return switch (side) {
            case "yes" -> "YES";
            case "no" -> "NO";
            default -> throw malformed(name, "expected yes or no, got '" + side + "'");
        };
    }

    // ---------------------------------------------------------------- envelope and frame

    private static JsonNode msg(JsonNode root) {
        JsonNode msg = field(root, "msg");
        if (msg == null) {
            throw missing("msg");
        }
        if (!msg.isObject()) {
            throw malformed("msg", "expected an object");
        }
        return msg;
    }

    /** The message's own time: {@code ts_ms}, else {@code ts}, else the receive time. */
    private static long wsTime(Frame frame, JsonNode msg) {
        Long ms = millis(msg, "ts_ms");
        if (ms != null) {
            return ms;
        }
        Long ts = epochMillis(msg, "ts");
        return ts != null ? ts : frame.receiveTime();
    }

    /** Book messages must carry both {@code sid} and {@code seq}. */
    private static Sequence requiredSequence(Frame frame, JsonNode root) {
        Long sid = integer(root, "sid");
        if (sid == null) {
            throw missing("sid");
        }
        Long seq = integer(root, "seq");
        if (seq == null) {
            throw missing("seq");
        }
        return new Sequence(seq, frame.stream(sid));
    }

    /** Other messages keep {@code sid}/{@code seq} when they have both, else have none. */
    private static Sequence optionalSequence(Frame frame, JsonNode root) {
        Long sid = integer(root, "sid");
        Long seq = integer(root, "seq");
        return sid == null || seq == null ? Sequence.NONE : new Sequence(seq, frame.stream(sid));
    }

    private record Sequence(Long seq, String stream) {
        static final Sequence NONE = new Sequence(null, null);
    }

    /** One raw frame being parsed: what every message of it shares. */
    private record Frame(RawFrame raw) {
        long receiveTime() {
            return raw.receiveTimeMs();
        }

        String stream(long sid) {
            return raw.connectionId() + "/" + sid;
        }

        VenueMessage message(Object payload, long venueTime, Sequence sequence) {
            return VenueMessage.newBuilder()
                    .setVenueId(VENUE_ID)
                    .setVenueSequence(sequence.seq())
                    .setVenueStreamId(sequence.stream())
                    .setVenueEventTime(venueTime)
                    .setIngestTime(raw.receiveTimeMs())
                    .setRawSource(null)
                    .setPayload(payload)
                    .build();
        }
    }

    private static Iterable<JsonNode> array(JsonNode value, String name) {
        if (!value.isArray()) {
            throw malformed(name, "expected an array");
        }
        return value;
    }

    private static JsonNode requireObject(JsonNode value, String name) {
        if (!value.isObject()) {
            throw malformed(name, "expected an object");
        }
        return value;
    }

    private static ParsedFrame one(VenueMessage message) {
        return new ParsedFrame.Messages(List.of(message));
    }

    private static ParsedFrame rejected(ReasonCode reason, String detail) {
        return new ParsedFrame.Rejected(reason, detail);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String textOrNull(JsonNode object, String name) {
        JsonNode value = field(object, name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Long longOrNull(JsonNode object, String name) {
        JsonNode value = field(object, name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? value.longValue()
                : null;
    }
}
