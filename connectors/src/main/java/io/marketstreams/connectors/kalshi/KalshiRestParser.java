package io.marketstreams.connectors.kalshi;

import static io.marketstreams.connectors.kalshi.KalshiMappings.first;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.JsonElements;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.kalshi.KalshiFrame.Sequence;
import io.marketstreams.connectors.kalshi.KalshiMappings.Verdict;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kalshi REST v2 response bodies (frames without a {@code type}): events with nested markets, event
 * and market pages, single markets, order books. Paths in rejections are from the body's root
 * ({@code event.markets[2].ticker}).
 */
final class KalshiRestParser {

    /** REST market statuses under which a market with a {@code result} also yields a Resolution. */
    private static final Set<String> RESOLVED_STATUSES =
            Set.of("determined", "amended", "finalized");

    private KalshiRestParser() {}

    /** A REST body, recognized by its top-level field. */
    static ParsedFrame parse(KalshiFrame frame, JsonFields root) {
        List<VenueMessage> out = new ArrayList<>();
        if (root.optionalValue("event") != null) {
            eventBody(frame, root, out);
            return new ParsedFrame.Messages(out);
        }
        JsonElements events = root.optionalArray("events");
        if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                event(frame, events.object(i), out, new HashSet<>());
            }
            return new ParsedFrame.Messages(out);
        }
        JsonFields market = root.optionalObject("market");
        if (market != null) {
            market(frame, market, null, out);
            return new ParsedFrame.Messages(out);
        }
        JsonElements markets = root.optionalArray("markets");
        if (markets != null) {
            for (int i = 0; i < markets.size(); i++) {
                market(frame, markets.object(i), null, out);
            }
            return new ParsedFrame.Messages(out);
        }
        JsonFields book = root.optionalObject("orderbook_fp");
        if (book == null) {
            book = root.optionalObject("orderbook");
        }
        if (book != null) {
            // A REST order book does not name its market: the adapter adds market_ticker.
            String ticker = root.requireText("market_ticker");
            BookSnapshot snapshot = new BookSnapshot(ticker, KalshiMappings.bidLadders(book));
            return one(frame.message(snapshot, frame.receiveTime(), Sequence.NONE));
        }
        return new ParsedFrame.Rejected(
                ReasonCode.UNKNOWN_MESSAGE,
                "no 'type' and no known REST body (event, events, market, markets, orderbook_fp,"
                        + " orderbook)");
    }

    /**
     * {@code GET /events/{ticker}}: the event, its nested markets, then the top-level {@code
     * markets} (of older responses) not already nested.
     */
    private static void eventBody(KalshiFrame frame, JsonFields root, List<VenueMessage> out) {
        JsonFields event = root.requireObject("event");
        Set<String> seen = new HashSet<>();
        event(frame, event, out, seen);
        JsonNode markets = root.optionalValue("markets");
        if (markets != null) {
            String eventTicker = event.requireText("event_ticker");
            JsonElements list = root.requireArray("markets");
            for (int i = 0; i < list.size(); i++) {
                JsonFields m = list.object(i);
                if (seen.add(m.requireText("ticker"))) {
                    market(frame, m, eventTicker, out);
                }
            }
        }
    }

    private static void event(
            KalshiFrame frame, JsonFields event, List<VenueMessage> out, Set<String> seen) {
        EventInfo info = KalshiMappings.eventInfo(event);
        out.add(frame.message(info, frame.receiveTime(), Sequence.NONE));
        JsonElements markets = event.optionalArray("markets");
        if (markets != null) {
            for (int i = 0; i < markets.size(); i++) {
                JsonFields m = markets.object(i);
                if (seen.add(m.requireText("ticker"))) {
                    market(frame, m, info.getVenueEventId(), out);
                }
            }
        }
    }

    /**
     * A REST market: its info, then a Resolution when its status is determined, amended or
     * finalized and it carries a result naming an outcome. Both take the market's {@code
     * updated_time} (else the receive time), so the resolution is never older than the info.
     */
    private static void market(
            KalshiFrame frame,
            JsonFields market,
            String parentEventTicker,
            List<VenueMessage> out) {
        String ticker = market.requireText("ticker");
        String eventTicker = first(market.optionalText("event_ticker"), parentEventTicker);
        if (eventTicker == null) {
            throw market.missing("event_ticker");
        }
        String status = market.optionalText("status");
        Long tick = KalshiMappings.tickSize(market.optionalText("price_level_structure"), market);
        MarketInfo info =
                KalshiMappings.marketInfo(
                        ticker,
                        eventTicker,
                        market.requireText("title"),
                        market.optionalText("subtitle"),
                        KalshiMappings.marketType(
                                market.optionalText("market_type"), market.pathOf("market_type")),
                        KalshiValues.epochMillis(market, "open_time"),
                        KalshiValues.epochMillis(market, "close_time"),
                        market.optionalText("rules_primary"),
                        tick,
                        status);
        Long updated = KalshiValues.epochMillis(market, "updated_time");
        long time = updated != null ? updated : frame.receiveTime();
        out.add(frame.message(info, time, Sequence.NONE));
        String result = market.optionalText("result");
        if (status != null && RESOLVED_STATUSES.contains(status) && result != null) {
            Verdict verdict =
                    KalshiMappings.verdict(
                            result,
                            settlementValue(market),
                            market.pathOf("result"),
                            market.pathOf("settlement_value_dollars"));
            if (verdict != null) {
                Resolution resolution =
                        new Resolution(
                                ticker,
                                verdict.outcome(),
                                verdict.payouts(),
                                status,
                                KalshiFrameParser.RESOLUTION_SOURCE);
                out.add(frame.message(resolution, time, Sequence.NONE));
            }
        }
    }

    /** {@code settlement_value_dollars}, else the legacy {@code settlement_value} (cents). */
    private static Long settlementValue(JsonFields market) {
        JsonNode dollars = market.optionalValue("settlement_value_dollars");
        if (dollars != null && !(dollars.isTextual() && dollars.textValue().isEmpty())) {
            return KalshiValues.dollars(dollars, market.pathOf("settlement_value_dollars"));
        }
        JsonNode cents = market.optionalValue("settlement_value");
        if (cents == null) {
            return null;
        }
        String path = market.pathOf("settlement_value");
        return cents.isIntegralNumber()
                ? KalshiValues.cents(cents, path)
                : KalshiValues.dollars(cents, path);
    }

    private static ParsedFrame one(VenueMessage message) {
        return new ParsedFrame.Messages(List.of(message));
    }
}
