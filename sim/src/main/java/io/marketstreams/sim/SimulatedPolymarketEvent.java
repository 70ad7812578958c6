package io.marketstreams.sim;

import io.marketstreams.connectors.polymarket.PolymarketFrames;
import java.util.ArrayList;
import java.util.List;

/** A simulated Polymarket (Gamma) event and its binary markets, in catalog order. */
final class SimulatedPolymarketEvent {
    final String id;
    final String title;
    final boolean negRisk;
    final List<SimulatedPolymarketMarket> markets = new ArrayList<>();

    /** In a negRisk event at most one candidate wins: whether the plan has chosen one. */
    boolean winnerChosen;

    SimulatedPolymarketEvent(String id, String title, boolean negRisk) {
        this.id = id;
        this.title = title;
        this.negRisk = negRisk;
    }

    /** The Gamma event body, its markets open. */
    PolymarketFrames.GammaEvent gamma() {
        List<PolymarketFrames.GammaMarket> gammaMarkets = new ArrayList<>();
        markets.forEach(m -> gammaMarkets.add(m.gamma(false, null, null)));
        return new PolymarketFrames.GammaEvent(
                id,
                title,
                "A simulated event.",
                "Simulation",
                List.of("Simulation"),
                VenueSimulator.EPOCH_MS - 7 * SimulatedCatalog.DAY_MS,
                VenueSimulator.EPOCH_MS + 30 * SimulatedCatalog.DAY_MS,
                "Simulated resolution source",
                negRisk,
                gammaMarkets);
    }
}
