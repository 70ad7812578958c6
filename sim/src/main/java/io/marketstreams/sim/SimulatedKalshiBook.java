package io.marketstreams.sim;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.schema.PriceLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The true book of one simulated Kalshi market as Kalshi publishes it: a YES and a NO bid ladder
 * (price → quantity, best first), changed by signed deltas. Every change it makes keeps the book
 * valid: positive quantities, prices on the 1-cent grid strictly inside (0, 1), at most {@link
 * #MAX_DEPTH} levels per ladder, and best YES bid + best NO bid below 1 (which is what keeps the
 * canonical YES and NO books uncrossed, their asks being 1 − the other side's bids).
 */
final class SimulatedKalshiBook {
    static final long TICK = 10_000L;
    static final long ONE = 1_000_000L;
    static final long CONTRACT = 1_000_000L;
    static final int MAX_DEPTH = 20;

    /**
     * One signed change of a bid ladder.
     *
     * @param outcome {@code YES} or {@code NO}
     * @param price price in micro-units
     * @param delta signed change in micro-contracts
     */
    record Change(String outcome, long price, long delta) {}

    private final NavigableMap<Long, Long> yes = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> no = new TreeMap<>(Collections.reverseOrder());

    /** A book of 3 to 10 levels per ladder around a random mid between 0.20 and 0.80. */
    static SimulatedKalshiBook seeded(SplittableRandom random) {
        SimulatedKalshiBook book = new SimulatedKalshiBook();
        long mid = (20 + random.nextInt(61)) * TICK;
        int yesLevels = 3 + random.nextInt(8);
        int noLevels = 3 + random.nextInt(8);
        // YES bids below the mid and NO bids below 1 − mid: best YES + best NO ≤ 1 − 2 ticks.
        for (int i = 1; i <= yesLevels && mid - i * TICK >= TICK; i++) {
            book.yes.put(mid - i * TICK, (1 + random.nextInt(200)) * CONTRACT);
        }
        for (int i = 1; i <= noLevels && ONE - mid - i * TICK >= TICK; i++) {
            book.no.put(ONE - mid - i * TICK, (1 + random.nextInt(200)) * CONTRACT);
        }
        return book;
    }

    NavigableMap<Long, Long> ladder(String outcome) {
        return outcome.equals("YES") ? yes : no;
    }

    /** The best bid of a ladder, 0 when it is empty. */
    long best(String outcome) {
        NavigableMap<Long, Long> ladder = ladder(outcome);
        return ladder.isEmpty() ? 0 : ladder.firstKey();
    }

    /** Applies a change; it must leave the book valid. */
    void apply(Change change) {
        NavigableMap<Long, Long> ladder = ladder(change.outcome());
        long updated = ladder.getOrDefault(change.price(), 0L) + change.delta();
        if (updated < 0) {
            throw new IllegalStateException("negative level after " + change);
        }
        if (updated == 0) {
            ladder.remove(change.price());
        } else {
            ladder.put(change.price(), updated);
        }
        if (best("YES") + best("NO") >= ONE || ladder.size() > MAX_DEPTH) {
            throw new IllegalStateException("invalid book after " + change);
        }
    }

    /**
     * A random valid change, applied. Mostly existing levels grow, shrink or leave; otherwise a
     * level is added within 15 ticks of the highest price the other ladder allows.
     */
    Change randomChange(SplittableRandom random) {
        String outcome = random.nextBoolean() ? "YES" : "NO";
        String other = outcome.equals("YES") ? "NO" : "YES";
        NavigableMap<Long, Long> ladder = ladder(outcome);
        long maxPrice = ONE - best(other) - TICK;
        boolean canAdd = maxPrice >= TICK;
        Change change;
        if (!ladder.isEmpty() && (random.nextInt(10) < 6 || !canAdd)) {
            change = modify(random, outcome);
        } else if (canAdd) {
            long lowest = Math.max(TICK, maxPrice - 14 * TICK);
            long price = lowest + random.nextLong((maxPrice - lowest) / TICK + 1) * TICK;
            if (!ladder.containsKey(price) && ladder.size() >= MAX_DEPTH) {
                change = modify(random, outcome);
            } else {
                change = new Change(outcome, price, (1 + random.nextInt(100)) * CONTRACT);
            }
        } else {
            // This ladder is empty and the other's best bid is at 0.99: that bid leaves.
            long price = best(other);
            change = new Change(other, price, -ladder(other).get(price));
        }
        apply(change);
        return change;
    }

    private Change modify(SplittableRandom random, String outcome) {
        NavigableMap<Long, Long> ladder = ladder(outcome);
        List<Long> prices = new ArrayList<>(ladder.keySet());
        long price = prices.get(random.nextInt(prices.size()));
        long current = ladder.get(price);
        int roll = random.nextInt(10);
        if (roll < 4) {
            return new Change(outcome, price, -current);
        }
        if (roll < 7 && current > CONTRACT) {
            return new Change(
                    outcome, price, -(1 + random.nextLong(current / CONTRACT - 1)) * CONTRACT);
        }
        return new Change(outcome, price, (1 + random.nextInt(100)) * CONTRACT);
    }

    /** A ladder in Kalshi's order (ascending price), for snapshot frames. */
    List<KalshiFrames.Level> levels(String outcome) {
        List<KalshiFrames.Level> levels = new ArrayList<>();
        ladder(outcome).descendingMap().forEach((p, q) -> levels.add(new KalshiFrames.Level(p, q)));
        return levels;
    }

    /**
     * The canonical book of an outcome: its own bids, best first, and as asks 1 − the other
     * outcome's bids, best (lowest) first.
     */
    List<List<PriceLevel>> canonical(String outcome) {
        String other = outcome.equals("YES") ? "NO" : "YES";
        List<PriceLevel> bids = new ArrayList<>();
        ladder(outcome).forEach((p, q) -> bids.add(new PriceLevel(p, q)));
        List<PriceLevel> asks = new ArrayList<>();
        ladder(other).forEach((p, q) -> asks.add(new PriceLevel(ONE - p, q)));
        return List.of(List.copyOf(bids), List.copyOf(asks));
    }
}
