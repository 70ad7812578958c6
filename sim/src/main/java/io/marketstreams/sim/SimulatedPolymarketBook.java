package io.marketstreams.sim;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The true books of one simulated binary Polymarket market. The YES token's bids and asks are held;
 * the NO token's book is their mirror (NO bids = 1 − YES asks, NO asks = 1 − YES bids), as on the
 * venue, where a resting order on one token is also a resting order on the other at the
 * complementary price. So a valid YES book (best bid below best ask, positive sizes, 1-cent grid
 * strictly inside (0, 1), at most {@link #MAX_DEPTH} levels per side) is a valid NO book, and every
 * change is one change per token.
 */
final class SimulatedPolymarketBook {
    static final long TICK = 10_000L;
    static final long ONE = 1_000_000L;

    /** Sizes are multiples of 0.01 shares. */
    static final long SIZE_STEP = 10_000L;

    static final int MAX_DEPTH = 20;

    /**
     * A level of the YES token with its new absolute size (0 removes it).
     *
     * @param side side of the YES token's book
     * @param price price in micro-units
     * @param size the level's new total size in micro-units
     */
    record Change(BookSide side, long price, long size) {
        /** The same change seen from the NO token: the other side at the complementary price. */
        Change mirror() {
            return new Change(
                    side == BookSide.BID ? BookSide.ASK : BookSide.BID, ONE - price, size);
        }
    }

    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();

    /** A book of 3 to 10 levels per side around a random mid between 0.20 and 0.80. */
    static SimulatedPolymarketBook seeded(SplittableRandom random) {
        SimulatedPolymarketBook book = new SimulatedPolymarketBook();
        long mid = (20 + random.nextInt(61)) * TICK;
        int bidLevels = 3 + random.nextInt(8);
        int askLevels = 3 + random.nextInt(8);
        for (int i = 1; i <= bidLevels && mid - i * TICK >= TICK; i++) {
            book.bids.put(mid - i * TICK, randomSize(random));
        }
        for (int i = 1; i <= askLevels && mid + i * TICK <= ONE - TICK; i++) {
            book.asks.put(mid + i * TICK, randomSize(random));
        }
        return book;
    }

    static long randomSize(SplittableRandom random) {
        return (100 + random.nextInt(50_000)) * SIZE_STEP;
    }

    NavigableMap<Long, Long> side(BookSide side) {
        return side == BookSide.BID ? bids : asks;
    }

    /** The YES token's best bid, 0 when there is none. */
    long bestBid() {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    /** The YES token's best ask, 1 when there is none. */
    long bestAsk() {
        return asks.isEmpty() ? ONE : asks.firstKey();
    }

    /** Applies a change of the YES token's book; it must leave the book valid. */
    void apply(Change change) {
        NavigableMap<Long, Long> side = side(change.side());
        if (change.size() == 0) {
            side.remove(change.price());
        } else {
            side.put(change.price(), change.size());
        }
        if (bestBid() >= bestAsk() || side.size() > MAX_DEPTH) {
            throw new IllegalStateException("invalid book after " + change);
        }
    }

    /**
     * {@code count} random valid changes of distinct levels (fewer if none is possible), applied.
     */
    List<Change> randomChanges(SplittableRandom random, int count) {
        List<Change> changes = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (int attempt = 0; changes.size() < count && attempt < 4 * count; attempt++) {
            Change change = randomChange(random, touched);
            if (change != null) {
                apply(change);
                touched.add(change.side() + "@" + change.price());
                changes.add(change);
            }
        }
        return changes;
    }

    /**
     * A random valid change of a level not in {@code touched}, not applied; null when the attempt
     * found none. Mostly an existing level gets a new size or leaves; otherwise a level is added
     * within 10 ticks behind the other side's best.
     */
    private Change randomChange(SplittableRandom random, Set<String> touched) {
        BookSide side = random.nextBoolean() ? BookSide.BID : BookSide.ASK;
        NavigableMap<Long, Long> levels = side(side);
        if (!levels.isEmpty() && (random.nextInt(10) < 6 || levels.size() >= MAX_DEPTH)) {
            List<Long> prices = new ArrayList<>(levels.keySet());
            long price = prices.get(random.nextInt(prices.size()));
            long size = random.nextInt(3) == 0 ? 0 : randomSize(random);
            if (touched.contains(side + "@" + price) || size == levels.get(price)) {
                return null;
            }
            return new Change(side, price, size);
        }
        long price =
                side == BookSide.BID
                        ? bestAsk() - (1 + random.nextInt(10)) * TICK
                        : bestBid() + (1 + random.nextInt(10)) * TICK;
        if (price < TICK || price > ONE - TICK || touched.contains(side + "@" + price)) {
            return null;
        }
        return new Change(side, price, randomSize(random));
    }

    /** A token's book as a list of [bids best first, asks best first]. */
    List<List<PriceLevel>> token(boolean yesToken) {
        List<PriceLevel> b = new ArrayList<>();
        List<PriceLevel> a = new ArrayList<>();
        if (yesToken) {
            bids.forEach((p, q) -> b.add(new PriceLevel(p, q)));
            asks.forEach((p, q) -> a.add(new PriceLevel(p, q)));
        } else {
            asks.forEach((p, q) -> b.add(new PriceLevel(ONE - p, q)));
            bids.forEach((p, q) -> a.add(new PriceLevel(ONE - p, q)));
        }
        return List.of(List.copyOf(b), List.copyOf(a));
    }
}
