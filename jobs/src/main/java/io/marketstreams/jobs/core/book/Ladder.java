package io.marketstreams.jobs.core.book;

import java.util.Arrays;

/**
 * One side of a book: aggregated levels kept best-first in two parallel primitive arrays. Books are
 * 10–200 levels deep in practice, where a binary search plus an array shift beats any tree and
 * allocates nothing. Bids are ordered by descending price, asks by ascending price.
 */
final class Ladder {
    private final boolean descending;
    private long[] prices;
    private long[] quantities;
    private int size;

    Ladder(boolean descending, int capacity) {
        this.descending = descending;
        this.prices = new long[Math.max(4, capacity)];
        this.quantities = new long[prices.length];
    }

    int size() {
        return size;
    }

    long price(int index) {
        return prices[index];
    }

    long quantity(int index) {
        return quantities[index];
    }

    /** Index of the price, or {@code -(insertion point) - 1} when absent (best-first order). */
    int indexOf(long price) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = prices[mid];
            if (p == price) {
                return mid;
            }
            boolean before = descending ? p > price : p < price;
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    /** Quantity at a price; 0 when there is no level. */
    long quantityAt(long price) {
        int i = indexOf(price);
        return i >= 0 ? quantities[i] : 0L;
    }

    void insert(int insertionPoint, long price, long quantity) {
        if (size == prices.length) {
            prices = Arrays.copyOf(prices, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
        }
        System.arraycopy(prices, insertionPoint, prices, insertionPoint + 1, size - insertionPoint);
        System.arraycopy(
                quantities, insertionPoint, quantities, insertionPoint + 1, size - insertionPoint);
        prices[insertionPoint] = price;
        quantities[insertionPoint] = quantity;
        size++;
    }

    void setQuantity(int index, long quantity) {
        quantities[index] = quantity;
    }

    void remove(int index) {
        System.arraycopy(prices, index + 1, prices, index, size - index - 1);
        System.arraycopy(quantities, index + 1, quantities, index, size - index - 1);
        size--;
    }

    void clear() {
        size = 0;
    }

    long[] pricesCopy() {
        return Arrays.copyOf(prices, size);
    }

    long[] quantitiesCopy() {
        return Arrays.copyOf(quantities, size);
    }

    void load(long[] newPrices, long[] newQuantities) {
        prices = Arrays.copyOf(newPrices, Math.max(4, newPrices.length));
        quantities = Arrays.copyOf(newQuantities, prices.length);
        size = newPrices.length;
    }

    boolean sameLevels(Ladder other) {
        return size == other.size
                && Arrays.equals(prices, 0, size, other.prices, 0, size)
                && Arrays.equals(quantities, 0, size, other.quantities, 0, size);
    }

    /** Null when the ladder is strictly ordered best-first with positive quantities. */
    String invariantViolation(String name) {
        for (int i = 0; i < size; i++) {
            if (quantities[i] <= 0) {
                return name + " level " + prices[i] + " has quantity " + quantities[i];
            }
            if (i > 0 && (descending ? prices[i - 1] <= prices[i] : prices[i - 1] >= prices[i])) {
                return name + " not strictly ordered at index " + i;
            }
        }
        return null;
    }
}
