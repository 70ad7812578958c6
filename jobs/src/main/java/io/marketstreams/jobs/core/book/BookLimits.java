package io.marketstreams.jobs.core.book;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.ReasonCode;

/**
 * What a canonical book may hold (docs/contract.md, "Order books"): prices in (0, 1], positive
 * quantities, no crossed book, at most {@code maxLevelsPerSide} levels per side. A message whose
 * result breaks one is rejected whole.
 */
final class BookLimits {
    private final int maxLevelsPerSide;

    BookLimits(int maxLevelsPerSide) {
        this.maxLevelsPerSide = maxLevelsPerSide;
    }

    /** Why a venue snapshot's levels cannot be a book, or null. */
    Rejection levels(String outcome, NormalizedBook.BookLevels levels) {
        OrderBook book = new OrderBook();
        for (int side = 0; side < 2; side++) {
            long[] prices = side == 0 ? levels.bidPrices() : levels.askPrices();
            long[] qty = side == 0 ? levels.bidQty() : levels.askQty();
            BookSide bookSide = side == 0 ? BookSide.BID : BookSide.ASK;
            for (int i = 0; i < prices.length; i++) {
                if (prices[i] <= 0 || prices[i] > BookNormalizer.ONE) {
                    return new Rejection(
                            ReasonCode.PRICE_OUT_OF_RANGE,
                            outcome
                                    + " "
                                    + bookSide
                                    + " price "
                                    + prices[i]
                                    + " outside (0, 1000000]");
                }
                if (qty[i] <= 0) {
                    return new Rejection(
                            ReasonCode.INVALID_QUANTITY,
                            outcome + " " + bookSide + " " + prices[i] + " has quantity " + qty[i]);
                }
            }
            if (prices.length > maxLevelsPerSide) {
                return levelLimit(outcome, bookSide, prices.length);
            }
        }
        book.load(levels.bidPrices(), levels.bidQty(), levels.askPrices(), levels.askQty());
        return book.isCrossed() ? crossed(outcome, book) : null;
    }

    Rejection shape(String outcome, OrderBook book) {
        if (book.isCrossed()) {
            return crossed(outcome, book);
        }
        for (BookSide side : BookSide.values()) {
            if (book.levels(side) > maxLevelsPerSide) {
                return levelLimit(outcome, side, book.levels(side));
            }
        }
        return null;
    }

    private static Rejection crossed(String outcome, OrderBook book) {
        return new Rejection(
                ReasonCode.CROSSED_BOOK,
                outcome + " best bid " + book.bestBid() + " >= best ask " + book.bestAsk());
    }

    private Rejection levelLimit(String outcome, BookSide side, int levels) {
        return new Rejection(
                ReasonCode.LEVEL_LIMIT,
                outcome
                        + " "
                        + side
                        + " would hold "
                        + levels
                        + " levels, limit "
                        + maxLevelsPerSide);
    }
}
