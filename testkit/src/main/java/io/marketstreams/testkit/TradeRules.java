package io.marketstreams.testkit;

import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.testkit.Violation.Rule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code trades.executed} rules of {@link OutputChecker}, over trades in topic order: trade_id
 * = venue_id:venue_trade_id and emitted once; market_id starts with venue_id:; price within (0,
 * 1000000]; quantity positive; taker side BUY or SELL; per market, trade_sequence runs 1, 2, 3, ...
 * without gap or repeat. (Trades of undiscovered markets and after resolution are {@link
 * LifecycleRules}.)
 */
public final class TradeRules {
    private TradeRules() {}

    /** Adds a violation for every broken rule. */
    public static void check(List<Trade> trades, Violations violations) {
        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (Trade t : trades) {
            String id = t.getTradeId();
            if (!ids.add(id)) {
                violations.add(Rule.TRADE_DUPLICATE, "trade " + id + " emitted again");
            }
            if (!id.equals(t.getVenueId() + ":" + t.getVenueTradeId())) {
                violations.add(Rule.TRADE_ID, "trade " + id + " id is not venue_id:venue_trade_id");
            }
            if (!t.getMarketId().startsWith(t.getVenueId() + ":")) {
                violations.add(Rule.TRADE_ID, "trade " + id + " market_id is not venue_id:...");
            }
            checkValues(t, violations);
            violations.expectNext(
                    Rule.TRADE_SEQUENCE,
                    "market " + t.getMarketId() + " trade_sequence",
                    t.getTradeSequence(),
                    lastSequence.getOrDefault(t.getMarketId(), 0L));
            lastSequence.put(t.getMarketId(), t.getTradeSequence());
        }
    }

    private static void checkValues(Trade t, Violations violations) {
        String id = t.getTradeId();
        if (t.getPrice() <= 0 || t.getPrice() > 1_000_000L) {
            violations.add(
                    Rule.TRADE_VALUE,
                    "trade " + id + " price " + t.getPrice() + " outside (0, 1000000]");
        }
        if (t.getQuantity() <= 0) {
            violations.add(
                    Rule.TRADE_VALUE,
                    "trade " + id + " quantity " + t.getQuantity() + " not positive");
        }
        if (t.getTakerSide() != TakerSide.BUY && t.getTakerSide() != TakerSide.SELL) {
            violations.add(Rule.TRADE_VALUE, "trade " + id + " taker side " + t.getTakerSide());
        }
    }
}
