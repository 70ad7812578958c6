package io.marketstreams.connectors.polymarket;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses Polymarket's native frames, CLOB market-channel WebSocket messages and Gamma REST bodies,
 * into {@link VenueMessage}s. The mapping, every rejection and what is ignored are in
 * docs/venues/polymarket.md; in short:
 *
 * <ul>
 *   <li>{@code book} (an object, or an array of them) → one {@link BookSnapshot} per book, BID and
 *       ASK ladder of the token, levels best first;
 *   <li>{@code price_change} in all three shapes (single level, {@code changes[]}, {@code
 *       price_changes[]}) → one {@link BookDelta} of ABSOLUTE level sizes;
 *   <li>{@code last_trade_price} → {@link TradeReport}; {@code market_resolved} → {@link
 *       Resolution} (status {@code resolved});
 *   <li>{@code tick_size_change}, {@code best_bid_ask}, {@code new_market}, subscription echoes and
 *       {@code PING}/{@code PONG} → {@link ParsedFrame.Ignored};
 *   <li>a Gamma event (or an array of them) → {@link EventInfo}, then per nested market a {@link
 *       MarketInfo} and, for UMA statuses, a {@link Resolution} or {@link MarketStatus}; a bare
 *       Gamma market (or an array of them) → the same without the EventInfo.
 * </ul>
 *
 * <p>In book, trade and resolution payloads of the WebSocket the {@code outcome_id} is the CLOB
 * token id ({@code asset_id}): the parser is stateless and cannot know which token is YES. The job
 * maps token ids to outcome ids through the {@code venue_outcome_id}s of the market's {@link
 * MarketInfo}. Stateless, deterministic, never throws.
 */
public final class PolymarketFrameParser implements FrameParser {
    /** The venue id of every message. */
    public static final String VENUE_ID = "polymarket";

    /** {@code venue_status} of a {@code market_resolved} resolution. */
    public static final String MARKET_RESOLVED_STATUS = "resolved";

    /** {@code resolution_source} of a {@code market_resolved} resolution. */
    public static final String MARKET_RESOLVED_SOURCE = "polymarket";

    /** Prefix of the {@code venue_status} of resolutions and statuses from Gamma's UMA status. */
    public static final String UMA_STATUS_PREFIX = "uma:";

    /** A CLOB token id is a uint256: at most this many decimal digits. */
    public static final int MAX_TOKEN_ID_DIGITS = 78;

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private static final Comparator<PriceLevel> BEST_BID_FIRST =
            Comparator.comparingLong(PriceLevel::getPrice).reversed();
    private static final Comparator<PriceLevel> BEST_ASK_FIRST =
            Comparator.comparingLong(PriceLevel::getPrice);

    /** Creates a parser; it holds no state. */
    public PolymarketFrameParser() {}

    @Override
    public ParsedFrame parse(RawFrame frame) {
        try {
            return parseFrame(frame);
        } catch (Reject r) {
            return new ParsedFrame.Rejected(r.reason, r.detail);
        } catch (RuntimeException e) {
            return new ParsedFrame.Rejected(
                    ReasonCode.MALFORMED,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The outcome id of a Gamma outcome name: {@code YES} / {@code NO} for "Yes" / "No" (any case,
     * surrounding blanks ignored), otherwise the name, trimmed and upper-cased (root locale), with
     * every character other than {@code A-Z} and {@code 0-9} replaced by {@code _} ("Los Angeles
     * Lakers" → {@code LOS_ANGELES_LAKERS}, "Up" → {@code UP}).
     */
    public static String outcomeId(String outcomeName) {
        String name = outcomeName.trim();
        if (name.equalsIgnoreCase("yes")) {
            return "YES";
        }
        if (name.equalsIgnoreCase("no")) {
            return "NO";
        }
        String upper = name.toUpperCase(Locale.ROOT);
        StringBuilder id = new StringBuilder(upper.length());
        upper.codePoints()
                .forEach(
                        c ->
                                id.append(
                                        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                                                ? (char) c
                                                : '_'));
        return id.toString();
    }

    // ---------------------------------------------------------------- dispatch

    private ParsedFrame parseFrame(RawFrame frame) {
        byte[] payload = frame.payload();
        String heartbeat = heartbeat(payload);
        if (heartbeat != null) {
            return new ParsedFrame.Ignored(heartbeat);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JacksonException e) {
            throw malformed("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw malformed("not JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("empty frame");
        }
        if (root.isObject()) {
            return parseObject(root, frame, "");
        }
        if (root.isArray()) {
            return parseArray(root, frame);
        }
        throw malformed("a frame must be a JSON object or array, not " + kind(root));
    }

    /** PING / PONG heartbeats of the market channel are plain text, not JSON. */
    private static String heartbeat(byte[] payload) {
        if (payload.length > 16) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        return text.equals("PONG") || text.equals("PING") ? text : null;
    }

    private ParsedFrame parseArray(JsonNode array, RawFrame frame) {
        List<VenueMessage> messages = new ArrayList<>();
        String ignored = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String path = "[" + i + "].";
            if (!element.isObject()) {
                throw malformed(
                        "[" + i + "]: array element is " + kind(element) + ", not an object");
            }
            ParsedFrame parsed = parseObject(element, frame, path);
            if (parsed instanceof ParsedFrame.Messages m) {
                messages.addAll(m.messages());
            } else if (parsed instanceof ParsedFrame.Ignored ig && ignored == null) {
                ignored = ig.messageType();
            }
        }
        if (messages.isEmpty() && ignored != null) {
            return new ParsedFrame.Ignored(ignored);
        }
        return new ParsedFrame.Messages(List.copyOf(messages));
    }

    private ParsedFrame parseObject(JsonNode node, RawFrame frame, String path) {
        JsonNode eventType = node.get("event_type");
        if (eventType != null && !eventType.isNull()) {
            if (!eventType.isTextual()) {
                throw malformed(path + "event_type is " + kind(eventType) + ", not a string");
            }
            String type = eventType.textValue();
            return switch (type) {
                case "book" -> book(node, frame, path);
                case "price_change" -> priceChange(node, frame, path);
                case "last_trade_price" -> lastTradePrice(node, frame, path);
                case "market_resolved" -> marketResolved(node, frame, path);
                case "tick_size_change", "best_bid_ask", "new_market" ->
                        new ParsedFrame.Ignored(type);
                default ->
                        throw new Reject(
                                ReasonCode.UNKNOWN_MESSAGE,
                                path + "unknown event_type '" + type + "'");
            };
        }
        if (node.has("conditionId")) {
            return gammaMarket(node, frame, path);
        }
        if (node.has("markets") || node.has("title")) {
            return gammaEvent(node, frame, path);
        }
        if (node.has("assets_ids") || node.has("operation") || node.has("type")) {
            return new ParsedFrame.Ignored("subscription");
        }
        throw malformed(
                path
                        + "object without event_type that is neither a Gamma event nor a Gamma"
                        + " market");
    }

    // ---------------------------------------------------------------- market channel

    private ParsedFrame book(JsonNode n, RawFrame frame, String p) {
        String market = text(n, "market", p);
        String asset = tokenId(n, "asset_id", p);
        long time = eventTime(n, frame, p);
        List<PriceLevel> bids = levels(n, "bids", "buys", p, BEST_BID_FIRST);
        List<PriceLevel> asks = levels(n, "asks", "sells", p, BEST_ASK_FIRST);
        BookSnapshot snapshot =
                BookSnapshot.newBuilder()
                        .setVenueMarketId(market)
                        .setLadders(
                                new ArrayList<>(
                                        List.of(
                                                new Ladder(asset, BookSide.BID, bids),
                                                new Ladder(asset, BookSide.ASK, asks))))
                        .build();
        return messages(message(frame, time, snapshot));
    }

    private static List<PriceLevel> levels(
            JsonNode n, String field, String alias, String p, Comparator<PriceLevel> bestFirst) {
        String name = field;
        if (!n.has(field) && n.has(alias)) {
            name = alias;
        }
        if (!n.has(name)) {
            throw missing(p + field);
        }
        JsonNode array = n.get(name);
        List<PriceLevel> levels = new ArrayList<>();
        if (array.isNull()) {
            return levels;
        }
        if (!array.isArray()) {
            throw malformed(p + name + " is " + kind(array) + ", not an array");
        }
        for (int i = 0; i < array.size(); i++) {
            String lp = p + name + "[" + i + "].";
            JsonNode level = object(array.get(i), p + name + "[" + i + "]");
            levels.add(new PriceLevel(micros(level, "price", lp), micros(level, "size", lp)));
        }
        levels.sort(bestFirst);
        return levels;
    }

    private ParsedFrame priceChange(JsonNode n, RawFrame frame, String p) {
        String market = text(n, "market", p);
        long time = eventTime(n, frame, p);
        List<LevelUpdate> changes = new ArrayList<>();
        if (n.has("price_changes")) {
            JsonNode array = array(n, "price_changes", p);
            for (int i = 0; i < array.size(); i++) {
                String cp = p + "price_changes[" + i + "].";
                JsonNode change = object(array.get(i), p + "price_changes[" + i + "]");
                changes.add(levelUpdate(tokenId(change, "asset_id", cp), change, cp));
            }
        } else if (n.has("changes")) {
            String asset = tokenId(n, "asset_id", p);
            JsonNode array = array(n, "changes", p);
            for (int i = 0; i < array.size(); i++) {
                String cp = p + "changes[" + i + "].";
                changes.add(levelUpdate(asset, object(array.get(i), p + "changes[" + i + "]"), cp));
            }
        } else if (n.has("price") || n.has("size") || n.has("side")) {
            changes.add(levelUpdate(tokenId(n, "asset_id", p), n, p));
        } else {
            throw missing(p + "price_changes");
        }
        if (changes.isEmpty()) {
            throw malformed(p + "price_change without any change");
        }
        BookDelta delta =
                BookDelta.newBuilder().setVenueMarketId(market).setChanges(changes).build();
        return messages(message(frame, time, delta));
    }

    private static LevelUpdate levelUpdate(String asset, JsonNode change, String p) {
        String side = text(change, "side", p);
        BookSide bookSide;
        if (side.equalsIgnoreCase("BUY")) {
            bookSide = BookSide.BID;
        } else if (side.equalsIgnoreCase("SELL")) {
            bookSide = BookSide.ASK;
        } else {
            throw malformed(p + "side '" + side + "' is neither BUY nor SELL");
        }
        return new LevelUpdate(
                asset,
                bookSide,
                micros(change, "price", p),
                micros(change, "size", p),
                UpdateKind.ABSOLUTE);
    }

    private ParsedFrame lastTradePrice(JsonNode n, RawFrame frame, String p) {
        String market = text(n, "market", p);
        String asset = tokenId(n, "asset_id", p);
        long price = micros(n, "price", p);
        long size = micros(n, "size", p);
        String side = text(n, "side", p);
        TakerSide takerSide =
                side.equalsIgnoreCase("BUY")
                        ? TakerSide.BUY
                        : side.equalsIgnoreCase("SELL") ? TakerSide.SELL : TakerSide.UNKNOWN;
        String transaction = text(n, "transaction_hash", p);
        long time = eventTime(n, frame, p);
        TradeReport trade =
                TradeReport.newBuilder()
                        .setVenueTradeId(tradeId(transaction, asset, takerSide, side, price, size))
                        .setVenueMarketId(market)
                        .setOutcomeId(asset)
                        .setPrice(price)
                        .setQuantity(size)
                        .setTakerSide(takerSide)
                        .build();
        return messages(message(frame, time, trade));
    }

    /**
     * The venue trade id of a {@code last_trade_price}: {@code
     * <transaction_hash>:<asset_id>:<side>:<price micro-units>:<size micro-units>}, side being
     * {@code BUY} or {@code SELL} (upper case; an unrecognized side verbatim).
     */
    public static String tradeId(
            String transactionHash, String assetId, TakerSide side, long price, long size) {
        return tradeId(transactionHash, assetId, side, side.name(), price, size);
    }

    private static String tradeId(
            String transaction, String asset, TakerSide side, String raw, long price, long size) {
        String sideText = side == TakerSide.UNKNOWN ? raw : side.name();
        return transaction + ":" + asset + ":" + sideText + ":" + price + ":" + size;
    }

    private ParsedFrame marketResolved(JsonNode n, RawFrame frame, String p) {
        String market = text(n, "market", p);
        String winner = tokenId(n, "winning_asset_id", p);
        long time = eventTime(n, frame, p);
        Resolution resolution =
                Resolution.newBuilder()
                        .setVenueMarketId(market)
                        .setResolvedOutcomeId(winner)
                        .setPayouts(new ArrayList<>())
                        .setVenueStatus(MARKET_RESOLVED_STATUS)
                        .setResolutionSource(MARKET_RESOLVED_SOURCE)
                        .build();
        return messages(message(frame, time, resolution));
    }

    // ---------------------------------------------------------------- Gamma

    private ParsedFrame gammaEvent(JsonNode n, RawFrame frame, String p) {
        String eventId = id(n, "id", p);
        String resolutionSource = optText(n, "resolutionSource", p);
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId(eventId)
                        .setEventName(text(n, "title", p))
                        .setEventDescription(optText(n, "description", p))
                        .setEventType(bool(n, "negRisk", p) ? "negRisk" : null)
                        .setEventCategory(optText(n, "category", p))
                        .setEventTags(tags(n, p))
                        .setStartDate(optDate(n, "startDate", p))
                        .setExpiryDate(optDate(n, "endDate", p))
                        .setResolutionSource(resolutionSource)
                        .build();
        long time = frame.receiveTimeMs();
        List<VenueMessage> out = new ArrayList<>();
        out.add(message(frame, time, event));
        JsonNode markets = n.get("markets");
        if (markets != null && !markets.isNull()) {
            if (!markets.isArray()) {
                throw malformed(p + "markets is " + kind(markets) + ", not an array");
            }
            for (int i = 0; i < markets.size(); i++) {
                String mp = p + "markets[" + i + "]";
                gammaMarketInto(
                        object(markets.get(i), mp),
                        eventId,
                        resolutionSource,
                        frame,
                        mp + ".",
                        out);
            }
        }
        return new ParsedFrame.Messages(List.copyOf(out));
    }

    private ParsedFrame gammaMarket(JsonNode n, RawFrame frame, String p) {
        JsonNode events = n.get("events");
        JsonNode first =
                events != null && events.isArray() && !events.isEmpty() ? events.get(0) : null;
        if (first == null || !first.isObject()) {
            throw missing(p + "events[0].id");
        }
        String eventId = id(first, "id", p + "events[0].");
        String eventSource = optText(first, "resolutionSource", p + "events[0].");
        List<VenueMessage> out = new ArrayList<>();
        gammaMarketInto(n, eventId, eventSource, frame, p, out);
        return new ParsedFrame.Messages(List.copyOf(out));
    }

    private static void gammaMarketInto(
            JsonNode n,
            String eventId,
            String eventResolutionSource,
            RawFrame frame,
            String p,
            List<VenueMessage> out) {
        String conditionId = text(n, "conditionId", p);
        String question = text(n, "question", p);
        List<String> names = jsonArray(n, "outcomes", p, false);
        if (names == null) {
            throw missing(p + "outcomes");
        }
        if (names.isEmpty()) {
            throw malformed(p + "outcomes is empty");
        }
        List<String> tokens = jsonArray(n, "clobTokenIds", p, false);
        if (tokens != null && tokens.size() != names.size()) {
            throw malformed(
                    p
                            + "clobTokenIds has "
                            + tokens.size()
                            + " entries for "
                            + names.size()
                            + " outcomes");
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String outcomeId = outcomeId(name);
            if (outcomeId.isEmpty()) {
                throw malformed(p + "outcomes[" + i + "] is blank");
            }
            String previous = seen.putIfAbsent(outcomeId, name);
            if (previous != null) {
                throw malformed(
                        p
                                + "outcomes '"
                                + previous
                                + "' and '"
                                + name
                                + "' both map to outcome id "
                                + outcomeId);
            }
            String token = null;
            if (tokens != null) {
                token = tokens.get(i);
                checkTokenId(token, p + "clobTokenIds[" + i + "]");
            }
            outcomes.add(new Outcome(outcomeId, name, token));
        }
        boolean closed = bool(n, "closed", p);
        boolean active = bool(n, "active", p);
        String tick = decimalText(n, "orderPriceMinTickSize", p);
        MarketInfo info =
                MarketInfo.newBuilder()
                        .setVenueMarketId(conditionId)
                        .setVenueEventId(eventId)
                        .setMarketDescription(question)
                        .setMarketType(
                                outcomes.size() == 2 ? MarketType.BINARY : MarketType.CATEGORICAL)
                        .setOutcomes(outcomes)
                        .setOpenTime(optDate(n, "startDate", p))
                        .setCloseTime(optDate(n, "endDate", p))
                        .setSettlementRule(optText(n, "description", p))
                        .setTickSize(
                                tick == null ? null : toMicros(tick, p + "orderPriceMinTickSize"))
                        .setVenueStatus(closed ? "closed" : active ? "active" : null)
                        .build();
        long time = frame.receiveTimeMs();
        out.add(message(frame, time, info));

        String uma = umaStatus(n, p);
        if ("disputed".equals(uma)) {
            out.add(message(frame, time, new MarketStatus(conditionId, "uma:disputed", null)));
        } else if ("proposed".equals(uma) || "resolved".equals(uma)) {
            if (tokens == null) {
                throw missing(p + "clobTokenIds");
            }
            List<String> prices = jsonArray(n, "outcomePrices", p, true);
            if (prices == null) {
                throw missing(p + "outcomePrices");
            }
            if (prices.size() != names.size()) {
                throw malformed(
                        p
                                + "outcomePrices has "
                                + prices.size()
                                + " entries for "
                                + names.size()
                                + " outcomes");
            }
            List<OutcomePayout> payouts = new ArrayList<>();
            String winner = null;
            int winners = 0;
            for (int i = 0; i < prices.size(); i++) {
                long payout = toMicros(prices.get(i), p + "outcomePrices[" + i + "]");
                payouts.add(new OutcomePayout(tokens.get(i), payout));
                if (payout == PolymarketDecimal.ONE) {
                    winner = tokens.get(i);
                    winners++;
                }
            }
            String source = optText(n, "resolutionSource", p);
            Resolution resolution =
                    Resolution.newBuilder()
                            .setVenueMarketId(conditionId)
                            .setResolvedOutcomeId(winners == 1 ? winner : null)
                            .setPayouts(payouts)
                            .setVenueStatus(UMA_STATUS_PREFIX + uma)
                            .setResolutionSource(source != null ? source : eventResolutionSource)
                            .build();
            out.add(message(frame, time, resolution));
        }
    }

    /**
     * The market's UMA resolution status: {@code umaResolutionStatus}, else the last entry of
     * {@code umaResolutionStatuses}; null when neither is present.
     */
    private static String umaStatus(JsonNode n, String p) {
        String status = optText(n, "umaResolutionStatus", p);
        if (status != null) {
            return status;
        }
        List<String> history = jsonArray(n, "umaResolutionStatuses", p, false);
        return history == null || history.isEmpty() ? null : history.get(history.size() - 1);
    }

    private static List<String> tags(JsonNode n, String p) {
        JsonNode tags = n.get("tags");
        List<String> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isArray()) {
            throw malformed(p + "tags is " + kind(tags) + ", not an array");
        }
        for (JsonNode tag : tags) {
            if (tag.isTextual() && !tag.textValue().isEmpty()) {
                out.add(tag.textValue());
            } else if (tag.isObject()) {
                JsonNode label = tag.get("label");
                JsonNode slug = tag.get("slug");
                if (label != null && label.isTextual() && !label.textValue().isEmpty()) {
                    out.add(label.textValue());
                } else if (slug != null && slug.isTextual() && !slug.textValue().isEmpty()) {
                    out.add(slug.textValue());
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- field readers

    private static VenueMessage message(RawFrame frame, long venueTime, Object payload) {
        return VenueMessage.newBuilder()
                .setVenueId(VENUE_ID)
                .setVenueSequence(null)
                .setVenueStreamId(frame.connectionId())
                .setVenueEventTime(venueTime)
                .setIngestTime(frame.receiveTimeMs())
                .setRawSource(null)
                .setPayload(payload)
                .build();
    }

    private static ParsedFrame messages(VenueMessage message) {
        return new ParsedFrame.Messages(List.of(message));
    }

    /** A required, non-empty string. */
    private static String text(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            throw missing(p + field);
        }
        if (!v.isTextual()) {
            throw malformed(p + field + " is " + kind(v) + ", not a string");
        }
        return v.textValue();
    }

    /** An optional string; absent, null and empty are null. */
    private static String optText(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed(p + field + " is " + kind(v) + ", not a string");
        }
        return v.textValue().isEmpty() ? null : v.textValue();
    }

    /** An id sent as a string or an integer (Gamma ids). */
    private static String id(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v != null && v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        return text(n, field, p);
    }

    private static String tokenId(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v != null && v.isNumber()) {
            throw malformed(p + field + " is a number; token ids must be decimal strings");
        }
        String id = text(n, field, p);
        checkTokenId(id, p + field);
        return id;
    }

    private static void checkTokenId(String id, String where) {
        boolean digits = !id.isEmpty() && id.length() <= MAX_TOKEN_ID_DIGITS;
        for (int i = 0; digits && i < id.length(); i++) {
            char c = id.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits) {
            throw malformed(
                    where
                            + " '"
                            + id
                            + "' is not a token id (1 to "
                            + MAX_TOKEN_ID_DIGITS
                            + " decimal digits)");
        }
    }

    /** A required decimal (string, or JSON number) in micro-units. */
    private static long micros(JsonNode n, String field, String p) {
        String text = decimalText(n, field, p);
        if (text == null) {
            throw missing(p + field);
        }
        return toMicros(text, p + field);
    }

    /** The text of an optional decimal, a string or a JSON number; null when absent. */
    private static String decimalText(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        throw malformed(p + field + " is " + kind(v) + ", not a decimal");
    }

    private static long toMicros(String text, String where) {
        try {
            return PolymarketDecimal.toMicros(text);
        } catch (PolymarketDecimal.InvalidDecimalException e) {
            throw malformed(where + ": " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw malformed(p + field + " is " + kind(v) + ", not a boolean");
        }
        return v.booleanValue();
    }

    /**
     * The venue time of a message: {@code timestamp} (epoch ms, string or integer), else receipt.
     */
    private static long eventTime(JsonNode n, RawFrame frame, String p) {
        JsonNode v = n.get("timestamp");
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            return frame.receiveTimeMs();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            String t = v.textValue();
            boolean digits = t.length() <= 18;
            for (int i = 0; digits && i < t.length(); i++) {
                digits = t.charAt(i) >= '0' && t.charAt(i) <= '9';
            }
            if (digits) {
                return Long.parseLong(t);
            }
        }
        throw malformed(p + "timestamp " + v + " is not epoch milliseconds");
    }

    /**
     * An optional date: ISO-8601 with offset ({@code 2024-11-05T12:00:00Z}, {@code
     * 2025-01-02T17:49:48.563Z}, {@code +00:00}), without one (UTC), with a blank instead of {@code
     * T} and a short offset ({@code 2020-11-02 16:31:01+00}), or a bare date (UTC midnight). Epoch
     * milliseconds; absent, null and empty are null.
     */
    private static Long optDate(JsonNode n, String field, String p) {
        String text = optText(n, field, p);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            String iso = text.replace(' ', 'T');
            if (iso.matches(".*[+-]\\d\\d")) {
                iso = iso + ":00";
            } else if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:?\\d\\d")) {
                iso = iso + "Z";
            }
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw malformed(p + field + " '" + text + "' is not a date");
        }
    }

    private static JsonNode array(JsonNode n, String field, String p) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw missing(p + field);
        }
        if (!v.isArray()) {
            throw malformed(p + field + " is " + kind(v) + ", not an array");
        }
        return v;
    }

    private static JsonNode object(JsonNode v, String where) {
        if (!v.isObject()) {
            throw malformed(where + " is " + kind(v) + ", not an object");
        }
        return v;
    }

    /**
     * A Gamma list field: a JSON array encoded as a string ({@code "[\"Yes\", \"No\"]"}), or a
     * plain JSON array. Elements must be strings, or also numbers when {@code numbers} (prices).
     * Null when absent, null or empty string.
     */
    private static List<String> jsonArray(JsonNode n, String field, String p, boolean numbers) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            return null;
        }
        JsonNode array = v;
        if (v.isTextual()) {
            try {
                array = MAPPER.readTree(v.textValue());
            } catch (JacksonException e) {
                throw malformed(p + field + " is not a JSON array: " + e.getOriginalMessage());
            }
        }
        if (array == null || !array.isArray()) {
            throw malformed(p + field + " is not a JSON array");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else if (numbers && e.isNumber()) {
                out.add(e.decimalValue().toPlainString());
            } else {
                throw malformed(p + field + "[" + i + "] is " + kind(e) + ", not a string");
            }
        }
        return out;
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static Reject missing(String field) {
        return new Reject(ReasonCode.MISSING_FIELD, field);
    }

    private static Reject malformed(String detail) {
        return new Reject(ReasonCode.MALFORMED, detail);
    }

    /** Unwinds a parse to its rejection; no stack trace. */
    private static final class Reject extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ReasonCode reason;
        final String detail;

        Reject(ReasonCode reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }
}
