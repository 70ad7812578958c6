package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.polymarket.PolymarketFrames.dec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.polymarket.PolymarketFrames.GammaEvent;
import io.marketstreams.connectors.polymarket.PolymarketFrames.GammaMarket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bodies of {@link PolymarketFrames}' Gamma REST builders; each is documented at its public
 * entry there.
 */
final class PolymarketGammaFrames {

    private PolymarketGammaFrames() {}

    static String gammaEvent(GammaEvent event) {
        return StrictJson.text(eventNode(event));
    }

    static String gammaEvents(List<GammaEvent> events) {
        ArrayNode array = StrictJson.array();
        events.forEach(e -> array.add(eventNode(e)));
        return StrictJson.text(array);
    }

    static String gammaMarket(GammaMarket market, String eventId) {
        ObjectNode o = marketNode(market);
        ObjectNode event = o.putArray("events").addObject();
        event.put("id", eventId);
        return StrictJson.text(o);
    }

    private static ObjectNode eventNode(GammaEvent e) {
        ObjectNode o = StrictJson.object();
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
        ObjectNode o = StrictJson.object();
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
        ArrayNode a = StrictJson.array();
        values.forEach(a::add);
        return StrictJson.text(a);
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
}
