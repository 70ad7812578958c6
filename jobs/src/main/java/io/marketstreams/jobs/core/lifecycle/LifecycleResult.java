package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;

/**
 * What the lifecycle decided for one catalog or lifecycle input: applied (with the records it
 * produced, any of which may be null), an exact repeat (dropped and counted), or rejected.
 *
 * @param disposition applied, duplicate or rejected
 * @param rejection why, when rejected
 * @param discovered the {@code markets.discovered} record
 * @param update the {@code markets.updated} patch
 * @param stateChange the {@code market.state.updated} record
 * @param resolution the {@code markets.resolved} record
 */
public record LifecycleResult(
        Disposition disposition,
        Rejection rejection,
        Market discovered,
        MarketUpdate update,
        MarketStateChange stateChange,
        MarketResolution resolution) {

    /** What happened to the input. */
    public enum Disposition {
        APPLIED,
        DUPLICATE,
        REJECTED
    }

    static LifecycleResult rejected(Rejection rejection) {
        return new LifecycleResult(Disposition.REJECTED, rejection, null, null, null, null);
    }

    static LifecycleResult duplicate() {
        return new LifecycleResult(Disposition.DUPLICATE, null, null, null, null, null);
    }

    /** Whether the input moved the market into RESOLVED. */
    public boolean resolvesMarket() {
        return stateChange != null && stateChange.getNewState() == MarketState.RESOLVED;
    }
}
