package io.marketstreams.sim;

import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.schema.PriceLevel;
import java.util.List;

/**
 * A simulated Polymarket binary market: its two CLOB tokens, the true book (in YES terms), the tick
 * size last announced per token and its lifecycle state.
 */
final class SimulatedPolymarketMarket {
    private static final long TICK = SimulatedPolymarketBook.TICK;
    private static final long ONE = SimulatedPolymarketBook.ONE;

    final SimulatedPolymarketEvent event;
    final String conditionId;
    final String yesToken;
    final String noToken;
    final String question;
    final SimulatedPolymarketBook book;
    final long[] announcedTick = {TICK, TICK};
    MarketState state = MarketState.OPEN;

    SimulatedPolymarketMarket(
            SimulatedPolymarketEvent event,
            String conditionId,
            String yesToken,
            String noToken,
            String question,
            SimulatedPolymarketBook book) {
        this.event = event;
        this.conditionId = conditionId;
        this.yesToken = yesToken;
        this.noToken = noToken;
        this.question = question;
        this.book = book;
    }

    /** The {@code book} message of one token. */
    PolymarketFrames.Book bookOf(boolean yesToken, long timestampMs) {
        List<List<PriceLevel>> token = book.token(yesToken);
        return new PolymarketFrames.Book(
                conditionId,
                yesToken ? this.yesToken : noToken,
                timestampMs,
                token.get(0),
                token.get(1));
    }

    /**
     * The Gamma market; {@code outcomePrices} are the resolution's when given, else the YES mid (1
     * cent grid) and its complement, as Gamma shows trading prices.
     */
    PolymarketFrames.GammaMarket gamma(boolean closed, String uma, List<Long> prices) {
        if (prices == null) {
            long mid = (book.bestBid() + book.bestAsk()) / 2 / TICK * TICK;
            prices = List.of(mid, ONE - mid);
        }
        return new PolymarketFrames.GammaMarket(
                conditionId,
                question,
                "Resolves Yes if the simulation says so.",
                List.of("Yes", "No"),
                List.of(yesToken, noToken),
                prices,
                VenueSimulator.EPOCH_MS - 7 * SimulatedCatalog.DAY_MS,
                VenueSimulator.EPOCH_MS + 30 * SimulatedCatalog.DAY_MS,
                TICK,
                true,
                closed,
                uma,
                null);
    }
}
