package io.marketstreams.connectors.polymarket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds native Polymarket frames (CLOB market-channel messages and Gamma REST bodies) from values,
 * in exactly the shapes {@link PolymarketFrameParser} reads: for tests, and for a simulator that
 * speaks Polymarket. Prices, sizes and tick sizes are given in micro-units and written as the venue
 * writes them (shortest decimal strings, {@link PolymarketDecimal#format}); times in epoch
 * milliseconds, written as strings on the WebSocket and as ISO-8601 instants in Gamma. Output is
 * compact JSON, deterministic for equal input.
 *
 * <p>What is not a value is filled in deterministically: book levels are written in venue order
 * (best last: bids ascending, asks descending) with the client-documented summary {@code hash}
 * ({@link PolymarketBookHash}); the per-change {@code hash} of {@code price_changes} entries and
 * {@code changes} messages is a SHA-1 of the change's values (an opaque placeholder, as the venue's
 * is to a reader); {@code fee_rate_bps} is {@code "0"}.
 */
public final class PolymarketFrames {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolymarketFrames() {}

    /** The three shapes of {@code price_change} messages the venue has sent. */
    public enum PriceChangeShape {
        /** Oldest: one level at the top level ({@code asset_id}, {@code price}, {@code size}). */
        SINGLE_LEVEL,
        /** Until 15 Sept 2025: one {@code asset_id} and {@code changes[]} of its levels. */
        CHANGES,
        /** Today: {@code price_changes[]}, each entry with its own {@code asset_id}. */
        PRICE_CHANGES
    }

    /**
     * A token's book: levels best first (bids descending, asks ascending), as the parser returns
     * them.
     */
    public record Book(
            String market,
            String assetId,
            long timestampMs,
            List<PriceLevel> bids,
            List<PriceLevel> asks) {
        public Book {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(assetId, "assetId");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /**
     * One level change: the level's new total size ({@code 0} removes it). {@code bestBid} and
     * {@code bestAsk} (micro-units, nullable) are written into {@code price_changes} entries when
     * given.
     */
    public record Change(
            String assetId, BookSide side, long price, long size, Long bestBid, Long bestAsk) {
        public Change {
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(side, "side");
        }

        /** A change without best bid and ask. */
        public Change(String assetId, BookSide side, long price, long size) {
            this(assetId, side, price, size, null, null);
        }
    }

    /** One {@code last_trade_price} fill. */
    public record Trade(
            String market,
            String assetId,
            long price,
            long size,
            TakerSide side,
            long timestampMs,
            String transactionHash) {
        public Trade {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(transactionHash, "transactionHash");
        }
    }

    /**
     * A Gamma market. {@code clobTokenIds} and {@code outcomePrices} (micro-units) are optional
     * (null), and when given pair with {@code outcomes} by index; optional dates, tick size, texts
     * and UMA status are null when absent.
     */
    public record GammaMarket(
            String conditionId,
            String question,
            String description,
            List<String> outcomes,
            List<String> clobTokenIds,
            List<Long> outcomePrices,
            Long startDateMs,
            Long endDateMs,
            Long tickSize,
            boolean active,
            boolean closed,
            String umaResolutionStatus,
            String resolutionSource) {
        public GammaMarket {
            Objects.requireNonNull(conditionId, "conditionId");
            Objects.requireNonNull(question, "question");
            outcomes = List.copyOf(outcomes);
            clobTokenIds = clobTokenIds == null ? null : List.copyOf(clobTokenIds);
            outcomePrices = outcomePrices == null ? null : List.copyOf(outcomePrices);
        }
    }

    /** A Gamma event with its nested markets; optional fields are null when absent. */
    public record GammaEvent(
            String id,
            String title,
            String description,
            String category,
            List<String> tags,
            Long startDateMs,
            Long endDateMs,
            String resolutionSource,
            boolean negRisk,
            List<GammaMarket> markets) {
        public GammaEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            tags = List.copyOf(tags);
            markets = List.copyOf(markets);
        }
    }

    /** A raw frame of venue {@code polymarket} holding the JSON text, UTF-8. */
    public static RawFrame frame(String connectionId, long receiveTimeMs, String json) {
        return new RawFrame(
                PolymarketFrameParser.VENUE_ID,
                connectionId,
                receiveTimeMs,
                json.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- market channel

    /** A {@code book} message. */
    public static String book(Book book) {
        return json(bookNode(book));
    }

    /** A JSON array of {@code book} messages, as sent right after subscribing. */
    public static String books(List<Book> books) {
        ArrayNode array = MAPPER.createArrayNode();
        books.forEach(b -> array.add(bookNode(b)));
        return json(array);
    }

    private static ObjectNode bookNode(Book book) {
        List<PriceLevel> bids = new ArrayList<>(book.bids());
        bids.sort(Comparator.comparingLong(PriceLevel::getPrice));
        List<PriceLevel> asks = new ArrayList<>(book.asks());
        asks.sort(Comparator.comparingLong(PriceLevel::getPrice));
        Collections.reverse(asks);
        List<PolymarketBookHash.Level> bidLevels = hashLevels(bids);
        List<PolymarketBookHash.Level> askLevels = hashLevels(asks);
        String timestamp = Long.toString(book.timestampMs());
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event_type", "book");
        o.put("asset_id", book.assetId());
        o.put("market", book.market());
        o.set("bids", levelsNode(bidLevels));
        o.set("asks", levelsNode(askLevels));
        o.put("timestamp", timestamp);
        o.put(
                "hash",
                PolymarketBookHash.summaryHash(
                        book.market(),
                        book.assetId(),
                        timestamp,
                        bidLevels,
                        askLevels,
                        null,
                        null,
                        null,
                        null));
        return o;
    }

    private static List<PolymarketBookHash.Level> hashLevels(List<PriceLevel> levels) {
        List<PolymarketBookHash.Level> out = new ArrayList<>();
        for (PriceLevel l : levels) {
            out.add(new PolymarketBookHash.Level(dec(l.getPrice()), dec(l.getQuantity())));
        }
        return out;
    }

    private static ArrayNode levelsNode(List<PolymarketBookHash.Level> levels) {
        ArrayNode a = MAPPER.createArrayNode();
        for (PolymarketBookHash.Level l : levels) {
            ObjectNode n = a.addObject();
            n.put("price", l.price());
            n.put("size", l.size());
        }
        return a;
    }

    /** A {@code price_change} message in today's {@code price_changes[]} shape. */
    public static String priceChange(String market, long timestampMs, List<Change> changes) {
        return priceChange(PriceChangeShape.PRICE_CHANGES, market, timestampMs, changes);
    }

    /**
     * A {@code price_change} message in the given shape.
     *
     * @throws IllegalArgumentException when the shape cannot hold the changes: no change at all,
     *     {@code SINGLE_LEVEL} with more than one, {@code CHANGES} with more than one token
     */
    public static String priceChange(
            PriceChangeShape shape, String market, long timestampMs, List<Change> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a price_change needs at least one change");
        }
        String timestamp = Long.toString(timestampMs);
        ObjectNode o = MAPPER.createObjectNode();
        switch (shape) {
            case SINGLE_LEVEL -> {
                if (changes.size() != 1) {
                    throw new IllegalArgumentException("SINGLE_LEVEL holds exactly one change");
                }
                Change c = changes.get(0);
                o.put("asset_id", c.assetId());
                o.put("event_type", "price_change");
                o.put("hash", changeHash(market, timestamp, c));
                o.put("market", market);
                o.put("price", dec(c.price()));
                o.put("side", venueSide(c.side()));
                o.put("size", dec(c.size()));
                o.put("timestamp", timestamp);
            }
            case CHANGES -> {
                String asset = changes.get(0).assetId();
                ArrayNode list = MAPPER.createArrayNode();
                StringBuilder hashInput = new StringBuilder();
                for (Change c : changes) {
                    if (!c.assetId().equals(asset)) {
                        throw new IllegalArgumentException(
                                "CHANGES holds the changes of one token, got "
                                        + asset
                                        + " and "
                                        + c.assetId());
                    }
                    ObjectNode n = list.addObject();
                    n.put("price", dec(c.price()));
                    n.put("side", venueSide(c.side()));
                    n.put("size", dec(c.size()));
                    hashInput.append(changeHash(market, timestamp, c));
                }
                o.put("asset_id", asset);
                o.set("changes", list);
                o.put("event_type", "price_change");
                o.put("market", market);
                o.put("timestamp", timestamp);
                o.put("hash", PolymarketBookHash.sha1Hex(hashInput.toString()));
            }
            case PRICE_CHANGES -> {
                o.put("market", market);
                ArrayNode list = o.putArray("price_changes");
                for (Change c : changes) {
                    ObjectNode n = list.addObject();
                    n.put("asset_id", c.assetId());
                    n.put("price", dec(c.price()));
                    n.put("size", dec(c.size()));
                    n.put("side", venueSide(c.side()));
                    n.put("hash", changeHash(market, timestamp, c));
                    if (c.bestBid() != null) {
                        n.put("best_bid", dec(c.bestBid()));
                    }
                    if (c.bestAsk() != null) {
                        n.put("best_ask", dec(c.bestAsk()));
                    }
                }
                o.put("timestamp", timestamp);
                o.put("event_type", "price_change");
            }
        }
        return json(o);
    }

    private static String changeHash(String market, String timestamp, Change c) {
        return PolymarketBookHash.sha1Hex(
                String.join(
                        "|",
                        market,
                        c.assetId(),
                        venueSide(c.side()),
                        dec(c.price()),
                        dec(c.size()),
                        timestamp));
    }

    private static String venueSide(BookSide side) {
        return side == BookSide.BID ? "BUY" : "SELL";
    }

    /**
     * A {@code last_trade_price} message.
     *
     * @throws IllegalArgumentException for taker side {@code UNKNOWN} (the venue sends BUY or SELL)
     */
    public static String lastTradePrice(Trade trade) {
        if (trade.side() == TakerSide.UNKNOWN) {
            throw new IllegalArgumentException("the venue sends taker side BUY or SELL");
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("asset_id", trade.assetId());
        o.put("event_type", "last_trade_price");
        o.put("fee_rate_bps", "0");
        o.put("market", trade.market());
        o.put("price", dec(trade.price()));
        o.put("side", trade.side().name());
        o.put("size", dec(trade.size()));
        o.put("timestamp", Long.toString(trade.timestampMs()));
        o.put("transaction_hash", trade.transactionHash());
        return json(o);
    }

    /** A {@code market_resolved} message. */
    public static String marketResolved(
            String market,
            List<String> assetIds,
            String winningAssetId,
            String winningOutcome,
            long timestampMs) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event_type", "market_resolved");
        o.put("market", market);
        ArrayNode ids = o.putArray("assets_ids");
        assetIds.forEach(ids::add);
        o.put("winning_asset_id", winningAssetId);
        o.put("winning_outcome", winningOutcome);
        o.put("timestamp", Long.toString(timestampMs));
        return json(o);
    }

    /** A {@code tick_size_change} message (ignored by the parser). */
    public static String tickSizeChange(
            String market, String assetId, long oldTickSize, long newTickSize, long timestampMs) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event_type", "tick_size_change");
        o.put("asset_id", assetId);
        o.put("market", market);
        o.put("old_tick_size", dec(oldTickSize));
        o.put("new_tick_size", dec(newTickSize));
        o.put("timestamp", Long.toString(timestampMs));
        return json(o);
    }

    /** A {@code best_bid_ask} message (ignored by the parser). */
    public static String bestBidAsk(
            String market, String assetId, long bestBid, long bestAsk, long timestampMs) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event_type", "best_bid_ask");
        o.put("market", market);
        o.put("asset_id", assetId);
        o.put("best_bid", dec(bestBid));
        o.put("best_ask", dec(bestAsk));
        o.put("spread", dec(Math.max(0, bestAsk - bestBid)));
        o.put("timestamp", Long.toString(timestampMs));
        return json(o);
    }

    // ---------------------------------------------------------------- Gamma

    /** A Gamma event object (as {@code GET /events/{id}} returns it). */
    public static String gammaEvent(GammaEvent event) {
        return json(eventNode(event));
    }

    /** A JSON array of Gamma events (as {@code GET /events} returns it). */
    public static String gammaEvents(List<GammaEvent> events) {
        ArrayNode array = MAPPER.createArrayNode();
        events.forEach(e -> array.add(eventNode(e)));
        return json(array);
    }

    /**
     * A bare Gamma market object (as {@code GET /markets/{id}} returns it), naming its event in
     * {@code events[0].id}.
     */
    public static String gammaMarket(GammaMarket market, String eventId) {
        ObjectNode o = marketNode(market);
        ObjectNode event = o.putArray("events").addObject();
        event.put("id", eventId);
        return json(o);
    }

    private static ObjectNode eventNode(GammaEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", e.id());
        o.put("title", e.title());
        putIfPresent(o, "description", e.description());
        putIfPresent(o, "category", e.category());
        putIfPresent(o, "resolutionSource", e.resolutionSource());
        putDate(o, "startDate", e.startDateMs());
        putDate(o, "endDate", e.endDateMs());
        o.put("negRisk", e.negRisk());
        ArrayNode tags = o.putArray("tags");
        for (String tag : e.tags()) {
            ObjectNode t = tags.addObject();
            t.put("label", tag);
            t.put("slug", tag.toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        ArrayNode markets = o.putArray("markets");
        e.markets().forEach(m -> markets.add(marketNode(m)));
        return o;
    }

    private static ObjectNode marketNode(GammaMarket m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("question", m.question());
        o.put("conditionId", m.conditionId());
        putIfPresent(o, "description", m.description());
        putIfPresent(o, "resolutionSource", m.resolutionSource());
        putDate(o, "startDate", m.startDateMs());
        putDate(o, "endDate", m.endDateMs());
        o.put("outcomes", stringArray(m.outcomes()));
        if (m.outcomePrices() != null) {
            List<String> prices = new ArrayList<>();
            m.outcomePrices().forEach(p -> prices.add(dec(p)));
            o.put("outcomePrices", stringArray(prices));
        }
        if (m.clobTokenIds() != null) {
            o.put("clobTokenIds", stringArray(m.clobTokenIds()));
        }
        o.put("active", m.active());
        o.put("closed", m.closed());
        if (m.tickSize() != null) {
            o.put("orderPriceMinTickSize", new java.math.BigDecimal(dec(m.tickSize())));
        }
        putIfPresent(o, "umaResolutionStatus", m.umaResolutionStatus());
        return o;
    }

    /** Gamma's list fields are JSON arrays encoded as strings. */
    private static String stringArray(List<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return json(a);
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void putDate(ObjectNode o, String field, Long epochMs) {
        if (epochMs != null) {
            o.put(field, Instant.ofEpochMilli(epochMs).toString());
        }
    }

    private static String dec(long micros) {
        return PolymarketDecimal.format(micros);
    }

    private static String json(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
