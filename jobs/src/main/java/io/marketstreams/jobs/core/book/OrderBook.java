package io.marketstreams.jobs.core.book;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MutationAction;

/**
 * The aggregated price levels of one (market, outcome) book, with its full-depth checksum kept up
 * to date in O(1) per change. Prices and quantities are scaled longs (micro-units). This class
 * enforces only its own structure; the rules of what a valid book is (price range, crossing, level
 * bound) live in {@link BookRules}, which callers apply to a whole venue message at once.
 */
public final class OrderBook {
    private final Ladder bids;
    private final Ladder asks;
    private long checksum;

    public OrderBook() {
        this(16);
    }

    public OrderBook(int capacityPerSide) {
        bids = new Ladder(true, capacityPerSide);
        asks = new Ladder(false, capacityPerSide);
    }

    private Ladder ladder(BookSide side) {
        return side == BookSide.BID ? bids : asks;
    }

    /**
     * Sets the total quantity at a price level; 0 removes the level.
     *
     * @return what changed, or {@code null} when nothing did
     */
    public MutationAction set(BookSide side, long price, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("negative quantity " + quantity);
        }
        Ladder ladder = ladder(side);
        int i = ladder.indexOf(price);
        if (i >= 0) {
            long old = ladder.quantity(i);
            if (old == quantity) {
                return null;
            }
            checksum -= BookChecksum.levelHash(side, price, old);
            if (quantity == 0) {
                ladder.remove(i);
                return MutationAction.REMOVE;
            }
            ladder.setQuantity(i, quantity);
            checksum += BookChecksum.levelHash(side, price, quantity);
            return MutationAction.MODIFY;
        }
        if (quantity == 0) {
            return null;
        }
        ladder.insert(-i - 1, price, quantity);
        checksum += BookChecksum.levelHash(side, price, quantity);
        return MutationAction.ADD;
    }

    /** Quantity at a price; 0 when there is no level. */
    public long quantityAt(BookSide side, long price) {
        return ladder(side).quantityAt(price);
    }

    /** Number of levels on a side. */
    public int levels(BookSide side) {
        return ladder(side).size();
    }

    /** Price of the level at a best-first index. */
    public long price(BookSide side, int index) {
        return ladder(side).price(index);
    }

    /** Quantity of the level at a best-first index. */
    public long quantity(BookSide side, int index) {
        return ladder(side).quantity(index);
    }

    /** Best bid price, or 0 when there are no bids. */
    public long bestBid() {
        return bids.size() == 0 ? 0L : bids.price(0);
    }

    /** Best ask price, or 0 when there are no asks. */
    public long bestAsk() {
        return asks.size() == 0 ? 0L : asks.price(0);
    }

    /** True when the best bid is at or above the best ask. */
    public boolean isCrossed() {
        return bids.size() > 0 && asks.size() > 0 && bids.price(0) >= asks.price(0);
    }

    /** The full-depth checksum (see {@link BookChecksum}). */
    public long checksum() {
        return checksum;
    }

    /** Removes every level. */
    public void clear() {
        bids.clear();
        asks.clear();
        checksum = 0;
    }

    /** Prices of a side, best first. */
    public long[] prices(BookSide side) {
        return ladder(side).pricesCopy();
    }

    /** Quantities of a side, best first. */
    public long[] quantities(BookSide side) {
        return ladder(side).quantitiesCopy();
    }

    /**
     * Replaces the whole book with levels already in best-first order (as {@link #prices} gives
     * them), recomputing the checksum.
     */
    public void load(long[] bidPrices, long[] bidQty, long[] askPrices, long[] askQty) {
        bids.load(bidPrices, bidQty);
        asks.load(askPrices, askQty);
        checksum = BookChecksum.of(bidPrices, bidQty, askPrices, askQty);
    }

    /**
     * Replaces the whole book with best-first levels and their known checksum (from state this
     * class produced), skipping the O(levels) recomputation. {@link #invariantViolation} checks it.
     */
    public void restore(
            long[] bidPrices, long[] bidQty, long[] askPrices, long[] askQty, long checksum) {
        bids.load(bidPrices, bidQty);
        asks.load(askPrices, askQty);
        this.checksum = checksum;
    }

    /** A deep copy. */
    public OrderBook copy() {
        OrderBook copy = new OrderBook(Math.max(bids.size(), asks.size()));
        copy.load(
                prices(BookSide.BID),
                quantities(BookSide.BID),
                prices(BookSide.ASK),
                quantities(BookSide.ASK));
        return copy;
    }

    /** Same levels on both sides. */
    public boolean sameLevels(OrderBook other) {
        return bids.sameLevels(other.bids) && asks.sameLevels(other.asks);
    }

    /**
     * Internal-state validator: null when the ladders are strictly ordered with positive quantities
     * and the maintained checksum equals one recomputed from scratch; otherwise what is wrong.
     * Tests call it after every step.
     */
    public String invariantViolation() {
        String v = bids.invariantViolation("bids");
        if (v == null) {
            v = asks.invariantViolation("asks");
        }
        if (v == null) {
            long recomputed =
                    BookChecksum.of(
                            prices(BookSide.BID),
                            quantities(BookSide.BID),
                            prices(BookSide.ASK),
                            quantities(BookSide.ASK));
            if (recomputed != checksum) {
                v = "checksum " + checksum + " but levels give " + recomputed;
            }
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("OrderBook{bids=[");
        for (int i = 0; i < bids.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(bids.price(i)).append('x').append(bids.quantity(i));
        }
        s.append("], asks=[");
        for (int i = 0; i < asks.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(asks.price(i)).append('x').append(asks.quantity(i));
        }
        return s.append("], checksum=").append(checksum).append('}').toString();
    }
}
