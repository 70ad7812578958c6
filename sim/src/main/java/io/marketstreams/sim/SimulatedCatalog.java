package io.marketstreams.sim;

import io.marketstreams.schema.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The simulated catalog of both venues: per venue {@code eventsPerVenue} events of {@code
 * marketsPerEvent} markets (the first Polymarket event a negRisk event of at least three), each
 * market with its true book, seeded from the run's generator in catalog order.
 */
final class SimulatedCatalog {
    static final long DAY_MS = 86_400_000L;

    final List<SimulatedKalshiEvent> kalshiEvents = new ArrayList<>();
    final List<SimulatedKalshiMarket> kalshiMarkets = new ArrayList<>();
    final List<SimulatedPolymarketEvent> polymarketEvents = new ArrayList<>();
    final List<SimulatedPolymarketMarket> polymarketMarkets = new ArrayList<>();

    private SimulatedCatalog() {}

    /** Builds the catalog; draws the books from {@code random}, Kalshi's first. */
    static SimulatedCatalog build(long seed, SimulatorOptions options, SplittableRandom random) {
        SimulatedCatalog catalog = new SimulatedCatalog();
        catalog.buildKalshi(seed, options, random);
        catalog.buildPolymarket(seed, options, random);
        return catalog;
    }

    /** The Kalshi markets in a state, in catalog order. */
    List<SimulatedKalshiMarket> kalshi(Predicate<SimulatedKalshiMarket> which) {
        return kalshiMarkets.stream().filter(which).toList();
    }

    /** The Polymarket markets in a state, in catalog order. */
    List<SimulatedPolymarketMarket> polymarket(Predicate<SimulatedPolymarketMarket> which) {
        return polymarketMarkets.stream().filter(which).toList();
    }

    /** See {@link VenueSimulator#trueBooks()}. */
    Map<String, List<List<PriceLevel>>> trueBooks() {
        Map<String, List<List<PriceLevel>>> books = new TreeMap<>();
        for (SimulatedKalshiMarket m : kalshiMarkets) {
            if (m.everOpened) {
                books.put("kalshi:" + m.ticker + "|YES", m.book.canonical("YES"));
                books.put("kalshi:" + m.ticker + "|NO", m.book.canonical("NO"));
            }
        }
        for (SimulatedPolymarketMarket m : polymarketMarkets) {
            books.put("polymarket:" + m.conditionId + "|YES", m.book.token(true));
            books.put("polymarket:" + m.conditionId + "|NO", m.book.token(false));
        }
        return books;
    }

    private void buildKalshi(long seed, SimulatorOptions options, SplittableRandom random) {
        String series = "KXSIM";
        for (int e = 0; e < options.eventsPerVenue(); e++) {
            String eventTicker = String.format(Locale.ROOT, "%s-26JAN%02d", series, e + 1);
            SimulatedKalshiEvent event =
                    new SimulatedKalshiEvent(
                            eventTicker, series, "Simulated Kalshi event " + (e + 1));
            kalshiEvents.add(event);
            for (int i = 0; i < options.marketsPerEvent(); i++) {
                String ticker = eventTicker + "-T" + (i + 1);
                SimulatedKalshiMarket m =
                        new SimulatedKalshiMarket(
                                event,
                                ticker,
                                SimulatedIds.uuid(
                                        SimulatedIds.derived(seed, kalshiMarkets.size(), 5)),
                                "Will simulated quantity " + (e + 1) + "." + (i + 1) + " be above?",
                                SimulatedKalshiBook.seeded(random));
                event.markets.add(m);
                kalshiMarkets.add(m);
            }
        }
    }

    private void buildPolymarket(long seed, SimulatorOptions options, SplittableRandom random) {
        int index = 0;
        for (int e = 0; e < options.eventsPerVenue(); e++) {
            // The first event is a negRisk event: one binary market per candidate, at least 3.
            boolean negRisk = e == 0;
            int markets =
                    negRisk ? Math.max(3, options.marketsPerEvent()) : options.marketsPerEvent();
            String id = Long.toString(120_000 + e);
            SimulatedPolymarketEvent event =
                    new SimulatedPolymarketEvent(
                            id,
                            negRisk
                                    ? "Simulated race " + (e + 1) + ": who wins?"
                                    // Kalshi lists "Simulated Kalshi event N": the same
                                    // question, which the job's linking rules join.
                                    : "Simulated event " + (e + 1),
                            negRisk);
            polymarketEvents.add(event);
            for (int i = 0; i < markets; i++) {
                SimulatedPolymarketMarket m =
                        new SimulatedPolymarketMarket(
                                event,
                                SimulatedIds.conditionId(seed, index),
                                SimulatedIds.tokenId(seed, index, 0),
                                SimulatedIds.tokenId(seed, index, 1),
                                question(negRisk, e, i),
                                SimulatedPolymarketBook.seeded(random));
                index++;
                event.markets.add(m);
                polymarketMarkets.add(m);
            }
        }
    }

    private static String question(boolean negRisk, int event, int market) {
        return negRisk
                ? "Will candidate " + (market + 1) + " win simulated race " + (event + 1) + "?"
                : "Will simulated question " + (event + 1) + "." + (market + 1) + " resolve Yes?";
    }
}
