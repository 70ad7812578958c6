package io.marketstreams.bench;

import io.marketstreams.schema.BookSide;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A realistic stream of absolute level changes on books of a given depth: most changes modify a
 * level near the top of the book, some remove a level and some add one, so the depth stays around
 * the target. Seeded: every run measures the same work.
 */
final class BookWorkload {
    static final long TICK = 1_000L; // 0.001, Polymarket's finest tick
    static final long MID = 500_000L;

    final BookSide[] sides;
    final long[] prices;
    final long[] quantities;
    final long[] initialBidPrices;
    final long[] initialBidQty;
    final long[] initialAskPrices;
    final long[] initialAskQty;

    /**
     * @param changes number of changes; every one of them changes the book
     * @param depth levels per side at the start
     */
    BookWorkload(long seed, int changes, int depth) {
        SplittableRandom random = new SplittableRandom(seed);
        sides = new BookSide[changes];
        prices = new long[changes];
        quantities = new long[changes];
        TreeMap<Long, Long> bids = new TreeMap<>();
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int i = 1; i <= depth; i++) {
            bids.put(MID - i * TICK, 1_000_000L * (1 + random.nextInt(500)));
            asks.put(MID + i * TICK, 1_000_000L * (1 + random.nextInt(500)));
        }
        initialBidPrices = bids.descendingKeySet().stream().mapToLong(Long::longValue).toArray();
        initialBidQty = bids.descendingMap().values().stream().mapToLong(Long::longValue).toArray();
        initialAskPrices = asks.keySet().stream().mapToLong(Long::longValue).toArray();
        initialAskQty = asks.values().stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < changes; i++) {
            boolean bid = random.nextBoolean();
            TreeMap<Long, Long> side = bid ? bids : asks;
            List<Long> levels = new ArrayList<>(bid ? side.descendingKeySet() : side.keySet());
            int roll = random.nextInt(100);
            long price;
            long qty;
            if (roll < 70 || levels.size() < 2) {
                // Modify, biased to the top: index = floor(n * u^3).
                double u = random.nextDouble();
                price = levels.get((int) (levels.size() * u * u * u));
                qty = 1_000_000L * (1 + random.nextInt(500));
            } else if (roll < 85) {
                price = levels.get(random.nextInt(levels.size()));
                qty = 0;
            } else {
                long far =
                        bid
                                ? levels.get(levels.size() - 1) - TICK
                                : levels.get(levels.size() - 1) + TICK;
                price = Math.max(TICK, Math.min(1_000_000L - TICK, far));
                qty = 1_000_000L * (1 + random.nextInt(500));
            }
            Long current = side.get(price);
            if (qty != 0 && current != null && current == qty) {
                qty += 1_000_000L; // every change must change the book
            }
            if (qty == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
            sides[i] = bid ? BookSide.BID : BookSide.ASK;
            prices[i] = price;
            quantities[i] = qty;
        }
    }
}
