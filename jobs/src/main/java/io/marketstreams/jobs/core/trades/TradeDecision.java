package io.marketstreams.jobs.core.trades;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.Trade;

/** What {@link TradeTape} decided for one venue trade. */
public sealed interface TradeDecision {

    /** A new valid trade: emit it on trades.executed. */
    record Emit(Trade trade) implements TradeDecision {}

    /** Same venue trade id and same content as a remembered trade: drop it and count it. */
    record ExactDuplicate(String tradeId) implements TradeDecision {}

    /** Invalid, conflicting or too late: quarantine it. */
    record Reject(Rejection rejection) implements TradeDecision {}
}
