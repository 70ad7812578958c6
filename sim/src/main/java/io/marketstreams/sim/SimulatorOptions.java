package io.marketstreams.sim;

/**
 * What a {@link VenueSimulator} simulates. The defaults ({@link #defaults()}) give a small but
 * complete run: three events of three markets per venue, lifecycle on, a 1 % fault rate.
 *
 * @param eventsPerVenue events per venue (at least 1)
 * @param marketsPerEvent markets per event (at least 1); the first Polymarket event is a {@code
 *     negRisk} event and always has at least three
 * @param faultRate share of simulation steps that inject a fault, in [0, 1); 0 disables every fault
 *     (repeats, lost and swapped frames, malformed frames, bursts)
 * @param lifecycle whether markets go through their lifecycle (pre-open markets, halts, closes,
 *     resolutions, one dispute per venue); off, every market is open from the first frame to the
 *     last
 * @param lifecycleSteps the simulation steps over which the lifecycle plays out (at least 100):
 *     every planned transition happens before this step; a run shorter than this sees only part of
 *     it
 * @param bookWeight weight of book changes among the steps of a venue
 * @param tradeWeight weight of trades (each with the book change it causes)
 * @param tickerWeight weight of frames the job ignores: Kalshi {@code ticker}, Polymarket {@code
 *     best_bid_ask} and {@code tick_size_change}
 * @param errorWeight weight of Kalshi {@code error} replies that take a number on a book
 *     subscription
 * @param resolveShare share, in [0, 1], of the markets without a fixed role that close and resolve
 *     during the lifecycle (an event resolves when all its markets do)
 */
public record SimulatorOptions(
        int eventsPerVenue,
        int marketsPerEvent,
        double faultRate,
        boolean lifecycle,
        int lifecycleSteps,
        double bookWeight,
        double tradeWeight,
        double tickerWeight,
        double errorWeight,
        double resolveShare) {

    /** Validates the options. */
    public SimulatorOptions {
        if (eventsPerVenue < 1 || marketsPerEvent < 1) {
            throw new IllegalArgumentException("need at least one event and one market per event");
        }
        if (!(faultRate >= 0 && faultRate < 1)) {
            throw new IllegalArgumentException("faultRate must be in [0, 1): " + faultRate);
        }
        if (!(resolveShare >= 0 && resolveShare <= 1)) {
            throw new IllegalArgumentException("resolveShare must be in [0, 1]: " + resolveShare);
        }
        if (lifecycleSteps < 100) {
            throw new IllegalArgumentException("lifecycleSteps must be at least 100");
        }
        if (!(bookWeight >= 0 && tradeWeight >= 0 && tickerWeight >= 0 && errorWeight >= 0)
                || bookWeight + tradeWeight + tickerWeight + errorWeight <= 0) {
            throw new IllegalArgumentException("weights must be non-negative with a positive sum");
        }
    }

    /**
     * Three events of three markets per venue, a 1 % fault rate, lifecycle on over 2000 steps;
     * weights: book 70, trade 20, ticker 7, error 3; 30 % of the markets without a role resolve.
     */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(3, 3, 0.01, true, 2000, 70, 20, 7, 3, 0.3);
    }

    /** These options with another fault rate. */
    public SimulatorOptions withFaultRate(double newFaultRate) {
        return new SimulatorOptions(
                eventsPerVenue,
                marketsPerEvent,
                newFaultRate,
                lifecycle,
                lifecycleSteps,
                bookWeight,
                tradeWeight,
                tickerWeight,
                errorWeight,
                resolveShare);
    }

    /** These options with the lifecycle on or off. */
    public SimulatorOptions withLifecycle(boolean on) {
        return new SimulatorOptions(
                eventsPerVenue,
                marketsPerEvent,
                faultRate,
                on,
                lifecycleSteps,
                bookWeight,
                tradeWeight,
                tickerWeight,
                errorWeight,
                resolveShare);
    }

    /** These options with another catalog size. */
    public SimulatorOptions withCatalog(int events, int marketsEach) {
        return new SimulatorOptions(
                events,
                marketsEach,
                faultRate,
                lifecycle,
                lifecycleSteps,
                bookWeight,
                tradeWeight,
                tickerWeight,
                errorWeight,
                resolveShare);
    }

    /** These options with another lifecycle span. */
    public SimulatorOptions withLifecycleSteps(int steps) {
        return new SimulatorOptions(
                eventsPerVenue,
                marketsPerEvent,
                faultRate,
                lifecycle,
                steps,
                bookWeight,
                tradeWeight,
                tickerWeight,
                errorWeight,
                resolveShare);
    }

    /** These options with another share of resolving markets. */
    public SimulatorOptions withResolveShare(double share) {
        return new SimulatorOptions(
                eventsPerVenue,
                marketsPerEvent,
                faultRate,
                lifecycle,
                lifecycleSteps,
                bookWeight,
                tradeWeight,
                tickerWeight,
                errorWeight,
                share);
    }
}
