package io.marketstreams.sim;

/** Where a simulated market is in its lifecycle; what each state allows on the feed. */
enum MarketState {
    PRE_OPEN,
    OPEN,
    /** Kalshi {@code deactivated}: no trades, book changes allowed. */
    HALTED,
    /** Trading closed, result pending: no trades. */
    CLOSED,
    /** A resolution was published: no more book or trade frames. */
    RESOLVED;

    /**
     * Checks that a planned transition finds the market where the plan left it.
     *
     * @throws IllegalStateException when the plan is inconsistent (a bug of the plan, not of input)
     */
    static void require(MarketState actual, MarketState expected, String market) {
        if (actual != expected) {
            throw new IllegalStateException(
                    market + ": lifecycle plan expected " + expected + ", is " + actual);
        }
    }
}
