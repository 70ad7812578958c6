package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiFrames.bytes;
import static io.marketstreams.connectors.kalshi.KalshiFrames.levels;
import static io.marketstreams.connectors.kalshi.KalshiFrames.obj;
import static io.marketstreams.connectors.kalshi.KalshiFrames.required;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.kalshi.KalshiFrames.Event;
import io.marketstreams.connectors.kalshi.KalshiFrames.Level;
import io.marketstreams.connectors.kalshi.KalshiFrames.Market;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of {@link KalshiFrames}' REST v2 builders (markets, events, order books); each is
 * documented at its public entry there.
 */
final class KalshiRestFrames {

    private KalshiRestFrames() {}

    static byte[] restMarket(Market market) {
        ObjectNode root = obj();
        root.set("market", market(market));
        return bytes(root);
    }

    static byte[] restMarkets(List<Market> markets) {
        ObjectNode root = obj();
        ArrayNode array = root.putArray("markets");
        for (Market m : markets) {
            array.add(market(m));
        }
        root.put("cursor", "");
        return bytes(root);
    }

    static byte[] restEvent(Event event) {
        ObjectNode root = obj();
        root.set("event", event(event));
        return bytes(root);
    }

    static byte[] restOrderbook(String marketTicker, List<Level> yesBids, List<Level> noBids) {
        ObjectNode book = obj();
        book.set("yes_dollars", levels(yesBids));
        book.set("no_dollars", levels(noBids));
        ObjectNode root = obj();
        root.set("orderbook_fp", book);
        root.put("market_ticker", required(marketTicker, "marketTicker"));
        return bytes(root);
    }

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

    private static void putTime(ObjectNode node, String name, Long epochMillis) {
        if (epochMillis != null) {
            node.put(name, Instant.ofEpochMilli(epochMillis).toString());
        }
    }
}
