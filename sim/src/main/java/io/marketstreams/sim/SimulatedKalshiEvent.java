package io.marketstreams.sim;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import java.util.ArrayList;
import java.util.List;

/** A simulated Kalshi event and its markets, in catalog order. */
final class SimulatedKalshiEvent {
    final String ticker;
    final String series;
    final String title;
    final List<SimulatedKalshiMarket> markets = new ArrayList<>();

    SimulatedKalshiEvent(String ticker, String series, String title) {
        this.ticker = ticker;
        this.series = series;
        this.title = title;
    }

    /** The REST event body with its markets as they are now (their current REST status). */
    KalshiFrames.Event rest() {
        List<KalshiFrames.Market> rest = new ArrayList<>();
        markets.forEach(m -> rest.add(m.rest));
        return new KalshiFrames.Event(
                ticker,
                series,
                title,
                "Simulated",
                "Simulation",
                false,
                VenueSimulator.EPOCH_MS + 30 * SimulatedCatalog.DAY_MS,
                rest);
    }
}
