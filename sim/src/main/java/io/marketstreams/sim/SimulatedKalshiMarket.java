package io.marketstreams.sim;

import io.marketstreams.connectors.kalshi.KalshiFrames;

/**
 * A simulated Kalshi market: its true book, its lifecycle state and the REST body the venue would
 * return for it now.
 */
final class SimulatedKalshiMarket {
    final SimulatedKalshiEvent event;
    final String ticker;
    final String marketId;
    final SimulatedKalshiBook book;
    KalshiFrames.Market rest;
    MarketState state = MarketState.OPEN;
    boolean everOpened = true;
    long lastPrice = SimulatedKalshiBook.ONE / 2;
    long volume;

    SimulatedKalshiMarket(
            SimulatedKalshiEvent event,
            String ticker,
            String marketId,
            String title,
            SimulatedKalshiBook book) {
        this.event = event;
        this.ticker = ticker;
        this.marketId = marketId;
        this.book = book;
        this.rest =
                KalshiFrames.Market.of(ticker, event.ticker, title, "active")
                        .withTimes(
                                VenueSimulator.EPOCH_MS - SimulatedCatalog.DAY_MS,
                                VenueSimulator.EPOCH_MS + 30 * SimulatedCatalog.DAY_MS);
    }

    /** Whether the current connection follows its book: opened and not resolved. */
    boolean followed() {
        return state == MarketState.OPEN
                || state == MarketState.HALTED
                || state == MarketState.CLOSED;
    }
}
