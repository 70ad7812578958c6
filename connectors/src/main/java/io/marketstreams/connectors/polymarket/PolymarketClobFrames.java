package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.polymarket.PolymarketFrames.dec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Book;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Change;
import io.marketstreams.connectors.polymarket.PolymarketFrames.PriceChangeShape;
import io.marketstreams.connectors.polymarket.PolymarketFrames.Trade;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The bodies of {@link PolymarketFrames}' CLOB market-channel builders; each is documented at its
 * public entry there.
 */
final class PolymarketClobFrames {

    private PolymarketClobFrames() {}

    static String book(Book book) {
        return StrictJson.text(bookNode(book));
    }

    static String books(List<Book> books) {
        ArrayNode array = StrictJson.array();
        books.forEach(b -> array.add(bookNode(b)));
        return StrictJson.text(array);
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
        ObjectNode o = StrictJson.object();
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
        ArrayNode a = StrictJson.array();
        for (PolymarketBookHash.Level l : levels) {
            ObjectNode n = a.addObject();
            n.put("price", l.price());
            n.put("size", l.size());
        }
        return a;
    }

    static String priceChange(
            PriceChangeShape shape, String market, long timestampMs, List<Change> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a price_change needs at least one change");
        }
        String timestamp = Long.toString(timestampMs);
        ObjectNode o = StrictJson.object();
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
                ArrayNode list = StrictJson.array();
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
        return StrictJson.text(o);
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

    static String lastTradePrice(Trade trade) {
        if (trade.side() == TakerSide.UNKNOWN) {
            throw new IllegalArgumentException("the venue sends taker side BUY or SELL");
        }
        ObjectNode o = StrictJson.object();
        o.put("asset_id", trade.assetId());
        o.put("event_type", "last_trade_price");
        o.put("fee_rate_bps", "0");
        o.put("market", trade.market());
        o.put("price", dec(trade.price()));
        o.put("side", trade.side().name());
        o.put("size", dec(trade.size()));
        o.put("timestamp", Long.toString(trade.timestampMs()));
        o.put("transaction_hash", trade.transactionHash());
        return StrictJson.text(o);
    }

    static String marketResolved(
            String market,
            List<String> assetIds,
            String winningAssetId,
            String winningOutcome,
            long timestampMs) {
        ObjectNode o = StrictJson.object();
        o.put("event_type", "market_resolved");
        o.put("market", market);
        ArrayNode ids = o.putArray("assets_ids");
        assetIds.forEach(ids::add);
        o.put("winning_asset_id", winningAssetId);
        o.put("winning_outcome", winningOutcome);
        o.put("timestamp", Long.toString(timestampMs));
        return StrictJson.text(o);
    }

    static String tickSizeChange(
            String market, String assetId, long oldTickSize, long newTickSize, long timestampMs) {
        ObjectNode o = StrictJson.object();
        o.put("event_type", "tick_size_change");
        o.put("asset_id", assetId);
        o.put("market", market);
        o.put("old_tick_size", dec(oldTickSize));
        o.put("new_tick_size", dec(newTickSize));
        o.put("timestamp", Long.toString(timestampMs));
        return StrictJson.text(o);
    }

    static String bestBidAsk(
            String market, String assetId, long bestBid, long bestAsk, long timestampMs) {
        ObjectNode o = StrictJson.object();
        o.put("event_type", "best_bid_ask");
        o.put("market", market);
        o.put("asset_id", assetId);
        o.put("best_bid", dec(bestBid));
        o.put("best_ask", dec(bestAsk));
        o.put("spread", dec(Math.max(0, bestAsk - bestBid)));
        o.put("timestamp", Long.toString(timestampMs));
        return StrictJson.text(o);
    }
}
