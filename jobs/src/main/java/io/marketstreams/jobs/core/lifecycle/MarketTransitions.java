package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.schema.MarketState;

/**
 * The transition table of the five market states (docs/contract.md, "Market lifecycle"): {@code
 * PRE_OPEN → OPEN}, {@code OPEN ⇄ HALTED}, {@code OPEN|HALTED → RESOLVED}, {@code RESOLVED →
 * DISPUTED}, {@code DISPUTED → RESOLVED}. {@code HALTED → HALTED} is allowed too: it changes only
 * the reason (a paused market whose trading then closes).
 */
public final class MarketTransitions {
    private MarketTransitions() {}

    /** Whether a market may move from one state to another. */
    public static boolean allowed(MarketState from, MarketState to) {
        return switch (from) {
            case PRE_OPEN -> to == MarketState.OPEN;
            case OPEN -> to == MarketState.HALTED || to == MarketState.RESOLVED;
            case HALTED ->
                    to == MarketState.OPEN
                            || to == MarketState.HALTED
                            || to == MarketState.RESOLVED;
            case RESOLVED -> to == MarketState.DISPUTED;
            case DISPUTED -> to == MarketState.RESOLVED;
        };
    }
}
