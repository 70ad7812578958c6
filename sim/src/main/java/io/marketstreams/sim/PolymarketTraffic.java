package io.marketstreams.sim;

import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.TakerSide;
import java.util.ArrayList;
import java.util.List;

/**
 * Polymarket's CLOB market-channel traffic of a run: connections (each opening with every book),
 * {@code price_change}s, trades with the book frames they cause, the ignored {@code best_bid_ask}
 * and {@code tick_size_change} frames, and the Polymarket faults. Lifecycle frames are {@link
 * PolymarketLifecycle}'s.
 */
final class PolymarketTraffic extends VenueTraffic {
    static final String VENUE = "polymarket";

    private static final long ONE = SimulatedPolymarketBook.ONE;
    private static final long TICK = SimulatedPolymarketBook.TICK;

    private Connection poly;

    PolymarketTraffic(FrameStream out, SimulatedCatalog catalog, FaultCounts faults) {
        super(out, catalog, faults);
    }

    @Override
    String connectionId() {
        return poly.id;
    }

    /**
     * A new connection: the venue answers the subscription with one JSON array of {@code book}
     * messages, YES and NO token of every market not yet resolved.
     */
    @Override
    void connect() {
        poly = new Connection("polymarket-" + nextConnection());
        List<PolymarketFrames.Book> books = new ArrayList<>();
        for (SimulatedPolymarketMarket m : catalog.polymarketMarkets) {
            if (m.state != MarketState.RESOLVED) {
                books.add(m.bookOf(true, out.venueTime()));
                books.add(m.bookOf(false, out.venueTime()));
            }
        }
        if (!books.isEmpty()) {
            out.emit(VENUE, poly.id, PolymarketFrames.books(books));
        }
    }

    /**
     * One step of ordinary traffic, by the roll against the weights: a book change (sometimes of
     * several levels), a trade, or (beyond their sum) an ignored frame.
     */
    void step(double roll, double book, double trade) {
        if (roll < book) {
            bookChange(1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0));
        } else if (roll < book + trade) {
            trade(false);
        } else {
            ignored();
        }
    }

    private List<SimulatedPolymarketMarket> open() {
        return catalog.polymarket(m -> m.state == MarketState.OPEN);
    }

    /**
     * A {@code price_change} frame of changes already applied: per change one entry per token (the
     * NO token's at the complementary price on the other side), with each token's best bid and ask
     * after the message.
     */
    private RawFrame changeFrame(
            SimulatedPolymarketMarket m, List<SimulatedPolymarketBook.Change> changes) {
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
        return out.frame(
                VENUE,
                poly.id,
                PolymarketFrames.priceChange(m.conditionId, out.venueTime(), entries));
    }

    private RawFrame bookChangeFrame(SimulatedPolymarketMarket m, int count) {
        List<SimulatedPolymarketBook.Change> changes = m.book.randomChanges(random, count);
        return changes.isEmpty() ? null : changeFrame(m, changes);
    }

    private void bookChange(int count) {
        SimulatedPolymarketMarket m = out.pick(open());
        if (m == null) {
            return;
        }
        RawFrame f = bookChangeFrame(m, count);
        if (f != null) {
            poly.lastChange = out.enqueue(f);
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
    private boolean trade(boolean swapped) {
        SimulatedPolymarketMarket m = out.pick(open());
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
                out.frame(
                        VENUE,
                        poly.id,
                        PolymarketFrames.lastTradePrice(
                                new PolymarketFrames.Trade(
                                        m.conditionId,
                                        yesToken ? m.yesToken : m.noToken,
                                        yesToken ? yesPrice : ONE - yesPrice,
                                        size,
                                        buy ? TakerSide.BUY : TakerSide.SELL,
                                        out.venueTime(),
                                        "0x" + SimulatedIds.hex(random, 4))));
        List<RawFrame> book = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            book.add(bookFrame(m, true));
            book.add(bookFrame(m, false));
        } else {
            book.add(changeFrame(m, List.of(change)));
        }
        if (swapped) {
            book.forEach(out::enqueue);
            out.enqueue(trade);
        } else {
            out.enqueue(trade);
            book.forEach(out::enqueue);
        }
        poly.lastChange = null; // a repeat must not undo this change later
        return true;
    }

    private RawFrame bookFrame(SimulatedPolymarketMarket m, boolean yesToken) {
        return out.frame(
                VENUE, poly.id, PolymarketFrames.book(m.bookOf(yesToken, out.venueTime())));
    }

    /** {@code best_bid_ask} or {@code tick_size_change} (both ignored by the job). */
    private void ignored() {
        SimulatedPolymarketMarket m =
                out.pick(catalog.polymarket(p -> p.state != MarketState.RESOLVED));
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
            out.emit(
                    VENUE,
                    poly.id,
                    PolymarketFrames.tickSizeChange(
                            m.conditionId, token, old, tick, out.venueTime()));
        } else {
            long bid = yesToken ? m.book.bestBid() : ONE - m.book.bestAsk();
            long ask = yesToken ? m.book.bestAsk() : ONE - m.book.bestBid();
            out.emit(
                    VENUE,
                    poly.id,
                    PolymarketFrames.bestBidAsk(m.conditionId, token, bid, ask, out.venueTime()));
        }
    }

    @Override
    void fault(Fault fault) {
        switch (fault) {
            case REPEAT -> {
                // The latest price_change again: absolute sizes make it a no-op.
                if (poly.lastChange == null || poly.lastChangeMarket.state != MarketState.OPEN) {
                    bookChange(1);
                    return;
                }
                faults.repeats++;
                out.emit(VENUE, poly.id, poly.lastChange.payload());
            }
            case LOST -> {
                // The connection drops with a price_change in flight: the change is in the true
                // book but never arrives. Nothing in the feed reveals it (no sequence numbers);
                // the adapter reconnects, and the new connection's books restate every book.
                SimulatedPolymarketMarket m = out.pick(open());
                if (m == null || m.book.randomChanges(random, 1).isEmpty()) {
                    return;
                }
                faults.lost++;
                connect();
            }
            case SWAP -> swap();
            case MALFORMED -> {
                faults.malformed++;
                out.emit(VENUE, poly.id, out.malformedBytes(poly.lastChange));
            }
            case BURST -> {
                faults.bursts++;
                int n = 5 + random.nextInt(26);
                for (int i = 0; i < n; i++) {
                    bookChange(1);
                }
            }
        }
    }

    /**
     * Two price_changes of two markets (or a trade and its book change) commute: whichever order
     * they are applied in, the books end the same.
     */
    private void swap() {
        List<SimulatedPolymarketMarket> open = open();
        if (open.size() < 2) {
            if (trade(true)) {
                faults.swaps++;
            }
            return;
        }
        SimulatedPolymarketMarket a = out.pick(open);
        SimulatedPolymarketMarket b = a;
        while (b == a) {
            b = out.pick(open);
        }
        RawFrame first = bookChangeFrame(a, 1);
        RawFrame second = bookChangeFrame(b, 1);
        if (second != null) {
            out.enqueue(second);
        }
        if (first != null) {
            out.enqueue(first);
        }
        if (first != null && second != null) {
            faults.swaps++;
        }
        poly.lastChange = null;
    }

    /** One Polymarket WebSocket connection. */
    private static final class Connection {
        final String id;

        /** The latest price_change, while repeating it is harmless (nothing changed since). */
        RawFrame lastChange;

        SimulatedPolymarketMarket lastChangeMarket;

        Connection(String id) {
            this.id = id;
        }
    }
}
