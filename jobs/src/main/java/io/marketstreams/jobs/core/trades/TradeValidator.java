package io.marketstreams.jobs.core.trades;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.TradeReport;
import java.util.Set;

/**
 * Checks one venue trade on its own: price within (0, 1] of the payout, positive quantity, a known
 * taker side and an outcome the market has.
 */
public final class TradeValidator {
    /** 1.000000 in micro-units: the full payout, the highest valid price. */
    public static final long MAX_PRICE = 1_000_000L;

    private TradeValidator() {}

    /**
     * The reason the trade is invalid, or {@code null} when it is valid.
     *
     * @param outcomes the outcome ids of the trade's market
     */
    public static Rejection validate(TradeReport trade, Set<String> outcomes) {
        if (trade.getPrice() <= 0 || trade.getPrice() > MAX_PRICE) {
            return new Rejection(
                    ReasonCode.PRICE_OUT_OF_RANGE,
                    "price " + trade.getPrice() + " micros outside (0, " + MAX_PRICE + "]");
        }
        if (trade.getQuantity() <= 0) {
            return new Rejection(
                    ReasonCode.INVALID_QUANTITY,
                    "quantity " + trade.getQuantity() + " micros is not positive");
        }
        if (trade.getTakerSide() != TakerSide.BUY && trade.getTakerSide() != TakerSide.SELL) {
            return new Rejection(
                    ReasonCode.UNKNOWN_TAKER_SIDE, "taker side " + trade.getTakerSide());
        }
        if (!outcomes.contains(trade.getOutcomeId())) {
            return new Rejection(
                    ReasonCode.UNKNOWN_OUTCOME,
                    "outcome '" + trade.getOutcomeId() + "' not in " + outcomes);
        }
        return null;
    }
}
