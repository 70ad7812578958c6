package io.marketstreams.sim;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import java.util.List;

/**
 * The lifecycle of the Kalshi markets: which market plays which role, when each transition happens,
 * and the frames of each transition (WebSocket {@code market_lifecycle_v2} on the current
 * connection, REST market refreshes on {@value VenueSimulator#KALSHI_REST}).
 */
final class KalshiLifecycle extends VenueLifecycle<KalshiTraffic> {
    private static final String VENUE = KalshiTraffic.VENUE;
    private static final long ONE = SimulatedKalshiBook.ONE;

    KalshiLifecycle(KalshiTraffic traffic, LifecyclePlan plan) {
        super(traffic, plan);
    }

    /**
     * Kalshi roles, so that every transition appears at least once: the first market of a seeded
     * order is the one disputed market (closed midway), the second halts and resumes, the third
     * resolves late, the fourth starts {@code initialized}; the others take roles at random. With
     * fewer markets, roles combine on one market.
     */
    void plan(List<SimulatedKalshiMarket> markets, double resolveShare) {
        List<SimulatedKalshiMarket> order = plan.shuffled(markets);
        int n = order.size();
        boolean[] initialized = new boolean[n];
        boolean[] haltResume = new boolean[n];
        int[] resolve = new int[n]; // 0 none, 1 midway, 2 late
        resolve[0] = 1;
        haltResume[1 % n] = true;
        if (resolve[2 % n] == 0) {
            resolve[2 % n] = 2;
        }
        initialized[3 % n] = true;
        for (int i = 4; i < n; i++) {
            haltResume[i] = random.nextInt(10) < 3;
            initialized[i] = random.nextInt(10) < 2;
            resolve[i] = random.nextDouble() < resolveShare ? 1 + random.nextInt(2) : 0;
        }
        for (int i = 0; i < n; i++) {
            planMarket(order.get(i), initialized[i], haltResume[i], resolve[i], i == 0);
        }
    }

    private void planMarket(
            SimulatedKalshiMarket m,
            boolean initialized,
            boolean haltResume,
            int resolve,
            boolean disputed) {
        long t = 0;
        if (initialized) {
            m.state = MarketState.PRE_OPEN;
            m.everOpened = false;
            m.rest = m.rest.withStatus("initialized");
            t = plan.at(0.02, 0.12);
            plan.plan(t, () -> activate(m));
        }
        if (haltResume) {
            long halt = Math.max(t + 1, plan.at(0.15, 0.3));
            long resume = halt + 1 + plan.at(0.03, 0.1);
            plan.plan(
                    halt, () -> lifecycle(m, "deactivated", MarketState.OPEN, MarketState.HALTED));
            plan.plan(
                    resume, () -> lifecycle(m, "activated", MarketState.HALTED, MarketState.OPEN));
            t = resume;
        }
        if (resolve != 0) {
            long close = Math.max(t + 1, resolve == 1 ? plan.at(0.4, 0.5) : plan.at(0.75, 0.82));
            long determine = close + 1 + plan.at(0.01, 0.03);
            String result = random.nextBoolean() ? "yes" : "no";
            plan.plan(close, () -> close(m));
            plan.plan(determine, () -> determine(m, result));
            if (disputed) {
                // The dispute flips the outcome: disputed (REST), amended with the other
                // result (REST), then finalized (REST).
                String amended = result.equals("yes") ? "no" : "yes";
                long dispute = determine + 1 + plan.at(0.01, 0.03);
                long amend = dispute + 1 + plan.at(0.01, 0.03);
                long finalize = amend + 1 + plan.at(0.01, 0.03);
                plan.plan(dispute, () -> rest(m, "disputed", result));
                plan.plan(amend, () -> rest(m, "amended", amended));
                plan.plan(finalize, () -> rest(m, "finalized", amended));
            } else {
                long settle = determine + 1 + plan.at(0.01, 0.03);
                plan.plan(settle, () -> settle(m, result));
            }
        }
    }

    private void activate(SimulatedKalshiMarket m) {
        MarketState.require(m.state, MarketState.PRE_OPEN, m.ticker);
        m.state = MarketState.OPEN;
        m.everOpened = true;
        out.emit(
                VENUE,
                traffic.connectionId(),
                KalshiFrames.marketLifecycle(traffic.lifecycleSid(), m.ticker, "activated"));
        // The adapter follows markets from their opening: a new subscription of its own.
        traffic.subscribeBooks(List.of(m));
    }

    private void lifecycle(
            SimulatedKalshiMarket m, String eventType, MarketState from, MarketState to) {
        MarketState.require(m.state, from, m.ticker);
        m.state = to;
        out.emit(
                VENUE,
                traffic.connectionId(),
                KalshiFrames.marketLifecycle(traffic.lifecycleSid(), m.ticker, eventType));
    }

    /** Trading closes: a REST market refresh with status {@code closed}. */
    private void close(SimulatedKalshiMarket m) {
        MarketState.require(m.state, MarketState.OPEN, m.ticker);
        m.state = MarketState.CLOSED;
        m.rest = m.rest.withStatus("closed");
        out.emit(VENUE, VenueSimulator.KALSHI_REST, KalshiFrames.restMarket(m.rest));
    }

    private void determine(SimulatedKalshiMarket m, String result) {
        MarketState.require(m.state, MarketState.CLOSED, m.ticker);
        m.state = MarketState.RESOLVED;
        resolved(m, "determined", result);
    }

    private void settle(SimulatedKalshiMarket m, String result) {
        MarketState.require(m.state, MarketState.RESOLVED, m.ticker);
        m.rest = m.rest.withStatus("finalized").withResult(result, settlement(result));
        resolved(m, "settled", result);
    }

    private void resolved(SimulatedKalshiMarket m, String eventType, String result) {
        out.emit(
                VENUE,
                traffic.connectionId(),
                KalshiFrames.marketResolved(
                        traffic.lifecycleSid(),
                        m.ticker,
                        eventType,
                        result,
                        settlement(result),
                        wholeSeconds(out.clockMs())));
    }

    /** A REST market refresh with a status and result ({@code disputed}, {@code amended}, …). */
    private void rest(SimulatedKalshiMarket m, String status, String result) {
        MarketState.require(m.state, MarketState.RESOLVED, m.ticker);
        m.rest = m.rest.withStatus(status).withResult(result, settlement(result));
        out.emit(VENUE, VenueSimulator.KALSHI_REST, KalshiFrames.restMarket(m.rest));
    }

    private static Long settlement(String result) {
        return result.equals("yes") ? ONE : 0L;
    }

    private static long wholeSeconds(long ms) {
        return Math.floorDiv(ms, 1000L) * 1000L;
    }
}
