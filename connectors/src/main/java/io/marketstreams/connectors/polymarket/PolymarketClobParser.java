package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.json.StrictJson.describe;
import static io.marketstreams.connectors.polymarket.PolymarketValues.message;
import static io.marketstreams.connectors.polymarket.PolymarketValues.micros;
import static io.marketstreams.connectors.polymarket.PolymarketValues.tokenId;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonElements;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Polymarket's CLOB market-channel WebSocket messages (objects with an {@code event_type}): {@code
 * book}, {@code price_change} in all three shapes, {@code last_trade_price}, {@code
 * market_resolved}; the types it ignores are listed in {@link #parse}.
 */
final class PolymarketClobParser {

    private static final Comparator<PriceLevel> BEST_BID_FIRST =
            Comparator.comparingLong(PriceLevel::getPrice).reversed();
    private static final Comparator<PriceLevel> BEST_ASK_FIRST =
            Comparator.comparingLong(PriceLevel::getPrice);

    private PolymarketClobParser() {}

    /** A market-channel message of the given {@code event_type}. */
    static ParsedFrame parse(JsonFields n, String type, RawFrame frame) {
        return switch (type) {
            case "book" -> book(n, frame);
            case "price_change" -> priceChange(n, frame);
            case "last_trade_price" -> lastTradePrice(n, frame);
            case "market_resolved" -> marketResolved(n, frame);
            case "tick_size_change", "best_bid_ask", "new_market" -> new ParsedFrame.Ignored(type);
            default ->
                    throw FieldRejection.unknownMessage(
                            n.path(), "unknown event_type '" + type + "'");
        };
    }

    private static ParsedFrame book(JsonFields n, RawFrame frame) {
        String market = n.requireText("market");
        String asset = tokenId(n, "asset_id");
        long time = eventTime(n, frame);
        List<PriceLevel> bids = levels(n, "bids", "buys", BEST_BID_FIRST);
        List<PriceLevel> asks = levels(n, "asks", "sells", BEST_ASK_FIRST);
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

    /**
     * One side's levels, best first, from {@code field} (else its older name {@code alias}). The
     * key is required; a JSON {@code null} value is an empty side.
     */
    private static List<PriceLevel> levels(
            JsonFields n, String field, String alias, Comparator<PriceLevel> bestFirst) {
        String name = field;
        if (!n.hasKey(field) && n.hasKey(alias)) {
            name = alias;
        }
        if (!n.hasKey(name)) {
            throw n.missing(field);
        }
        List<PriceLevel> levels = new ArrayList<>();
        JsonNode value = n.node().get(name);
        if (value.isNull()) {
            return levels;
        }
        JsonElements array = JsonElements.of(value, n.pathOf(name));
        for (int i = 0; i < array.size(); i++) {
            JsonFields level = array.object(i);
            levels.add(new PriceLevel(micros(level, "price"), micros(level, "size")));
        }
        levels.sort(bestFirst);
        return levels;
    }

    private static ParsedFrame priceChange(JsonFields n, RawFrame frame) {
        String market = n.requireText("market");
        long time = eventTime(n, frame);
        List<LevelUpdate> changes = new ArrayList<>();
        if (n.hasKey("price_changes")) {
            JsonElements array = n.requireArray("price_changes");
            for (int i = 0; i < array.size(); i++) {
                JsonFields change = array.object(i);
                changes.add(levelUpdate(tokenId(change, "asset_id"), change));
            }
        } else if (n.hasKey("changes")) {
            String asset = tokenId(n, "asset_id");
            JsonElements array = n.requireArray("changes");
            for (int i = 0; i < array.size(); i++) {
                changes.add(levelUpdate(asset, array.object(i)));
            }
        } else if (n.hasKey("price") || n.hasKey("size") || n.hasKey("side")) {
            changes.add(levelUpdate(tokenId(n, "asset_id"), n));
        } else {
            throw n.missing("price_changes");
        }
        if (changes.isEmpty()) {
            throw FieldRejection.malformed(n.path(), "price_change without any change");
        }
        BookDelta delta =
                BookDelta.newBuilder().setVenueMarketId(market).setChanges(changes).build();
        return messages(message(frame, time, delta));
    }

    private static LevelUpdate levelUpdate(String asset, JsonFields change) {
        String side = change.requireText("side");
        BookSide bookSide;
        if (side.equalsIgnoreCase("BUY")) {
            bookSide = BookSide.BID;
        } else if (side.equalsIgnoreCase("SELL")) {
            bookSide = BookSide.ASK;
        } else {
            throw change.malformed("side", "expected BUY or SELL, got '" + side + "'");
        }
        return new LevelUpdate(
                asset,
                bookSide,
                micros(change, "price"),
                micros(change, "size"),
                UpdateKind.ABSOLUTE);
    }

    private static ParsedFrame lastTradePrice(JsonFields n, RawFrame frame) {
        String market = n.requireText("market");
        String asset = tokenId(n, "asset_id");
        long price = micros(n, "price");
        long size = micros(n, "size");
        String side = n.requireText("side");
        TakerSide takerSide =
                side.equalsIgnoreCase("BUY")
                        ? TakerSide.BUY
                        : side.equalsIgnoreCase("SELL") ? TakerSide.SELL : TakerSide.UNKNOWN;
        String transaction = n.requireText("transaction_hash");
        long time = eventTime(n, frame);
        TradeReport trade =
                TradeReport.newBuilder()
                        .setVenueTradeId(
                                PolymarketFrameParser.tradeId(
                                        transaction, asset, takerSide, side, price, size))
                        .setVenueMarketId(market)
                        .setOutcomeId(asset)
                        .setPrice(price)
                        .setQuantity(size)
                        .setTakerSide(takerSide)
                        .build();
        return messages(message(frame, time, trade));
    }

    private static ParsedFrame marketResolved(JsonFields n, RawFrame frame) {
        String market = n.requireText("market");
        String winner = tokenId(n, "winning_asset_id");
        long time = eventTime(n, frame);
        Resolution resolution =
                Resolution.newBuilder()
                        .setVenueMarketId(market)
                        .setResolvedOutcomeId(winner)
                        .setPayouts(new ArrayList<>())
                        .setVenueStatus(PolymarketFrameParser.MARKET_RESOLVED_STATUS)
                        .setResolutionSource(PolymarketFrameParser.MARKET_RESOLVED_SOURCE)
                        .build();
        return messages(message(frame, time, resolution));
    }

    /**
     * The venue time of a message: {@code timestamp} (epoch ms, string of at most 18 digits or
     * integer), else receipt.
     */
    private static long eventTime(JsonFields n, RawFrame frame) {
        JsonNode v = n.optionalValue("timestamp");
        if (v == null || (v.isTextual() && v.textValue().isEmpty())) {
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
        throw n.malformed("timestamp", "expected epoch milliseconds, got " + describe(v));
    }

    private static ParsedFrame messages(VenueMessage message) {
        return new ParsedFrame.Messages(List.of(message));
    }
}
