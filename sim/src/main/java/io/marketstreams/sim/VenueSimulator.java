package io.marketstreams.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.kalshi.KalshiDecimals;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

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

    private static final String KALSHI = "kalshi";
    private static final String POLYMARKET = "polymarket";
    private static final long ONE = 1_000_000L;
    private static final long TICK = 10_000L;
    private static final long CONTRACT = 1_000_000L;
    private static final long DAY_MS = 86_400_000L;

    /** Venue times run this much behind receive times (constant, so they never go backwards). */
    private static final long VENUE_LATENCY_MS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private enum State {
        PRE_OPEN,
        OPEN,
        /** Kalshi {@code deactivated}: no trades, book changes allowed. */
        HALTED,
        /** Trading closed, result pending: no trades. */
        CLOSED,
        /** A resolution was published: no more book or trade frames. */
        RESOLVED
    }

    private enum Fault {
        REPEAT,
        LOST,
        SWAP,
        MALFORMED,
        BURST
    }

    private final long seed;
    private final SimulatorOptions options;
    private final SplittableRandom random;
    private final List<KalshiEvent> kalshiEvents = new ArrayList<>();
    private final List<KalshiMarket> kalshiMarkets = new ArrayList<>();
    private final List<PolyEvent> polyEvents = new ArrayList<>();
    private final List<PolyMarket> polyMarkets = new ArrayList<>();
    private final ArrayDeque<RawFrame> pending = new ArrayDeque<>();

    /** Lifecycle transitions by the step they happen at. */
    private final TreeMap<Long, List<Runnable>> schedule = new TreeMap<>();

    private long clockMs = EPOCH_MS;
    private long step;
    private boolean finished;
    private KalshiConnection kalshi;
    private PolyConnection poly;

    private long frames;
    private long repeats;
    private long lost;
    private long swaps;
    private long malformed;
    private long bursts;
    private int kalshiConnections;
    private int polyConnections;

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
        buildKalshiCatalog();
        buildPolymarketCatalog();
        if (options.lifecycle()) {
            planKalshiLifecycle();
            planPolymarketLifecycle();
        }
        for (KalshiEvent e : kalshiEvents) {
            List<KalshiFrames.Market> markets = new ArrayList<>();
            e.markets.forEach(m -> markets.add(m.rest));
            emit(KALSHI, KALSHI_REST, KalshiFrames.restEvent(e.rest(markets)));
            clockMs++;
        }
        for (PolyEvent e : polyEvents) {
            emit(POLYMARKET, POLYMARKET_GAMMA, PolymarketFrames.gammaEvent(e.gamma()));
            clockMs++;
        }
        connectKalshi();
        connectPolymarket();
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
        return clockMs;
    }

    /** Counts of frames and injected faults so far. */
    public SimulatorStats stats() {
        return new SimulatorStats(
                frames,
                repeats,
                lost,
                swaps,
                malformed,
                bursts,
                kalshiConnections,
                polyConnections);
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
        while (pending.isEmpty()) {
            step();
        }
        return pending.poll();
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
        clockMs += 1000;
        connectKalshi();
        clockMs += 1;
        connectPolymarket();
        List<RawFrame> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    /**
     * The true canonical books, keyed {@code market_id|outcome_id} ({@code kalshi:<ticker>|YES},
     * {@code polymarket:<conditionId>|NO}, …), each {@code [bids best first, asks best first]}.
     * Kalshi: YES asks = 1 − NO bids, NO asks = 1 − YES bids; Polymarket: each token's own book.
     * Markets that never opened (Kalshi {@code initialized}, not yet activated) have no book;
     * resolved markets keep the book they had when their first resolution was published.
     */
    public Map<String, List<List<PriceLevel>>> trueBooks() {
        Map<String, List<List<PriceLevel>>> books = new TreeMap<>();
        for (KalshiMarket m : kalshiMarkets) {
            if (m.everOpened) {
                books.put("kalshi:" + m.ticker + "|YES", m.book.canonical("YES"));
                books.put("kalshi:" + m.ticker + "|NO", m.book.canonical("NO"));
            }
        }
        for (PolyMarket m : polyMarkets) {
            books.put("polymarket:" + m.conditionId + "|YES", m.book.token(true));
            books.put("polymarket:" + m.conditionId + "|NO", m.book.token(false));
        }
        return books;
    }

    // ---------------------------------------------------------------- catalog

    private void buildKalshiCatalog() {
        String series = "KXSIM";
        for (int e = 0; e < options.eventsPerVenue(); e++) {
            String eventTicker = String.format(Locale.ROOT, "%s-26JAN%02d", series, e + 1);
            KalshiEvent event =
                    new KalshiEvent(eventTicker, series, "Simulated Kalshi event " + (e + 1));
            kalshiEvents.add(event);
            for (int i = 0; i < options.marketsPerEvent(); i++) {
                String ticker = eventTicker + "-T" + (i + 1);
                KalshiMarket m =
                        new KalshiMarket(
                                event,
                                ticker,
                                uuid(derived(kalshiMarkets.size(), 5)),
                                "Will simulated quantity " + (e + 1) + "." + (i + 1) + " be above?",
                                SimulatedKalshiBook.seeded(random));
                event.markets.add(m);
                kalshiMarkets.add(m);
            }
        }
    }

    private void buildPolymarketCatalog() {
        int index = 0;
        for (int e = 0; e < options.eventsPerVenue(); e++) {
            // The first event is a negRisk event: one binary market per candidate, at least 3.
            boolean negRisk = e == 0;
            int markets =
                    negRisk ? Math.max(3, options.marketsPerEvent()) : options.marketsPerEvent();
            String id = Long.toString(120_000 + e);
            PolyEvent event =
                    new PolyEvent(
                            id,
                            negRisk
                                    ? "Simulated race " + (e + 1) + ": who wins?"
                                    // Kalshi lists "Simulated Kalshi event N": the same
                                    // question, which the job's linking rules join.
                                    : "Simulated event " + (e + 1),
                            negRisk);
            polyEvents.add(event);
            for (int i = 0; i < markets; i++) {
                String question =
                        negRisk
                                ? "Will candidate "
                                        + (i + 1)
                                        + " win simulated race "
                                        + (e + 1)
                                        + "?"
                                : "Will simulated question "
                                        + (e + 1)
                                        + "."
                                        + (i + 1)
                                        + " resolve Yes?";
                PolyMarket m =
                        new PolyMarket(
                                event,
                                conditionId(index),
                                tokenId(index, 0),
                                tokenId(index, 1),
                                question,
                                SimulatedPolymarketBook.seeded(random));
                index++;
                event.markets.add(m);
                polyMarkets.add(m);
            }
        }
    }

    /**
     * A generator derived from the seed and a market index only, so ids do not depend on traffic.
     */
    private SplittableRandom derived(int index, int salt) {
        return new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
    }

    /** {@code 0x} and 64 hex digits, as Polymarket's condition ids. */
    private String conditionId(int index) {
        SplittableRandom r = derived(index, 7);
        return "0x" + hex(r, 4);
    }

    /** A CLOB token id: a uint256 in decimal, 77 digits here. */
    private String tokenId(int index, int outcome) {
        SplittableRandom r = derived(index, 11 + outcome);
        StringBuilder digits = new StringBuilder(77);
        digits.append((char) ('1' + r.nextInt(9)));
        while (digits.length() < 77) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        return digits.toString();
    }

    private static String hex(SplittableRandom r, int longs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < longs; i++) {
            s.append(String.format(Locale.ROOT, "%016x", r.nextLong()));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- lifecycle plan

    /** A step within the lifecycle span: a random fraction of it in [lo, hi). */
    private long at(double lo, double hi) {
        return (long) (options.lifecycleSteps() * (lo + random.nextDouble() * (hi - lo)));
    }

    private void plan(long atStep, Runnable action) {
        schedule.computeIfAbsent(atStep, k -> new ArrayList<>()).add(action);
    }

    /** Markets in a seeded order, so which market plays which role depends on the seed. */
    private <T> List<T> shuffled(List<T> list) {
        List<T> order = new ArrayList<>(list);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }

    /**
     * Kalshi roles, so that every transition appears at least once: the first market of a seeded
     * order is the one disputed market (closed midway), the second halts and resumes, the third
     * resolves late, the fourth starts {@code initialized}; the others take roles at random. With
     * fewer markets, roles combine on one market.
     */
    private void planKalshiLifecycle() {
        List<KalshiMarket> order = shuffled(kalshiMarkets);
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
            resolve[i] = random.nextDouble() < options.resolveShare() ? 1 + random.nextInt(2) : 0;
        }
        for (int i = 0; i < n; i++) {
            KalshiMarket m = order.get(i);
            long t = 0;
            if (initialized[i]) {
                m.state = State.PRE_OPEN;
                m.everOpened = false;
                m.rest = m.rest.withStatus("initialized");
                t = at(0.02, 0.12);
                plan(t, () -> kalshiActivate(m));
            }
            if (haltResume[i]) {
                long halt = Math.max(t + 1, at(0.15, 0.3));
                long resume = halt + 1 + at(0.03, 0.1);
                plan(halt, () -> kalshiLifecycle(m, "deactivated", State.OPEN, State.HALTED));
                plan(resume, () -> kalshiLifecycle(m, "activated", State.HALTED, State.OPEN));
                t = resume;
            }
            if (resolve[i] != 0) {
                long close = Math.max(t + 1, resolve[i] == 1 ? at(0.4, 0.5) : at(0.75, 0.82));
                long determine = close + 1 + at(0.01, 0.03);
                String result = random.nextBoolean() ? "yes" : "no";
                plan(close, () -> kalshiClose(m));
                plan(determine, () -> kalshiDetermine(m, result));
                if (i == 0) {
                    // The dispute flips the outcome: disputed (REST), amended with the other
                    // result (REST), then finalized (REST).
                    String amended = result.equals("yes") ? "no" : "yes";
                    long dispute = determine + 1 + at(0.01, 0.03);
                    long amend = dispute + 1 + at(0.01, 0.03);
                    long finalize = amend + 1 + at(0.01, 0.03);
                    plan(dispute, () -> kalshiRest(m, "disputed", result));
                    plan(amend, () -> kalshiRest(m, "amended", amended));
                    plan(finalize, () -> kalshiRest(m, "finalized", amended));
                } else {
                    long settle = determine + 1 + at(0.01, 0.03);
                    plan(settle, () -> kalshiSettle(m, result));
                }
            }
        }
    }

    /**
     * Polymarket roles: the first market of a seeded order is the one disputed market (proposed,
     * disputed, resolved the other way, all through Gamma), the second resolves midway through
     * Gamma, the third late through the WebSocket's {@code market_resolved}; the others resolve
     * with probability 0.3, either way. Polymarket has no halt the parsers read (a Gamma market is
     * open or closed), so its only HALTED state is "closed, result pending".
     */
    private void planPolymarketLifecycle() {
        List<PolyMarket> order = shuffled(polyMarkets);
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
            resolve[i] = random.nextDouble() < options.resolveShare() ? 1 + random.nextInt(2) : 0;
            viaWebSocket[i] = random.nextBoolean();
        }
        for (int i = 0; i < n; i++) {
            PolyMarket m = order.get(i);
            if (resolve[i] == 0) {
                continue;
            }
            boolean disputed = i == 0;
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
            long close = resolve[i] == 1 ? at(0.4, 0.5) : at(0.75, 0.82);
            long propose = close + 1 + at(0.01, 0.03);
            plan(close, () -> polyGamma(m, State.OPEN, State.CLOSED, null, null));
            plan(propose, () -> polyGamma(m, State.CLOSED, State.RESOLVED, "proposed", proposed));
            long next = propose + 1 + at(0.01, 0.03);
            if (disputed) {
                long resolved = next + 1 + at(0.01, 0.03);
                plan(
                        next,
                        () -> polyGamma(m, State.RESOLVED, State.RESOLVED, "disputed", proposed));
                plan(
                        resolved,
                        () -> polyGamma(m, State.RESOLVED, State.RESOLVED, "resolved", outcome));
            } else if (viaWebSocket[i]) {
                plan(next, () -> polyMarketResolved(m, outcome));
            } else {
                plan(next, () -> polyGamma(m, State.RESOLVED, State.RESOLVED, "resolved", outcome));
            }
        }
    }

    // ---------------------------------------------------------------- stepping

    private void step() {
        step++;
        clockMs += 1 + random.nextInt(20);
        while (!schedule.isEmpty() && schedule.firstKey() <= step) {
            for (Runnable transition : schedule.pollFirstEntry().getValue()) {
                clockMs += 1 + random.nextInt(5);
                transition.run();
            }
        }
        boolean kalshiVenue = random.nextBoolean();
        if (options.faultRate() > 0 && random.nextDouble() < options.faultRate()) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            if (kalshiVenue) {
                kalshiFault(fault);
            } else {
                polyFault(fault);
            }
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
            if (roll < book) {
                kalshiBookChange();
            } else if (roll < book + trade) {
                kalshiTrade();
            } else if (roll < book + trade + ticker) {
                kalshiTicker();
            } else {
                kalshiError();
            }
        } else {
            if (roll < book) {
                polyBookChange(1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0));
            } else if (roll < book + trade) {
                polyTrade(false);
            } else {
                polyIgnored();
            }
        }
    }

    private RawFrame frame(String venue, String connection, byte[] payload) {
        return new RawFrame(venue, connection, clockMs, payload);
    }

    private RawFrame enqueue(RawFrame frame) {
        pending.add(frame);
        frames++;
        return frame;
    }

    private RawFrame emit(String venue, String connection, byte[] payload) {
        return enqueue(frame(venue, connection, payload));
    }

    private RawFrame emit(String venue, String connection, String json) {
        return emit(venue, connection, json.getBytes(StandardCharsets.UTF_8));
    }

    private long venueTime() {
        return clockMs - VENUE_LATENCY_MS;
    }

    private <T> T pick(List<T> candidates) {
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    // ---------------------------------------------------------------- Kalshi

    /** A market whose book the current connection follows: opened and not resolved. */
    private List<KalshiMarket> kalshiBooks() {
        List<KalshiMarket> out = new ArrayList<>();
        for (KalshiMarket m : kalshiMarkets) {
            if (m.state == State.OPEN || m.state == State.HALTED || m.state == State.CLOSED) {
                out.add(m);
            }
        }
        return out;
    }

    private List<KalshiMarket> kalshiOpen() {
        List<KalshiMarket> out = new ArrayList<>();
        for (KalshiMarket m : kalshiMarkets) {
            if (m.state == State.OPEN) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * A new connection, as the adapter opens after a gap (and at the start and end): one command
     * for {@code trade}, {@code market_lifecycle_v2} and {@code ticker} (three acks, three sids),
     * then one {@code orderbook_delta} command per event for its followed markets (one sid carrying
     * several markets), each ack followed by a snapshot per market.
     */
    private void connectKalshi() {
        if (kalshiConnections > 0) {
            clockMs += 100 + random.nextInt(400); // reconnect backoff
        }
        kalshiConnections++;
        kalshi = new KalshiConnection("kalshi-" + kalshiConnections);
        long id = kalshi.nextCommandId++;
        kalshi.tradeSid = kalshi.nextSid++;
        kalshi.lifecycleSid = kalshi.nextSid++;
        kalshi.tickerSid = kalshi.nextSid++;
        emit(KALSHI, kalshi.id, KalshiFrames.subscribed(id, kalshi.tradeSid, "trade"));
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.subscribed(id, kalshi.lifecycleSid, "market_lifecycle_v2"));
        emit(KALSHI, kalshi.id, KalshiFrames.subscribed(id, kalshi.tickerSid, "ticker"));
        for (KalshiEvent e : kalshiEvents) {
            List<KalshiMarket> followed = new ArrayList<>();
            for (KalshiMarket m : e.markets) {
                if (m.state != State.PRE_OPEN && m.state != State.RESOLVED) {
                    followed.add(m);
                }
            }
            if (!followed.isEmpty()) {
                subscribeBooks(followed);
            }
        }
    }

    private void subscribeBooks(List<KalshiMarket> markets) {
        clockMs++;
        long id = kalshi.nextCommandId++;
        long sid = kalshi.nextSid++;
        emit(KALSHI, kalshi.id, KalshiFrames.subscribed(id, sid, "orderbook_delta"));
        for (KalshiMarket m : markets) {
            kalshi.bookSid.put(m.ticker, sid);
            long seq = kalshi.nextSeq(sid);
            lastBook(
                    emit(
                            KALSHI,
                            kalshi.id,
                            KalshiFrames.orderbookSnapshot(
                                    sid, seq, m.ticker, m.book.levels("YES"), m.book.levels("NO"))),
                    m);
        }
    }

    /** Remembers the latest frame of a book subscription (what a repeat fault repeats). */
    private void lastBook(RawFrame frame, KalshiMarket market) {
        kalshi.lastBookFrame = frame;
        kalshi.lastBookMarket = market;
    }

    /** An {@code orderbook_delta} frame of a change already applied to the true book. */
    private RawFrame kalshiDeltaFrame(KalshiMarket m, SimulatedKalshiBook.Change c) {
        long sid = kalshi.bookSid.get(m.ticker);
        long seq = kalshi.nextSeq(sid);
        return frame(
                KALSHI,
                kalshi.id,
                KalshiFrames.orderbookDelta(
                        sid, seq, m.ticker, c.outcome(), c.price(), c.delta(), venueTime()));
    }

    private void kalshiBookChange() {
        KalshiMarket m = pick(kalshiBooks());
        if (m != null) {
            lastBook(enqueue(kalshiDeltaFrame(m, m.book.randomChange(random))), m);
        }
    }

    /**
     * A trade against the best bid of one ladder, and the delta that takes its quantity off: a
     * taker buying YES (BUY) takes the best NO bid at YES price 1 − that bid; a taker selling YES
     * (SELL, i.e. buying NO) takes the best YES bid at its price.
     */
    private void kalshiTrade() {
        KalshiMarket m = pick(kalshiOpen());
        if (m == null) {
            return;
        }
        boolean buyYes = random.nextBoolean();
        String hit = buyYes ? "NO" : "YES";
        if (m.book.ladder(hit).isEmpty()) {
            buyYes = !buyYes;
            hit = buyYes ? "NO" : "YES";
            if (m.book.ladder(hit).isEmpty()) {
                return;
            }
        }
        long price = m.book.best(hit);
        long count = Math.min(m.book.ladder(hit).get(price), (1 + random.nextInt(50)) * CONTRACT);
        long yesPrice = buyYes ? ONE - price : price;
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.trade(
                        kalshi.tradeSid,
                        null,
                        uuid(),
                        m.ticker,
                        yesPrice,
                        count,
                        buyYes ? TakerSide.BUY : TakerSide.SELL,
                        venueTime()));
        m.lastPrice = yesPrice;
        m.volume += count;
        SimulatedKalshiBook.Change c = new SimulatedKalshiBook.Change(hit, price, -count);
        m.book.apply(c);
        lastBook(enqueue(kalshiDeltaFrame(m, c)), m);
    }

    /** A {@code ticker} frame (the job ignores it) with the market's current top of book. */
    private void kalshiTicker() {
        KalshiMarket m = pick(kalshiBooks());
        if (m == null) {
            return;
        }
        long yesBid = m.book.best("YES");
        long yesAsk = ONE - m.book.best("NO");
        ObjectNode root =
                JSON.createObjectNode().put("type", "ticker").put("sid", kalshi.tickerSid);
        ObjectNode msg = root.putObject("msg");
        msg.put("market_ticker", m.ticker)
                .put("market_id", m.marketId)
                .put("price_dollars", KalshiDecimals.microsToDollars(m.lastPrice))
                .put("yes_bid_dollars", KalshiDecimals.microsToDollars(yesBid))
                .put("yes_ask_dollars", KalshiDecimals.microsToDollars(yesAsk))
                .put("volume_fp", KalshiDecimals.microsToCount(m.volume))
                .put("open_interest_fp", KalshiDecimals.microsToCount(m.volume / 2 / TICK * TICK))
                .put("ts", Math.floorDiv(venueTime(), 1000L))
                .put("ts_ms", venueTime());
        emit(KALSHI, kalshi.id, bytes(root));
    }

    /**
     * An {@code error} reply to a command of the adapter ("already subscribed") that Kalshi numbers
     * on a book subscription: it takes a {@code seq}, so the next book frame's number is one higher
     * without anything being lost.
     */
    private void kalshiError() {
        List<Long> sids = new ArrayList<>(new TreeSet<>(kalshi.bookSid.values()));
        Long sid = pick(sids);
        if (sid == null) {
            return;
        }
        long seq = kalshi.nextSeq(sid);
        lastBook(
                emit(
                        KALSHI,
                        kalshi.id,
                        KalshiFrames.error(
                                kalshi.nextCommandId++, sid, seq, 6, "Already subscribed")),
                null);
    }

    private void kalshiFault(Fault fault) {
        switch (fault) {
            case REPEAT -> {
                // The same frame again (an at-least-once redelivery): same bytes, same seq.
                if (kalshi.lastBookFrame == null
                        || (kalshi.lastBookMarket != null
                                && kalshi.lastBookMarket.state == State.RESOLVED)) {
                    kalshiBookChange();
                    return;
                }
                repeats++;
                emit(KALSHI, kalshi.id, kalshi.lastBookFrame.payload());
            }
            case LOST -> {
                // A book frame never arrives: its seq is used, its change is in the true book.
                // The next frame of the subscription shows the gap; the adapter writes it, then
                // reconnects, and the new connection's snapshots restate every book.
                KalshiMarket m = pick(kalshiBooks());
                if (m == null) {
                    return;
                }
                lost++;
                kalshiDeltaFrame(m, m.book.randomChange(random));
                long sid = kalshi.bookSid.get(m.ticker);
                KalshiMarket next = pick(kalshiBooksOn(sid));
                enqueue(kalshiDeltaFrame(next, next.book.randomChange(random)));
                connectKalshi();
            }
            case SWAP -> kalshiSwap();
            case MALFORMED -> {
                malformed++;
                emit(KALSHI, kalshi.id, malformedBytes(kalshi.lastBookFrame));
            }
            case BURST -> {
                // Many deltas read from the socket at once: one receive time.
                bursts++;
                int n = 5 + random.nextInt(26);
                for (int i = 0; i < n; i++) {
                    kalshiBookChange();
                }
            }
        }
    }

    private List<KalshiMarket> kalshiBooksOn(long sid) {
        List<KalshiMarket> out = new ArrayList<>();
        for (KalshiMarket m : kalshiBooks()) {
            if (kalshi.bookSid.get(m.ticker) == sid) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Two book frames in reverse order. Of two subscriptions: harmless, each keeps its order (no
     * reconnect). Of one subscription: the higher seq first is a gap to the adapter, which
     * reconnects right after; the job drops the lower one as a repeat and resyncs from the new
     * connection's snapshots.
     */
    private void kalshiSwap() {
        KalshiMarket first = pick(kalshiBooks());
        if (first == null) {
            return;
        }
        swaps++;
        long sid = kalshi.bookSid.get(first.ticker);
        List<KalshiMarket> others = new ArrayList<>();
        for (KalshiMarket m : kalshiBooks()) {
            if (kalshi.bookSid.get(m.ticker) != sid) {
                others.add(m);
            }
        }
        boolean sameSubscription = others.isEmpty() || random.nextBoolean();
        KalshiMarket second = sameSubscription ? pick(kalshiBooksOn(sid)) : pick(others);
        RawFrame a = kalshiDeltaFrame(first, first.book.randomChange(random));
        RawFrame b = kalshiDeltaFrame(second, second.book.randomChange(random));
        enqueue(b);
        lastBook(enqueue(a), first);
        if (sameSubscription) {
            connectKalshi();
        }
    }

    private void kalshiActivate(KalshiMarket m) {
        requireState(m.state, State.PRE_OPEN, m.ticker);
        m.state = State.OPEN;
        m.everOpened = true;
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.marketLifecycle(kalshi.lifecycleSid, m.ticker, "activated"));
        // The adapter follows markets from their opening: a new subscription of its own.
        subscribeBooks(List.of(m));
    }

    private void kalshiLifecycle(KalshiMarket m, String eventType, State from, State to) {
        requireState(m.state, from, m.ticker);
        m.state = to;
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.marketLifecycle(kalshi.lifecycleSid, m.ticker, eventType));
    }

    /** Trading closes: a REST market refresh with status {@code closed}. */
    private void kalshiClose(KalshiMarket m) {
        requireState(m.state, State.OPEN, m.ticker);
        m.state = State.CLOSED;
        m.rest = m.rest.withStatus("closed");
        emit(KALSHI, KALSHI_REST, KalshiFrames.restMarket(m.rest));
    }

    private void kalshiDetermine(KalshiMarket m, String result) {
        requireState(m.state, State.CLOSED, m.ticker);
        m.state = State.RESOLVED;
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.marketResolved(
                        kalshi.lifecycleSid,
                        m.ticker,
                        "determined",
                        result,
                        settlement(result),
                        wholeSeconds(clockMs)));
    }

    private void kalshiSettle(KalshiMarket m, String result) {
        requireState(m.state, State.RESOLVED, m.ticker);
        m.rest = m.rest.withStatus("finalized").withResult(result, settlement(result));
        emit(
                KALSHI,
                kalshi.id,
                KalshiFrames.marketResolved(
                        kalshi.lifecycleSid,
                        m.ticker,
                        "settled",
                        result,
                        settlement(result),
                        wholeSeconds(clockMs)));
    }

    /** A REST market refresh with a status and result ({@code disputed}, {@code amended}, …). */
    private void kalshiRest(KalshiMarket m, String status, String result) {
        requireState(m.state, State.RESOLVED, m.ticker);
        m.rest = m.rest.withStatus(status).withResult(result, settlement(result));
        emit(KALSHI, KALSHI_REST, KalshiFrames.restMarket(m.rest));
    }

    private static Long settlement(String result) {
        return result.equals("yes") ? ONE : 0L;
    }

    private static long wholeSeconds(long ms) {
        return Math.floorDiv(ms, 1000L) * 1000L;
    }

    /** A version-4 UUID of the main generator (Kalshi trade ids). */
    private String uuid() {
        return uuid(random);
    }

    private static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // ---------------------------------------------------------------- Polymarket

    private List<PolyMarket> polyOpen() {
        List<PolyMarket> out = new ArrayList<>();
        for (PolyMarket m : polyMarkets) {
            if (m.state == State.OPEN) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * A new connection: the venue answers the subscription with one JSON array of {@code book}
     * messages, YES and NO token of every market not yet resolved.
     */
    private void connectPolymarket() {
        if (polyConnections > 0) {
            clockMs += 100 + random.nextInt(400);
        }
        polyConnections++;
        poly = new PolyConnection("polymarket-" + polyConnections);
        List<PolymarketFrames.Book> books = new ArrayList<>();
        for (PolyMarket m : polyMarkets) {
            if (m.state != State.RESOLVED) {
                books.add(m.bookOf(true, venueTime()));
                books.add(m.bookOf(false, venueTime()));
            }
        }
        if (!books.isEmpty()) {
            emit(POLYMARKET, poly.id, PolymarketFrames.books(books));
        }
    }

    /**
     * A {@code price_change} frame of changes already applied: per change one entry per token (the
     * NO token's at the complementary price on the other side), with each token's best bid and ask
     * after the message.
     */
    private RawFrame polyChangeFrame(PolyMarket m, List<SimulatedPolymarketBook.Change> changes) {
        List<PolymarketFrames.Change> entries = new ArrayList<>();
        long yesBid = m.book.bestBid();
        long yesAsk = m.book.bestAsk();
        for (SimulatedPolymarketBook.Change c : changes) {
            entries.add(
                    new PolymarketFrames.Change(
                            m.yesToken, c.side(), c.price(), c.size(), yesBid, yesAsk));
            SimulatedPolymarketBook.Change n = c.mirror();
            entries.add(
                    new PolymarketFrames.Change(
                            m.noToken, n.side(), n.price(), n.size(), ONE - yesAsk, ONE - yesBid));
        }
        return frame(
                POLYMARKET,
                poly.id,
                PolymarketFrames.priceChange(m.conditionId, venueTime(), entries)
                        .getBytes(StandardCharsets.UTF_8));
    }

    private RawFrame polyBookChangeFrame(PolyMarket m, int count) {
        List<SimulatedPolymarketBook.Change> changes = m.book.randomChanges(random, count);
        return changes.isEmpty() ? null : polyChangeFrame(m, changes);
    }

    private void polyBookChange(int count) {
        PolyMarket m = pick(polyOpen());
        if (m == null) {
            return;
        }
        RawFrame f = polyBookChangeFrame(m, count);
        if (f != null) {
            poly.lastChange = enqueue(f);
            poly.lastChangeMarket = m;
        }
    }

    /**
     * A taker fill at the best price of a token, and what it does to the book: mostly a {@code
     * price_change} of the level it took from (both tokens), sometimes a full {@code book} of each
     * token instead, as the venue sends after trades.
     *
     * @param swapped emit the book frame before the trade (a swap that changes nothing)
     * @return whether there was a trade (an open market with a level to take from)
     */
    private boolean polyTrade(boolean swapped) {
        PolyMarket m = pick(polyOpen());
        if (m == null) {
            return false;
        }
        boolean yesToken = random.nextBoolean();
        boolean buy = random.nextBoolean();
        // In the YES token's terms: buying YES or selling NO takes a YES ask; the others a bid.
        BookSide yesSide = yesToken == buy ? BookSide.ASK : BookSide.BID;
        if (m.book.side(yesSide).isEmpty()) {
            buy = !buy;
            yesSide = yesSide == BookSide.ASK ? BookSide.BID : BookSide.ASK;
            if (m.book.side(yesSide).isEmpty()) {
                return false;
            }
        }
        long yesPrice = m.book.side(yesSide).firstKey();
        long available = m.book.side(yesSide).get(yesPrice);
        long size =
                Math.min(
                        available,
                        (100 + random.nextInt(20_000)) * SimulatedPolymarketBook.SIZE_STEP);
        SimulatedPolymarketBook.Change change =
                new SimulatedPolymarketBook.Change(yesSide, yesPrice, available - size);
        m.book.apply(change);
        RawFrame trade =
                frame(
                        POLYMARKET,
                        poly.id,
                        PolymarketFrames.lastTradePrice(
                                        new PolymarketFrames.Trade(
                                                m.conditionId,
                                                yesToken ? m.yesToken : m.noToken,
                                                yesToken ? yesPrice : ONE - yesPrice,
                                                size,
                                                buy ? TakerSide.BUY : TakerSide.SELL,
                                                venueTime(),
                                                "0x" + hex(random, 4)))
                                .getBytes(StandardCharsets.UTF_8));
        List<RawFrame> book = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            book.add(polyBookFrame(m, true));
            book.add(polyBookFrame(m, false));
        } else {
            book.add(polyChangeFrame(m, List.of(change)));
        }
        if (swapped) {
            book.forEach(this::enqueue);
            enqueue(trade);
        } else {
            enqueue(trade);
            book.forEach(this::enqueue);
        }
        poly.lastChange = null; // a repeat must not undo this change later
        return true;
    }

    private RawFrame polyBookFrame(PolyMarket m, boolean yesToken) {
        return frame(
                POLYMARKET,
                poly.id,
                PolymarketFrames.book(m.bookOf(yesToken, venueTime()))
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code best_bid_ask} or {@code tick_size_change} (both ignored by the job). */
    private void polyIgnored() {
        List<PolyMarket> live = new ArrayList<>();
        for (PolyMarket m : polyMarkets) {
            if (m.state != State.RESOLVED) {
                live.add(m);
            }
        }
        PolyMarket m = pick(live);
        if (m == null) {
            return;
        }
        boolean yesToken = random.nextBoolean();
        String token = yesToken ? m.yesToken : m.noToken;
        if (random.nextInt(4) == 0) {
            // The simulator's prices stay on the 1-cent grid, which is on both announced grids.
            int t = yesToken ? 0 : 1;
            long old = m.announcedTick[t];
            long tick = old == TICK ? TICK / 10 : TICK;
            m.announcedTick[t] = tick;
            emit(
                    POLYMARKET,
                    poly.id,
                    PolymarketFrames.tickSizeChange(m.conditionId, token, old, tick, venueTime()));
        } else {
            long bid = yesToken ? m.book.bestBid() : ONE - m.book.bestAsk();
            long ask = yesToken ? m.book.bestAsk() : ONE - m.book.bestBid();
            emit(
                    POLYMARKET,
                    poly.id,
                    PolymarketFrames.bestBidAsk(m.conditionId, token, bid, ask, venueTime()));
        }
    }

    private void polyFault(Fault fault) {
        switch (fault) {
            case REPEAT -> {
                // The latest price_change again: absolute sizes make it a no-op.
                if (poly.lastChange == null || poly.lastChangeMarket.state != State.OPEN) {
                    polyBookChange(1);
                    return;
                }
                repeats++;
                emit(POLYMARKET, poly.id, poly.lastChange.payload());
            }
            case LOST -> {
                // The connection drops with a price_change in flight: the change is in the true
                // book but never arrives. Nothing in the feed reveals it (no sequence numbers);
                // the adapter reconnects, and the new connection's books restate every book.
                PolyMarket m = pick(polyOpen());
                if (m == null || m.book.randomChanges(random, 1).isEmpty()) {
                    return;
                }
                lost++;
                connectPolymarket();
            }
            case SWAP -> {
                // Two price_changes of two markets (or a trade and its book change) commute:
                // whichever order they are applied in, the books end the same.
                List<PolyMarket> open = polyOpen();
                if (open.size() < 2) {
                    if (polyTrade(true)) {
                        swaps++;
                    }
                    return;
                }
                PolyMarket a = pick(open);
                PolyMarket b = a;
                while (b == a) {
                    b = pick(open);
                }
                RawFrame first = polyBookChangeFrame(a, 1);
                RawFrame second = polyBookChangeFrame(b, 1);
                if (second != null) {
                    enqueue(second);
                }
                if (first != null) {
                    enqueue(first);
                }
                if (first != null && second != null) {
                    swaps++;
                }
                poly.lastChange = null;
            }
            case MALFORMED -> {
                malformed++;
                emit(POLYMARKET, poly.id, malformedBytes(poly.lastChange));
            }
            case BURST -> {
                bursts++;
                int n = 5 + random.nextInt(26);
                for (int i = 0; i < n; i++) {
                    polyBookChange(1);
                }
            }
        }
    }

    /** Closes, proposes, disputes or resolves a market through a Gamma market refresh. */
    private void polyGamma(PolyMarket m, State from, State to, String uma, Boolean yesWins) {
        requireState(m.state, from, m.conditionId);
        m.state = to;
        List<Long> prices =
                yesWins == null ? null : List.of(yesWins ? ONE : 0L, yesWins ? 0L : ONE);
        emit(
                POLYMARKET,
                POLYMARKET_GAMMA,
                PolymarketFrames.gammaMarket(m.gamma(true, uma, prices), m.event.id));
    }

    /** The final resolution through the WebSocket's {@code market_resolved}. */
    private void polyMarketResolved(PolyMarket m, boolean yesWins) {
        requireState(m.state, State.RESOLVED, m.conditionId);
        emit(
                POLYMARKET,
                poly.id,
                PolymarketFrames.marketResolved(
                        m.conditionId,
                        List.of(m.yesToken, m.noToken),
                        yesWins ? m.yesToken : m.noToken,
                        yesWins ? "Yes" : "No",
                        venueTime()));
    }

    // ---------------------------------------------------------------- shared

    /**
     * Garbage bytes (a leading 0xC0, which is never valid UTF-8, so no parser can read them as
     * anything) or a truncated copy of a recent frame (a JSON object without its end). Neither has
     * an envelope the job could read a {@code seq} from, so it takes no number.
     */
    private byte[] malformedBytes(RawFrame recent) {
        if (recent != null && random.nextBoolean()) {
            byte[] p = recent.payload();
            return Arrays.copyOf(p, 1 + random.nextInt(p.length - 1));
        }
        byte[] garbage = new byte[8 + random.nextInt(56)];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (1 + random.nextInt(255));
        }
        garbage[0] = (byte) 0xC0;
        return garbage;
    }

    private static void requireState(State actual, State expected, String market) {
        if (actual != expected) {
            throw new IllegalStateException(
                    market + ": lifecycle plan expected " + expected + ", is " + actual);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- model

    private static final class KalshiEvent {
        final String ticker;
        final String series;
        final String title;
        final List<KalshiMarket> markets = new ArrayList<>();

        KalshiEvent(String ticker, String series, String title) {
            this.ticker = ticker;
            this.series = series;
            this.title = title;
        }

        KalshiFrames.Event rest(List<KalshiFrames.Market> markets) {
            return new KalshiFrames.Event(
                    ticker,
                    series,
                    title,
                    "Simulated",
                    "Simulation",
                    false,
                    EPOCH_MS + 30 * DAY_MS,
                    markets);
        }
    }

    private static final class KalshiMarket {
        final KalshiEvent event;
        final String ticker;
        final String marketId;
        final SimulatedKalshiBook book;
        KalshiFrames.Market rest;
        State state = State.OPEN;
        boolean everOpened = true;
        long lastPrice = ONE / 2;
        long volume;

        KalshiMarket(
                KalshiEvent event,
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
                            .withTimes(EPOCH_MS - DAY_MS, EPOCH_MS + 30 * DAY_MS);
        }
    }

    /** One Kalshi WebSocket connection: its command ids, sids and per-sid numbers. */
    private static final class KalshiConnection {
        final String id;
        long nextCommandId = 1;
        long nextSid = 1;
        long tradeSid;
        long lifecycleSid;
        long tickerSid;
        final Map<Long, Long> lastSeq = new HashMap<>();
        final Map<String, Long> bookSid = new LinkedHashMap<>();
        RawFrame lastBookFrame;
        KalshiMarket lastBookMarket;

        KalshiConnection(String id) {
            this.id = id;
        }

        long nextSeq(long sid) {
            return lastSeq.merge(sid, 1L, Long::sum);
        }
    }

    private static final class PolyEvent {
        final String id;
        final String title;
        final boolean negRisk;
        final List<PolyMarket> markets = new ArrayList<>();
        boolean winnerChosen;

        PolyEvent(String id, String title, boolean negRisk) {
            this.id = id;
            this.title = title;
            this.negRisk = negRisk;
        }

        PolymarketFrames.GammaEvent gamma() {
            List<PolymarketFrames.GammaMarket> gammaMarkets = new ArrayList<>();
            markets.forEach(m -> gammaMarkets.add(m.gamma(false, null, null)));
            return new PolymarketFrames.GammaEvent(
                    id,
                    title,
                    "A simulated event.",
                    "Simulation",
                    List.of("Simulation"),
                    EPOCH_MS - 7 * DAY_MS,
                    EPOCH_MS + 30 * DAY_MS,
                    "Simulated resolution source",
                    negRisk,
                    gammaMarkets);
        }
    }

    private static final class PolyMarket {
        final PolyEvent event;
        final String conditionId;
        final String yesToken;
        final String noToken;
        final String question;
        final SimulatedPolymarketBook book;
        final long[] announcedTick = {TICK, TICK};
        State state = State.OPEN;

        PolyMarket(
                PolyEvent event,
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
         * The Gamma market; {@code outcomePrices} are the resolution's when given, else the YES mid
         * (1 cent grid) and its complement, as Gamma shows trading prices.
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
                    EPOCH_MS - 7 * DAY_MS,
                    EPOCH_MS + 30 * DAY_MS,
                    TICK,
                    true,
                    closed,
                    uma,
                    null);
        }
    }

    /** One Polymarket WebSocket connection. */
    private static final class PolyConnection {
        final String id;

        /** The latest price_change, while repeating it is harmless (nothing changed since). */
        RawFrame lastChange;

        PolyMarket lastChangeMarket;

        PolyConnection(String id) {
            this.id = id;
        }
    }
}
