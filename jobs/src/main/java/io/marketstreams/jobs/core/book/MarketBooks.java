package io.marketstreams.jobs.core.book;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The canonical order books of one market: validates venue ordering, applies each venue book
 * message atomically to the (market, outcome) books it touches, and emits {@code orders.snapshot}
 * and {@code orders.delta} records on one contiguous canonical sequence per book.
 *
 * <p>Rules (docs/contract.md, "Order books"):
 *
 * <ul>
 *   <li>Sequenced venues: per market, the venue sequence must run contiguously within one venue
 *       stream. A repeated or older sequence is a duplicate (dropped, counted). A jump, or a delta
 *       from a new stream without a snapshot, is a gap: the message is quarantined as SEQUENCE_GAP
 *       and every live book of the market turns RESYNCING.
 *   <li>Unsequenced venues: a message older (venue time) than the last venue snapshot of a live
 *       book it touches is STALE.
 *   <li>A message whose result would be invalid (price outside (0, 1], negative size, crossed book,
 *       too many levels) is rejected whole, and the live books it touches turn RESYNCING: they
 *       missed a venue update.
 *   <li>RESYNCING books emit nothing until a venue snapshot, which becomes a canonical RESYNC
 *       snapshot. A venue snapshot of a live book is applied as a delta of the differences.
 *   <li>Every record consumes the next sequence number of its book (a CLOSED snapshot too) except
 *       PERIODIC snapshots, which restate the book at the current number.
 * </ul>
 */
public final class MarketBooks {
    private final BookLimits limits;
    private final int snapshotEvery;

    /**
     * @param maxLevelsPerSide the most levels a book side may hold
     * @param snapshotEvery a PERIODIC snapshot follows every this many deltas of a book
     */
    public MarketBooks(int maxLevelsPerSide, int snapshotEvery) {
        if (maxLevelsPerSide < 1 || snapshotEvery < 1) {
            throw new IllegalArgumentException("maxLevelsPerSide and snapshotEvery must be >= 1");
        }
        this.limits = new BookLimits(maxLevelsPerSide);
        this.snapshotEvery = snapshotEvery;
    }

    /** What happened to one venue book message. */
    public enum Disposition {
        /** Accepted and applied; its records (possibly none) are in the result. */
        APPLIED,
        /** A repeat of an already applied venue sequence: dropped. */
        DUPLICATE,
        /** Quarantined with the rejection; health records may still be in the result. */
        REJECTED
    }

    /** The outcome of processing one venue book message. */
    public record Result(
            Disposition disposition,
            Rejection rejection,
            List<OrderBookSnapshot> snapshots,
            List<OrderBookDelta> deltas) {}

    /** Processes one normalized venue book message of the market. */
    public Result process(
            VenueMessage message, String marketId, NormalizedBook book, MarketBookStore store) {
        BookRecords out = new BookRecords(message, marketId);
        Long sequence = message.getVenueSequence();
        if (sequence != null) {
            String stream = message.getVenueStreamId() == null ? "" : message.getVenueStreamId();
            BookCursor cursor = store.cursor();
            boolean sameStream = cursor != null && stream.equals(cursor.venueStreamId);
            if (sameStream && sequence <= cursor.lastVenueSequence) {
                return new Result(Disposition.DUPLICATE, null, List.of(), List.of());
            }
            if (!book.snapshot()) {
                if (cursor == null) {
                    return out.rejected(
                            ReasonCode.RESYNCING, "no venue snapshot of the market yet");
                }
                if (!sameStream || sequence != cursor.lastVenueSequence + 1) {
                    String detail =
                            sameStream
                                    ? "venue sequence jumped from "
                                            + cursor.lastVenueSequence
                                            + " to "
                                            + sequence
                                    : "venue stream changed from "
                                            + cursor.venueStreamId
                                            + " to "
                                            + stream
                                            + " without a snapshot";
                    advance(store, cursor, stream, sequence);
                    resync(store, store.outcomes(), out);
                    return out.rejected(ReasonCode.SEQUENCE_GAP, detail);
                }
            }
            advance(store, cursor, stream, sequence);
        }
        return book.snapshot() ? applySnapshot(book, store, out) : applyDelta(book, store, out);
    }

    /**
     * Closes the market's books at resolution: every LIVE book gets a final CLOSED snapshot of its
     * levels with health CLOSED, on the next sequence number (a health change takes a number, as a
     * RESYNCING delta does). A book that is RESYNCING at that moment has no trustworthy final state
     * and stays RESYNCING.
     */
    public List<OrderBookSnapshot> close(
            VenueMessage message, String marketId, MarketBookStore store) {
        BookRecords out = new BookRecords(message, marketId);
        for (String outcome : store.outcomes()) {
            BookState state = store.book(outcome);
            if (state != null && state.health == BookHealth.LIVE) {
                state.health = BookHealth.CLOSED;
                state.sequence++;
                store.book(outcome, state);
                out.snapshot(outcome, state, SnapshotReason.CLOSED);
            }
        }
        return out.snapshots;
    }

    private static void advance(MarketBookStore store, BookCursor cursor, String stream, long seq) {
        BookCursor next = cursor == null ? new BookCursor() : cursor;
        next.venueStreamId = stream;
        next.lastVenueSequence = seq;
        store.cursor(next);
    }

    private Result applySnapshot(NormalizedBook book, MarketBookStore store, BookRecords out) {
        for (Map.Entry<String, NormalizedBook.BookLevels> e : book.books().entrySet()) {
            Rejection invalid = limits.levels(e.getKey(), e.getValue());
            if (invalid != null) {
                resync(store, book.books().keySet(), out);
                return out.rejected(invalid.reason(), invalid.detail());
            }
        }
        Rejection stale = staleness(store, book.books().keySet(), out.message);
        if (stale != null) {
            return out.rejected(stale.reason(), stale.detail());
        }
        for (Map.Entry<String, NormalizedBook.BookLevels> e : book.books().entrySet()) {
            String outcome = e.getKey();
            NormalizedBook.BookLevels levels = e.getValue();
            BookState state = store.book(outcome);
            if (state == null || state.health != BookHealth.LIVE) {
                SnapshotReason reason =
                        state == null ? SnapshotReason.INITIAL : SnapshotReason.RESYNC;
                BookState next = state == null ? new BookState() : state;
                next.sequence++;
                next.health = BookHealth.LIVE;
                next.deltasSinceSnapshot = 0;
                next.snapshotVenueTime = out.message.getVenueEventTime();
                next.bidPrices = levels.bidPrices();
                next.bidQty = levels.bidQty();
                next.askPrices = levels.askPrices();
                next.askQty = levels.askQty();
                next.checksum =
                        BookChecksum.of(
                                levels.bidPrices(),
                                levels.bidQty(),
                                levels.askPrices(),
                                levels.askQty());
                store.book(outcome, next);
                out.snapshot(outcome, next, reason);
                continue;
            }
            // A venue snapshot of a live book: move the book to it with one delta of differences.
            OrderBook current = state.toBook();
            Map<Level, Long> before = new LinkedHashMap<>();
            setSide(current, BookSide.BID, levels.bidPrices(), levels.bidQty(), before);
            setSide(current, BookSide.ASK, levels.askPrices(), levels.askQty(), before);
            state.snapshotVenueTime = out.message.getVenueEventTime();
            emitDeltaIfChanged(outcome, state, current, before, store, out);
            store.book(outcome, state);
        }
        return out.applied();
    }

    private static void setSide(
            OrderBook book, BookSide side, long[] prices, long[] qty, Map<Level, Long> before) {
        TreeSet<Long> target = new TreeSet<>();
        for (int i = 0; i < prices.length; i++) {
            target.add(prices[i]);
            remember(book, side, prices[i], before);
            book.set(side, prices[i], qty[i]);
        }
        for (long price : book.prices(side)) {
            if (!target.contains(price)) {
                remember(book, side, price, before);
                book.set(side, price, 0);
            }
        }
    }

    private Result applyDelta(NormalizedBook book, MarketBookStore store, BookRecords out) {
        Map<String, List<LevelChange>> byOutcome = new LinkedHashMap<>();
        for (LevelChange change : book.changes()) {
            byOutcome.computeIfAbsent(change.outcomeId(), o -> new ArrayList<>()).add(change);
        }
        for (String outcome : byOutcome.keySet()) {
            BookState state = store.book(outcome);
            if (state == null || state.health != BookHealth.LIVE) {
                resync(store, byOutcome.keySet(), out);
                return out.rejected(
                        ReasonCode.RESYNCING,
                        "book "
                                + outcome
                                + (state == null
                                        ? " has no venue snapshot yet"
                                        : " is " + state.health));
            }
        }
        Rejection stale = staleness(store, byOutcome.keySet(), out.message);
        if (stale != null) {
            return out.rejected(stale.reason(), stale.detail());
        }
        Map<String, OrderBook> working = new LinkedHashMap<>();
        Map<String, Map<Level, Long>> before = new LinkedHashMap<>();
        Rejection invalid = null;
        for (Map.Entry<String, List<LevelChange>> e : byOutcome.entrySet()) {
            OrderBook b = store.book(e.getKey()).toBook();
            Map<Level, Long> touched = new LinkedHashMap<>();
            working.put(e.getKey(), b);
            before.put(e.getKey(), touched);
            for (LevelChange c : e.getValue()) {
                invalid = apply(b, c, touched);
                if (invalid != null) {
                    break;
                }
            }
            if (invalid == null) {
                invalid = limits.shape(e.getKey(), b);
            }
            if (invalid != null) {
                break;
            }
        }
        if (invalid != null) {
            resync(store, byOutcome.keySet(), out);
            return out.rejected(invalid.reason(), invalid.detail());
        }
        for (Map.Entry<String, OrderBook> e : working.entrySet()) {
            BookState state = store.book(e.getKey());
            emitDeltaIfChanged(e.getKey(), state, e.getValue(), before.get(e.getKey()), store, out);
            store.book(e.getKey(), state);
        }
        return out.applied();
    }

    private static Rejection apply(OrderBook book, LevelChange c, Map<Level, Long> before) {
        if (c.price() <= 0 || c.price() > BookNormalizer.ONE) {
            return new Rejection(
                    ReasonCode.PRICE_OUT_OF_RANGE,
                    c.outcomeId()
                            + " "
                            + c.side()
                            + " price "
                            + c.price()
                            + " outside (0, 1000000]");
        }
        long current = book.quantityAt(c.side(), c.price());
        long next = c.absolute() ? c.quantity() : current + c.quantity();
        if (next < 0) {
            return new Rejection(
                    ReasonCode.INVALID_QUANTITY,
                    c.outcomeId()
                            + " "
                            + c.side()
                            + " "
                            + c.price()
                            + ": quantity would be "
                            + next
                            + (c.absolute() ? "" : " (" + current + " + " + c.quantity() + ")"));
        }
        remember(book, c.side(), c.price(), before);
        book.set(c.side(), c.price(), next);
        return null;
    }

    private static void remember(
            OrderBook book, BookSide side, long price, Map<Level, Long> before) {
        before.putIfAbsent(new Level(side, price), book.quantityAt(side, price));
    }

    private void emitDeltaIfChanged(
            String outcome,
            BookState state,
            OrderBook book,
            Map<Level, Long> before,
            MarketBookStore store,
            BookRecords out) {
        List<LevelMutation> mutations = new ArrayList<>();
        for (Map.Entry<Level, Long> e : before.entrySet()) {
            Level level = e.getKey();
            long was = e.getValue();
            long now = book.quantityAt(level.side(), level.price());
            if (was == now) {
                continue;
            }
            MutationAction action =
                    was == 0
                            ? MutationAction.ADD
                            : now == 0 ? MutationAction.REMOVE : MutationAction.MODIFY;
            mutations.add(new LevelMutation(action, level.side(), level.price(), now));
        }
        if (mutations.isEmpty()) {
            return;
        }
        state.sequence++;
        state.levelsFrom(book);
        out.delta(outcome, state, mutations);
        state.deltasSinceSnapshot++;
        if (state.deltasSinceSnapshot >= snapshotEvery) {
            state.deltasSinceSnapshot = 0;
            out.snapshot(outcome, state, SnapshotReason.PERIODIC);
        }
    }

    /** Turns the live books among {@code outcomes} RESYNCING, each with a health delta. */
    private static void resync(MarketBookStore store, Iterable<String> outcomes, BookRecords out) {
        List<String> live = new ArrayList<>();
        for (String outcome : outcomes) {
            BookState state = store.book(outcome);
            if (state != null && state.health == BookHealth.LIVE) {
                live.add(outcome);
            }
        }
        for (String outcome : live) {
            BookState state = store.book(outcome);
            state.health = BookHealth.RESYNCING;
            state.sequence++;
            state.deltasSinceSnapshot = 0;
            store.book(outcome, state);
            out.delta(outcome, state, List.of());
        }
    }

    private static Rejection staleness(
            MarketBookStore store, Iterable<String> outcomes, VenueMessage message) {
        if (message.getVenueSequence() != null) {
            return null;
        }
        for (String outcome : outcomes) {
            BookState state = store.book(outcome);
            if (state != null
                    && state.health == BookHealth.LIVE
                    && message.getVenueEventTime() < state.snapshotVenueTime) {
                return new Rejection(
                        ReasonCode.STALE,
                        "message at "
                                + message.getVenueEventTime()
                                + " is older than the venue snapshot of "
                                + outcome
                                + " at "
                                + state.snapshotVenueTime);
            }
        }
        return null;
    }

    /** A price level of a side. */
    private record Level(BookSide side, long price) {}
}
