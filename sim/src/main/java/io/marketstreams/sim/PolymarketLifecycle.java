package io.marketstreams.sim;

import io.marketstreams.connectors.polymarket.PolymarketFrames;
import java.util.List;

/**
 * The lifecycle of the Polymarket markets: which market plays which role, when each transition
 * happens, and its frames (Gamma market refreshes on {@value VenueSimulator#POLYMARKET_GAMMA}, the
 * WebSocket's {@code market_resolved} on the current connection).
 */
final class PolymarketLifecycle extends VenueLifecycle<PolymarketTraffic> {
    private static final String VENUE = PolymarketTraffic.VENUE;
    private static final long ONE = SimulatedPolymarketBook.ONE;

    PolymarketLifecycle(PolymarketTraffic traffic, LifecyclePlan plan) {
        super(traffic, plan);
    }

    /**
     * Polymarket roles: the first market of a seeded order is the one disputed market (proposed,
     * disputed, resolved the other way, all through Gamma), the second resolves midway through
     * Gamma, the third late through the WebSocket's {@code market_resolved}; the others resolve
     * with probability {@code resolveShare}, either way. Polymarket has no halt the parsers read (a
     * Gamma market is open or closed), so its only HALTED state is "closed, result pending".
     */
    void plan(List<SimulatedPolymarketMarket> markets, double resolveShare) {
        List<SimulatedPolymarketMarket> order = plan.shuffled(markets);
        int n = order.size();
        int[] resolve = new int[n]; // 0 none, 1 midway, 2 late
        boolean[] viaWebSocket = new boolean[n];
        resolve[0] = 1;
        if (resolve[1 % n] == 0) {
            resolve[1 % n] = 1;
        }
        if (resolve[2 % n] == 0) {
            resolve[2 % n] = 2;
            viaWebSocket[2 % n] = true;
        }
        for (int i = 3; i < n; i++) {
            resolve[i] = random.nextDouble() < resolveShare ? 1 + random.nextInt(2) : 0;
            viaWebSocket[i] = random.nextBoolean();
        }
        for (int i = 0; i < n; i++) {
            if (resolve[i] != 0) {
                planMarket(order.get(i), resolve[i], viaWebSocket[i], i == 0);
            }
        }
    }

    private void planMarket(
            SimulatedPolymarketMarket m, int resolve, boolean viaWebSocket, boolean disputed) {
        boolean proposedYes = random.nextBoolean();
        boolean finalYes = disputed ? !proposedYes : proposedYes;
        // In a negRisk event at most one candidate wins.
        if (m.event.negRisk && finalYes) {
            if (m.event.winnerChosen) {
                finalYes = false;
                proposedYes = disputed;
            } else {
                m.event.winnerChosen = true;
            }
        }
        boolean proposed = proposedYes;
        boolean outcome = finalYes;
        long close = resolve == 1 ? plan.at(0.4, 0.5) : plan.at(0.75, 0.82);
        long propose = close + 1 + plan.at(0.01, 0.03);
        plan.plan(close, () -> gamma(m, MarketState.OPEN, MarketState.CLOSED, null, null));
        plan.plan(
                propose,
                () -> gamma(m, MarketState.CLOSED, MarketState.RESOLVED, "proposed", proposed));
        long next = propose + 1 + plan.at(0.01, 0.03);
        if (disputed) {
            long resolved = next + 1 + plan.at(0.01, 0.03);
            plan.plan(next, () -> afterProposal(m, "disputed", proposed));
            plan.plan(resolved, () -> afterProposal(m, "resolved", outcome));
        } else if (viaWebSocket) {
            plan.plan(next, () -> marketResolved(m, outcome));
        } else {
            plan.plan(next, () -> afterProposal(m, "resolved", outcome));
        }
    }

    /** A Gamma refresh of a market whose resolution was proposed: disputed or resolved. */
    private void afterProposal(SimulatedPolymarketMarket m, String uma, boolean yesWins) {
        gamma(m, MarketState.RESOLVED, MarketState.RESOLVED, uma, yesWins);
    }

    /** Closes, proposes, disputes or resolves a market through a Gamma market refresh. */
    private void gamma(
            SimulatedPolymarketMarket m,
            MarketState from,
            MarketState to,
            String uma,
            Boolean yesWins) {
        MarketState.require(m.state, from, m.conditionId);
        m.state = to;
        List<Long> prices =
                yesWins == null ? null : List.of(yesWins ? ONE : 0L, yesWins ? 0L : ONE);
        out.emit(
                VENUE,
                VenueSimulator.POLYMARKET_GAMMA,
                PolymarketFrames.gammaMarket(m.gamma(true, uma, prices), m.event.id));
    }

    /** The final resolution through the WebSocket's {@code market_resolved}. */
    private void marketResolved(SimulatedPolymarketMarket m, boolean yesWins) {
        MarketState.require(m.state, MarketState.RESOLVED, m.conditionId);
        out.emit(
                VENUE,
                traffic.connectionId(),
                PolymarketFrames.marketResolved(
                        m.conditionId,
                        List.of(m.yesToken, m.noToken),
                        yesWins ? m.yesToken : m.noToken,
                        yesWins ? "Yes" : "No",
                        out.venueTime()));
    }
}
