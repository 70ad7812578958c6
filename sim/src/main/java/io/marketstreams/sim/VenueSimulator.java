package io.marketstreams.sim;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.PriceLevel;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic simulator of both venues that emits their <b>native</b> frames, as the
 * live adapters would record them in {@code raw.kalshi} and {@code raw.polymarket}: Kalshi REST
 * bodies and WebSocket v2 messages, Polymarket Gamma bodies and CLOB market-channel messages. It
 * keeps the true books of every market, so that a consumer of the frames (the canonical job, or a
 * test) can be checked against {@link #trueBooks()} once {@link #finish()} has restated every book.
 *
 * <p>Same seed and options, same frames, byte for byte: all randomness comes from one {@link
 * SplittableRandom} of the seed (token and condition ids from generators derived from the seed and
 * the market index), and receive times from a simulated clock starting at {@link #EPOCH_MS}; the
 * wall clock is never read.
 *
 * <p>Order of the frames: the catalog (a Kalshi REST event per event on {@value #KALSHI_REST}, a
 * Gamma event per event on {@value #POLYMARKET_GAMMA}); the first Kalshi connection ({@code
 * kalshi-1}: {@code subscribed} acks, then per book subscription its {@code orderbook_snapshot}s)
 * and the first Polymarket connection ({@code polymarket-1}: one {@code book} array); then traffic,
 * a step at a time: due lifecycle transitions, then either a fault (at {@code faultRate}) or one
 * book change, trade, ignored frame or Kalshi {@code error} reply of a random venue. What exactly
 * is emitted, and how faults and reconnects work: docs/venues/simulator.md.
 */
public final class VenueSimulator {
    /** Start of the simulated clock: 2026-01-01T00:00:00Z. */
    public static final long EPOCH_MS = 1_767_225_600_000L;

    /** Connection id of every Kalshi REST body. */
    public static final String KALSHI_REST = "kalshi-rest-1";

    /** Connection id of every Polymarket Gamma body. */
    public static final String POLYMARKET_GAMMA = "polymarket-gamma-1";

    private final long seed;
    private final SimulatorOptions options;
    private final SplittableRandom random;
    private final SimulatedCatalog catalog;
    private final FrameStream out;
    private final FaultCounts faults = new FaultCounts();
    private final KalshiTraffic kalshi;
    private final PolymarketTraffic polymarket;
    private final LifecyclePlan lifecycle;

    private long step;
    private boolean finished;

    /**
     * Creates the simulator and queues the catalog and the first connection of each venue.
     *
     * @param seed the seed of everything random
     * @param options what to simulate
     */
    public VenueSimulator(long seed, SimulatorOptions options) {
        this.seed = seed;
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.catalog = SimulatedCatalog.build(seed, options, random);
        this.out = new FrameStream(random, EPOCH_MS);
        this.kalshi = new KalshiTraffic(out, catalog, faults);
        this.polymarket = new PolymarketTraffic(out, catalog, faults);
        this.lifecycle = new LifecyclePlan(random, options.lifecycleSteps());
        if (options.lifecycle()) {
            new KalshiLifecycle(kalshi, lifecycle)
                    .plan(catalog.kalshiMarkets, options.resolveShare());
            new PolymarketLifecycle(polymarket, lifecycle)
                    .plan(catalog.polymarketMarkets, options.resolveShare());
        }
        // After the plan: a market that starts initialized is listed so.
        for (SimulatedKalshiEvent e : catalog.kalshiEvents) {
            out.emit(KalshiTraffic.VENUE, KALSHI_REST, KalshiFrames.restEvent(e.rest()));
            out.advance(1);
        }
        for (SimulatedPolymarketEvent e : catalog.polymarketEvents) {
            out.emit(
                    PolymarketTraffic.VENUE,
                    POLYMARKET_GAMMA,
                    PolymarketFrames.gammaEvent(e.gamma()));
            out.advance(1);
        }
        kalshi.connect();
        polymarket.connect();
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The options. */
    public SimulatorOptions options() {
        return options;
    }

    /**
     * The simulated clock: the receive time of the latest frame generated (frames may still be
     * queued for {@link #next()}), epoch milliseconds.
     */
    public long clockMs() {
        return out.clockMs();
    }

    /** Counts of frames and injected faults so far. */
    public SimulatorStats stats() {
        return new SimulatorStats(
                out.frames(),
                faults.repeats,
                faults.lost,
                faults.swaps,
                faults.malformed,
                faults.bursts,
                kalshi.connections(),
                polymarket.connections());
    }

    /**
     * The next frame, of either venue.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public RawFrame next() {
        if (finished) {
            throw new IllegalStateException("the run is finished");
        }
        while (out.isEmpty()) {
            step();
        }
        return out.poll();
    }

    /**
     * Ends the run: the frames still queued, then a reconnect of each venue that restates every
     * book of a market that is open, halted or closed (Kalshi: new connection, {@code subscribed}
     * acks and an {@code orderbook_snapshot} per market; Polymarket: new connection and one {@code
     * book} array). After these frames the canonical books equal {@link #trueBooks()}.
     *
     * @throws IllegalStateException when called twice
     */
    public List<RawFrame> finish() {
        if (finished) {
            throw new IllegalStateException("the run is finished");
        }
        finished = true;
        out.advance(1000);
        kalshi.connect();
        out.advance(1);
        polymarket.connect();
        return out.drain();
    }

    /**
     * The true canonical books, keyed {@code market_id|outcome_id} ({@code kalshi:<ticker>|YES},
     * {@code polymarket:<conditionId>|NO}, …), each {@code [bids best first, asks best first]}.
     * Kalshi: YES asks = 1 − NO bids, NO asks = 1 − YES bids; Polymarket: each token's own book.
     * Markets that never opened (Kalshi {@code initialized}, not yet activated) have no book;
     * resolved markets keep the book they had when their first resolution was published.
     */
    public Map<String, List<List<PriceLevel>>> trueBooks() {
        return catalog.trueBooks();
    }

    /**
     * One simulation step: due lifecycle transitions, then either a fault (at {@code faultRate}) or
     * one frame of ordinary traffic of a random venue, chosen by the options' weights.
     */
    private void step() {
        step++;
        out.advance(1 + random.nextInt(20));
        lifecycle.playDue(step, out);
        boolean kalshiVenue = random.nextBoolean();
        if (options.faultRate() > 0 && random.nextDouble() < options.faultRate()) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            (kalshiVenue ? kalshi : polymarket).fault(fault);
            return;
        }
        double book = options.bookWeight();
        double trade = options.tradeWeight();
        double ticker = options.tickerWeight();
        double error = kalshiVenue ? options.errorWeight() : 0;
        double total = book + trade + ticker + error;
        if (total <= 0) {
            // Only Kalshi error replies are weighted: Polymarket has none, so it changes books.
            total = book = 1;
        }
        double roll = random.nextDouble() * total;
        if (kalshiVenue) {
            kalshi.step(roll, book, trade, ticker);
        } else {
            polymarket.step(roll, book, trade);
        }
    }
}
