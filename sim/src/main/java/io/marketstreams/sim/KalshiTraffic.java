package io.marketstreams.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.kalshi.KalshiDecimals;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.TakerSide;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kalshi's WebSocket traffic of a run: connections with their subscriptions and numbering, book
 * changes, trades, ignored {@code ticker} frames, {@code error} replies and the Kalshi faults.
 * Lifecycle frames are {@link KalshiLifecycle}'s; they go out on the connection open here.
 */
final class KalshiTraffic extends VenueTraffic {
    static final String VENUE = "kalshi";

    private static final long ONE = SimulatedKalshiBook.ONE;
    private static final long TICK = SimulatedKalshiBook.TICK;
    private static final long CONTRACT = SimulatedKalshiBook.CONTRACT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Connection kalshi;

    KalshiTraffic(FrameStream out, SimulatedCatalog catalog, FaultCounts faults) {
        super(out, catalog, faults);
    }

    @Override
    String connectionId() {
        return kalshi.id;
    }

    /** The sid of the current connection's {@code market_lifecycle_v2} subscription. */
    long lifecycleSid() {
        return kalshi.lifecycleSid;
    }

    /**
     * A new connection, as the adapter opens after a gap (and at the start and end): one command
     * for {@code trade}, {@code market_lifecycle_v2} and {@code ticker} (three acks, three sids),
     * then one {@code orderbook_delta} command per event for its followed markets (one sid carrying
     * several markets), each ack followed by a snapshot per market.
     */
    @Override
    void connect() {
        kalshi = new Connection("kalshi-" + nextConnection());
        long id = kalshi.nextCommandId++;
        kalshi.tradeSid = kalshi.nextSid++;
        kalshi.lifecycleSid = kalshi.nextSid++;
        kalshi.tickerSid = kalshi.nextSid++;
        out.emit(VENUE, kalshi.id, KalshiFrames.subscribed(id, kalshi.tradeSid, "trade"));
        out.emit(
                VENUE,
                kalshi.id,
                KalshiFrames.subscribed(id, kalshi.lifecycleSid, "market_lifecycle_v2"));
        out.emit(VENUE, kalshi.id, KalshiFrames.subscribed(id, kalshi.tickerSid, "ticker"));
        for (SimulatedKalshiEvent e : catalog.kalshiEvents) {
            List<SimulatedKalshiMarket> followed = new ArrayList<>();
            for (SimulatedKalshiMarket m : e.markets) {
                if (m.state != MarketState.PRE_OPEN && m.state != MarketState.RESOLVED) {
                    followed.add(m);
                }
            }
            if (!followed.isEmpty()) {
                subscribeBooks(followed);
            }
        }
    }

    /** One {@code orderbook_delta} subscription of the markets: its ack, a snapshot per market. */
    void subscribeBooks(List<SimulatedKalshiMarket> markets) {
        out.advance(1);
        long id = kalshi.nextCommandId++;
        long sid = kalshi.nextSid++;
        out.emit(VENUE, kalshi.id, KalshiFrames.subscribed(id, sid, "orderbook_delta"));
        for (SimulatedKalshiMarket m : markets) {
            kalshi.bookSid.put(m.ticker, sid);
            long seq = kalshi.nextSeq(sid);
            lastBook(
                    out.emit(
                            VENUE,
                            kalshi.id,
                            KalshiFrames.orderbookSnapshot(
                                    sid, seq, m.ticker, m.book.levels("YES"), m.book.levels("NO"))),
                    m);
        }
    }

    /**
     * One step of ordinary traffic, by the roll against the weights: a book change, a trade, a
     * {@code ticker} frame or (beyond their sum) an {@code error} reply.
     */
    void step(double roll, double book, double trade, double ticker) {
        if (roll < book) {
            bookChange();
        } else if (roll < book + trade) {
            trade();
        } else if (roll < book + trade + ticker) {
            ticker();
        } else {
            error();
        }
    }

    /** Remembers the latest frame of a book subscription (what a repeat fault repeats). */
    private void lastBook(RawFrame frame, SimulatedKalshiMarket market) {
        kalshi.lastBookFrame = frame;
        kalshi.lastBookMarket = market;
    }

    private List<SimulatedKalshiMarket> books() {
        return catalog.kalshi(SimulatedKalshiMarket::followed);
    }

    private List<SimulatedKalshiMarket> booksOn(long sid) {
        List<SimulatedKalshiMarket> on = new ArrayList<>();
        for (SimulatedKalshiMarket m : books()) {
            if (kalshi.bookSid.get(m.ticker) == sid) {
                on.add(m);
            }
        }
        return on;
    }

    /** An {@code orderbook_delta} frame of a change already applied to the true book. */
    private RawFrame deltaFrame(SimulatedKalshiMarket m, SimulatedKalshiBook.Change c) {
        long sid = kalshi.bookSid.get(m.ticker);
        long seq = kalshi.nextSeq(sid);
        return out.frame(
                VENUE,
                kalshi.id,
                KalshiFrames.orderbookDelta(
                        sid, seq, m.ticker, c.outcome(), c.price(), c.delta(), out.venueTime()));
    }

    private void bookChange() {
        SimulatedKalshiMarket m = out.pick(books());
        if (m != null) {
            lastBook(out.enqueue(deltaFrame(m, m.book.randomChange(random))), m);
        }
    }

    /**
     * A trade against the best bid of one ladder, and the delta that takes its quantity off: a
     * taker buying YES (BUY) takes the best NO bid at YES price 1 − that bid; a taker selling YES
     * (SELL, i.e. buying NO) takes the best YES bid at its price.
     */
    private void trade() {
        SimulatedKalshiMarket m = out.pick(catalog.kalshi(k -> k.state == MarketState.OPEN));
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
        out.emit(
                VENUE,
                kalshi.id,
                KalshiFrames.trade(
                        kalshi.tradeSid,
                        null,
                        SimulatedIds.uuid(random),
                        m.ticker,
                        yesPrice,
                        count,
                        buyYes ? TakerSide.BUY : TakerSide.SELL,
                        out.venueTime()));
        m.lastPrice = yesPrice;
        m.volume += count;
        SimulatedKalshiBook.Change c = new SimulatedKalshiBook.Change(hit, price, -count);
        m.book.apply(c);
        lastBook(out.enqueue(deltaFrame(m, c)), m);
    }

    /** A {@code ticker} frame (the job ignores it) with the market's current top of book. */
    private void ticker() {
        SimulatedKalshiMarket m = out.pick(books());
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
                .put("ts", Math.floorDiv(out.venueTime(), 1000L))
                .put("ts_ms", out.venueTime());
        out.emit(VENUE, kalshi.id, bytes(root));
    }

    /**
     * An {@code error} reply to a command of the adapter ("already subscribed") that Kalshi numbers
     * on a book subscription: it takes a {@code seq}, so the next book frame's number is one higher
     * without anything being lost.
     */
    private void error() {
        List<Long> sids = new ArrayList<>(new TreeSet<>(kalshi.bookSid.values()));
        Long sid = out.pick(sids);
        if (sid == null) {
            return;
        }
        long seq = kalshi.nextSeq(sid);
        lastBook(
                out.emit(
                        VENUE,
                        kalshi.id,
                        KalshiFrames.error(
                                kalshi.nextCommandId++, sid, seq, 6, "Already subscribed")),
                null);
    }

    @Override
    void fault(Fault fault) {
        switch (fault) {
            case REPEAT -> repeat();
            case LOST -> lose();
            case SWAP -> swap();
            case MALFORMED -> {
                faults.malformed++;
                out.emit(VENUE, kalshi.id, out.malformedBytes(kalshi.lastBookFrame));
            }
            case BURST -> {
                // Many deltas read from the socket at once: one receive time.
                faults.bursts++;
                int n = 5 + random.nextInt(26);
                for (int i = 0; i < n; i++) {
                    bookChange();
                }
            }
        }
    }

    /** The same frame again (an at-least-once redelivery): same bytes, same seq. */
    private void repeat() {
        if (kalshi.lastBookFrame == null
                || (kalshi.lastBookMarket != null
                        && kalshi.lastBookMarket.state == MarketState.RESOLVED)) {
            bookChange();
            return;
        }
        faults.repeats++;
        out.emit(VENUE, kalshi.id, kalshi.lastBookFrame.payload());
    }

    /**
     * A book frame never arrives: its seq is used, its change is in the true book. The next frame
     * of the subscription shows the gap; the adapter writes it, then reconnects, and the new
     * connection's snapshots restate every book.
     */
    private void lose() {
        SimulatedKalshiMarket m = out.pick(books());
        if (m == null) {
            return;
        }
        faults.lost++;
        deltaFrame(m, m.book.randomChange(random));
        long sid = kalshi.bookSid.get(m.ticker);
        SimulatedKalshiMarket next = out.pick(booksOn(sid));
        out.enqueue(deltaFrame(next, next.book.randomChange(random)));
        connect();
    }

    /**
     * Two book frames in reverse order. Of two subscriptions: harmless, each keeps its order (no
     * reconnect). Of one subscription: the higher seq first is a gap to the adapter, which
     * reconnects right after; the job drops the lower one as a repeat and resyncs from the new
     * connection's snapshots.
     */
    private void swap() {
        SimulatedKalshiMarket first = out.pick(books());
        if (first == null) {
            return;
        }
        faults.swaps++;
        long sid = kalshi.bookSid.get(first.ticker);
        List<SimulatedKalshiMarket> others = new ArrayList<>();
        for (SimulatedKalshiMarket m : books()) {
            if (kalshi.bookSid.get(m.ticker) != sid) {
                others.add(m);
            }
        }
        boolean sameSubscription = others.isEmpty() || random.nextBoolean();
        SimulatedKalshiMarket second = sameSubscription ? out.pick(booksOn(sid)) : out.pick(others);
        RawFrame a = deltaFrame(first, first.book.randomChange(random));
        RawFrame b = deltaFrame(second, second.book.randomChange(random));
        out.enqueue(b);
        lastBook(out.enqueue(a), first);
        if (sameSubscription) {
            connect();
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Kalshi WebSocket connection: its command ids, sids and per-sid numbers. */
    private static final class Connection {
        final String id;
        long nextCommandId = 1;
        long nextSid = 1;
        long tradeSid;
        long lifecycleSid;
        long tickerSid;
        final Map<Long, Long> lastSeq = new HashMap<>();
        final Map<String, Long> bookSid = new LinkedHashMap<>();
        RawFrame lastBookFrame;
        SimulatedKalshiMarket lastBookMarket;

        Connection(String id) {
            this.id = id;
        }

        long nextSeq(long sid) {
            return lastSeq.merge(sid, 1L, Long::sum);
        }
    }
}
