package io.marketstreams.client;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.MarketRelationType;
import io.marketstreams.schema.PriceLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cross-venue price comparison for one canonical event (docs/client.md): every market linked to a
 * reference market through the event's {@code market_links}, with its best bid and ask put onto the
 * reference market's YES orientation.
 *
 * <p>A COMPLEMENT market's YES is the reference's NO, so a bid for its YES at p is an offer to sell
 * reference-YES at 1 − p: bid′ = 1 − ask, ask′ = 1 − bid, and each size moves with its price.
 * Relations compose along paths (COMPLEMENT then COMPLEMENT is SAME). Written from docs/contract.md
 * and docs/linking.md, like the rest of the client.
 *
 * <p>Reads the books at the time of each {@link #quotes} call; not thread-safe when the books are
 * being updated by another thread.
 */
public final class LinkedQuotes {
    /** A payout of 1.0 in micro-units. */
    public static final long ONE = 1_000_000L;

    /** The outcome whose book is read for every market. */
    public static final String YES = "YES";

    private final String eventId;
    private final Map<String, List<MarketLink>> linksByMarket = new TreeMap<>();
    private final Function<String, BookReplica> books;

    /**
     * One market's top of book in the reference orientation. A side with no levels is null, price
     * and size together. Without a book (none received yet, or dropped after a gap or mismatch)
     * every side is null.
     *
     * @param marketId canonical market id
     * @param relation how its YES relates to the reference's YES (SAME for the reference itself)
     * @param bidPrice best bid for reference-YES, micro-units
     * @param bidSize quantity at that bid, micro-contracts
     * @param askPrice best ask for reference-YES, micro-units
     * @param askSize quantity at that ask, micro-contracts
     * @param hasBook true when the market's YES book is held
     * @param health the book's health as the job last reported it; null when there is no replica
     * @param sequence the book's canonical sequence; null without a book
     */
    public record Quote(
            String marketId,
            MarketRelationType relation,
            Long bidPrice,
            Long bidSize,
            Long askPrice,
            Long askSize,
            boolean hasBook,
            BookHealth health,
            Long sequence) {}

    /**
     * Quotes for the markets of one event; the books are looked up on every {@link #quotes} call,
     * so a live {@code BookFeed}'s map gives current prices.
     *
     * @param event the canonical event; its {@code market_links} define the relations
     * @param books the YES book of a market by book key ({@code market_id|YES}), null when there is
     *     none; for example {@code feed.books()::get}
     */
    public LinkedQuotes(Event event, Function<String, BookReplica> books) {
        this.eventId = event.getEventId();
        this.books = Objects.requireNonNull(books, "books");
        for (MarketLink link : event.getMarketLinks()) {
            linksByMarket.computeIfAbsent(link.getMarketIdA(), k -> new ArrayList<>()).add(link);
            linksByMarket.computeIfAbsent(link.getMarketIdB(), k -> new ArrayList<>()).add(link);
        }
        // Neighbours in market-id order, so the search, and any error it reports, is the same
        // whatever order the links came in.
        for (List<MarketLink> links : linksByMarket.values()) {
            links.sort(
                    (x, y) ->
                            x.getMarketIdA().equals(y.getMarketIdA())
                                    ? x.getMarketIdB().compareTo(y.getMarketIdB())
                                    : x.getMarketIdA().compareTo(y.getMarketIdA()));
        }
    }

    /**
     * How every market connected to the reference relates to it, in market-id order; the reference
     * itself is SAME. A market with no links gives just itself.
     *
     * @throws IllegalStateException when two paths give one market different relations (the link
     *     data contradicts itself; no orientation is right)
     */
    public Map<String, MarketRelationType> relations(String referenceMarketId) {
        Map<String, MarketRelationType> out = new TreeMap<>();
        out.put(referenceMarketId, MarketRelationType.SAME);
        Deque<String> queue = new ArrayDeque<>();
        queue.add(referenceMarketId);
        while (!queue.isEmpty()) {
            String market = queue.poll();
            MarketRelationType toReference = out.get(market);
            for (MarketLink link : linksByMarket.getOrDefault(market, List.of())) {
                String other =
                        link.getMarketIdA().equals(market)
                                ? link.getMarketIdB()
                                : link.getMarketIdA();
                MarketRelationType candidate = compose(link.getRelation(), toReference);
                MarketRelationType known = out.get(other);
                if (known == null) {
                    out.put(other, candidate);
                    queue.add(other);
                } else if (known != candidate) {
                    throw new IllegalStateException(
                            "event "
                                    + eventId
                                    + ": contradictory market links: "
                                    + other
                                    + " is both "
                                    + known
                                    + " and "
                                    + candidate
                                    + " of "
                                    + referenceMarketId
                                    + " (via "
                                    + market
                                    + ")");
                }
            }
        }
        return out;
    }

    /**
     * The reference market's quote first, then every other connected market's in market-id order,
     * all in the reference's YES orientation.
     *
     * @throws IllegalStateException when the links contradict each other (see {@link #relations})
     */
    public List<Quote> quotes(String referenceMarketId) {
        List<Quote> out = new ArrayList<>();
        Map<String, MarketRelationType> relations = relations(referenceMarketId);
        out.add(quote(referenceMarketId, MarketRelationType.SAME));
        for (Map.Entry<String, MarketRelationType> e : relations.entrySet()) {
            if (!e.getKey().equals(referenceMarketId)) {
                out.add(quote(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private Quote quote(String marketId, MarketRelationType relation) {
        BookReplica book = books.apply(marketId + "|" + YES);
        if (book == null || !book.hasBook()) {
            return new Quote(
                    marketId,
                    relation,
                    null,
                    null,
                    null,
                    null,
                    false,
                    book == null ? null : book.health(),
                    null);
        }
        PriceLevel bid = book.bestBid();
        PriceLevel ask = book.bestAsk();
        if (relation == MarketRelationType.COMPLEMENT) {
            // Their ask for YES is a bid for our YES at 1 − price, and the reverse.
            return new Quote(
                    marketId,
                    relation,
                    ask == null ? null : ONE - ask.getPrice(),
                    ask == null ? null : ask.getQuantity(),
                    bid == null ? null : ONE - bid.getPrice(),
                    bid == null ? null : bid.getQuantity(),
                    true,
                    book.health(),
                    book.sequence());
        }
        return new Quote(
                marketId,
                relation,
                bid == null ? null : bid.getPrice(),
                bid == null ? null : bid.getQuantity(),
                ask == null ? null : ask.getPrice(),
                ask == null ? null : ask.getQuantity(),
                true,
                book.health(),
                book.sequence());
    }

    /** A relation followed by another: equal relations give SAME, different ones COMPLEMENT. */
    static MarketRelationType compose(MarketRelationType first, MarketRelationType second) {
        return first == second ? MarketRelationType.SAME : MarketRelationType.COMPLEMENT;
    }
}
