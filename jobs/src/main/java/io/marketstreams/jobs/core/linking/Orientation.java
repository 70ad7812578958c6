package io.marketstreams.jobs.core.linking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts linked markets' prices on one outcome orientation so clients can compare venues: a quote of
 * a COMPLEMENT market's YES outcome is a quote of the reference market's NO outcome, so its bid for
 * YES is an offer to sell reference-YES at 1 − that price, and vice versa. Prices are micro-units
 * (1.0 = 1,000,000), quantities micro-contracts.
 */
public final class Orientation {
    private Orientation() {}

    /** A payout of 1.0 in micro-units. */
    public static final long ONE = 1_000_000L;

    /**
     * Best bid and ask of a market's YES outcome. A missing side is null (price and size together).
     *
     * @param bidPrice best bid, micro-units; null when no bids
     * @param bidSize quantity at the best bid; null when no bids
     * @param askPrice best ask, micro-units; null when no asks
     * @param askSize quantity at the best ask; null when no asks
     */
    public record TopOfBook(Long bidPrice, Long bidSize, Long askPrice, Long askSize) {
        /** A side's price and size are both present or both absent; prices within [0, 1.0]. */
        public TopOfBook {
            if ((bidPrice == null) != (bidSize == null)
                    || (askPrice == null) != (askSize == null)) {
                throw new IllegalArgumentException("price and size must come together");
            }
            checkPrice(bidPrice);
            checkPrice(askPrice);
        }

        private static void checkPrice(Long price) {
            if (price != null && (price < 0 || price > ONE)) {
                throw new IllegalArgumentException("price outside [0, 1000000]: " + price);
            }
        }
    }

    /**
     * One market's top of book in the reference orientation.
     *
     * @param marketId canonical market id
     * @param relation its relation to the reference market
     * @param quote its best bid/ask, mapped
     */
    public record AlignedQuote(String marketId, Relation relation, TopOfBook quote) {}

    /**
     * Maps a quote across a relation. SAME: unchanged. COMPLEMENT: bid' = 1000000 − ask, ask' =
     * 1000000 − bid, and the sizes move with their prices (the ask size becomes the bid size).
     */
    public static TopOfBook toReference(TopOfBook quote, Relation relation) {
        Objects.requireNonNull(quote, "quote");
        if (relation == Relation.SAME) {
            return quote;
        }
        return new TopOfBook(
                quote.askPrice() == null ? null : ONE - quote.askPrice(),
                quote.askSize(),
                quote.bidPrice() == null ? null : ONE - quote.bidPrice(),
                quote.bidSize());
    }

    /**
     * Aligns the quotes of every market related to {@code reference} onto its orientation, sorted
     * by market id. Quotes of markets with no relation path to the reference are left out: without
     * a relation their prices are not comparable.
     */
    public static List<AlignedQuote> align(
            String reference, Map<String, TopOfBook> quotes, MarketRelations relations) {
        Map<String, Relation> oriented = relations.orient(reference);
        List<AlignedQuote> out = new ArrayList<>();
        for (Map.Entry<String, TopOfBook> e : new TreeMap<>(quotes).entrySet()) {
            Relation relation = oriented.get(e.getKey());
            if (relation != null) {
                out.add(
                        new AlignedQuote(
                                e.getKey(), relation, toReference(e.getValue(), relation)));
            }
        }
        return out;
    }
}
