package io.marketstreams.connectors.polymarket;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.TakerSide;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Builds native Polymarket frames (CLOB market-channel messages and Gamma REST bodies) from values,
 * in exactly the shapes {@link PolymarketFrameParser} reads: for tests, and for a simulator that
 * speaks Polymarket. Prices, sizes and tick sizes are given in micro-units and written as the venue
 * writes them (shortest decimal strings, {@link PolymarketDecimal#format}); times in epoch
 * milliseconds, written as strings on the WebSocket and as ISO-8601 instants in Gamma. Output is
 * compact JSON, deterministic for equal input.
 *
 * <p>What is not a value is filled in deterministically: book levels are written in venue order
 * (best last: bids ascending, asks descending) with the client-documented summary {@code hash}
 * ({@link PolymarketBookHash}); the per-change {@code hash} of {@code price_changes} entries and
 * {@code changes} messages is a SHA-1 of the change's values (an opaque placeholder, as the venue's
 * is to a reader); {@code fee_rate_bps} is {@code "0"}.
 *
 * <p>This class is the builders' one public entry and holds their values; the bodies are split per
 * protocol, as the parser is: {@link PolymarketClobFrames} (market channel) and {@link
 * PolymarketGammaFrames} (Gamma).
 */
public final class PolymarketFrames {
    private PolymarketFrames() {}

    /** The three shapes of {@code price_change} messages the venue has sent. */
    public enum PriceChangeShape {
        /** Oldest: one level at the top level ({@code asset_id}, {@code price}, {@code size}). */
        SINGLE_LEVEL,
        /** Until 15 Sept 2025: one {@code asset_id} and {@code changes[]} of its levels. */
        CHANGES,
        /** Today: {@code price_changes[]}, each entry with its own {@code asset_id}. */
        PRICE_CHANGES
    }

    /**
     * A token's book: levels best first (bids descending, asks ascending), as the parser returns
     * them.
     */
    public record Book(
            String market,
            String assetId,
            long timestampMs,
            List<PriceLevel> bids,
            List<PriceLevel> asks) {
        public Book {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(assetId, "assetId");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /**
     * One level change: the level's new total size ({@code 0} removes it). {@code bestBid} and
     * {@code bestAsk} (micro-units, nullable) are written into {@code price_changes} entries when
     * given.
     */
    public record Change(
            String assetId, BookSide side, long price, long size, Long bestBid, Long bestAsk) {
        public Change {
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(side, "side");
        }

        /** A change without best bid and ask. */
        public Change(String assetId, BookSide side, long price, long size) {
            this(assetId, side, price, size, null, null);
        }
    }

    /** One {@code last_trade_price} fill. */
    public record Trade(
            String market,
            String assetId,
            long price,
            long size,
            TakerSide side,
            long timestampMs,
            String transactionHash) {
        public Trade {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(transactionHash, "transactionHash");
        }
    }

    /**
     * A Gamma market. {@code clobTokenIds} and {@code outcomePrices} (micro-units) are optional
     * (null), and when given pair with {@code outcomes} by index; optional dates, tick size, texts
     * and UMA status are null when absent.
     */
    public record GammaMarket(
            String conditionId,
            String question,
            String description,
            List<String> outcomes,
            List<String> clobTokenIds,
            List<Long> outcomePrices,
            Long startDateMs,
            Long endDateMs,
            Long tickSize,
            boolean active,
            boolean closed,
            String umaResolutionStatus,
            String resolutionSource) {
        /**
         * An active binary market (outcomes Yes and No, in that token order) with no prices, start
         * date, UMA status or resolution source.
         */
        public static GammaMarket binary(
                String conditionId,
                String question,
                String yesToken,
                String noToken,
                Long endDateMs,
                Long tickSize) {
            return new GammaMarket(
                    conditionId,
                    question,
                    null,
                    List.of("Yes", "No"),
                    List.of(yesToken, noToken),
                    null,
                    null,
                    endDateMs,
                    tickSize,
                    true,
                    false,
                    null,
                    null);
        }

        public GammaMarket {
            Objects.requireNonNull(conditionId, "conditionId");
            Objects.requireNonNull(question, "question");
            outcomes = List.copyOf(outcomes);
            clobTokenIds = clobTokenIds == null ? null : List.copyOf(clobTokenIds);
            outcomePrices = outcomePrices == null ? null : List.copyOf(outcomePrices);
        }
    }

    /** A Gamma event with its nested markets; optional fields are null when absent. */
    public record GammaEvent(
            String id,
            String title,
            String description,
            String category,
            List<String> tags,
            Long startDateMs,
            Long endDateMs,
            String resolutionSource,
            boolean negRisk,
            List<GammaMarket> markets) {
        /**
         * A plain (not negRisk) event with no description, tags, start date or resolution source.
         */
        public static GammaEvent of(
                String id,
                String title,
                String category,
                Long endDateMs,
                List<GammaMarket> markets) {
            return new GammaEvent(
                    id, title, null, category, List.of(), null, endDateMs, null, false, markets);
        }

        public GammaEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            tags = List.copyOf(tags);
            markets = List.copyOf(markets);
        }
    }

    /** A raw frame of venue {@code polymarket} holding the JSON text, UTF-8. */
    public static RawFrame frame(String connectionId, long receiveTimeMs, String json) {
        return new RawFrame(
                PolymarketFrameParser.VENUE_ID,
                connectionId,
                receiveTimeMs,
                json.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- market channel

    /** A {@code book} message. */
    public static String book(Book book) {
        return PolymarketClobFrames.book(book);
    }

    /** A JSON array of {@code book} messages, as sent right after subscribing. */
    public static String books(List<Book> books) {
        return PolymarketClobFrames.books(books);
    }

    /** A {@code price_change} message in today's {@code price_changes[]} shape. */
    public static String priceChange(String market, long timestampMs, List<Change> changes) {
        return PolymarketClobFrames.priceChange(
                PriceChangeShape.PRICE_CHANGES, market, timestampMs, changes);
    }

    /**
     * A {@code price_change} message in the given shape.
     *
     * @throws IllegalArgumentException when the shape cannot hold the changes: no change at all,
     *     {@code SINGLE_LEVEL} with more than one, {@code CHANGES} with more than one token
     */
    public static String priceChange(
            PriceChangeShape shape, String market, long timestampMs, List<Change> changes) {
        return PolymarketClobFrames.priceChange(shape, market, timestampMs, changes);
    }

    /**
     * A {@code last_trade_price} message.
     *
     * @throws IllegalArgumentException for taker side {@code UNKNOWN} (the venue sends BUY or SELL)
     */
    public static String lastTradePrice(Trade trade) {
        return PolymarketClobFrames.lastTradePrice(trade);
    }

    /** A {@code market_resolved} message. */
    public static String marketResolved(
            String market,
            List<String> assetIds,
            String winningAssetId,
            String winningOutcome,
            long timestampMs) {
        return PolymarketClobFrames.marketResolved(
                market, assetIds, winningAssetId, winningOutcome, timestampMs);
    }

    /** A {@code tick_size_change} message (ignored by the parser). */
    public static String tickSizeChange(
            String market, String assetId, long oldTickSize, long newTickSize, long timestampMs) {
        return PolymarketClobFrames.tickSizeChange(
                market, assetId, oldTickSize, newTickSize, timestampMs);
    }

    /** A {@code best_bid_ask} message (ignored by the parser). */
    public static String bestBidAsk(
            String market, String assetId, long bestBid, long bestAsk, long timestampMs) {
        return PolymarketClobFrames.bestBidAsk(market, assetId, bestBid, bestAsk, timestampMs);
    }

    // ---------------------------------------------------------------- Gamma

    /** A Gamma event object (as {@code GET /events/{id}} returns it). */
    public static String gammaEvent(GammaEvent event) {
        return PolymarketGammaFrames.gammaEvent(event);
    }

    /** A JSON array of Gamma events (as {@code GET /events} returns it). */
    public static String gammaEvents(List<GammaEvent> events) {
        return PolymarketGammaFrames.gammaEvents(events);
    }

    /**
     * A bare Gamma market object (as {@code GET /markets/{id}} returns it), naming its event in
     * {@code events[0].id}.
     */
    public static String gammaMarket(GammaMarket market, String eventId) {
        return PolymarketGammaFrames.gammaMarket(market, eventId);
    }

    /** A decimal as the venue writes it: the shortest string of the micro-units. */
    static String dec(long micros) {
        return PolymarketDecimal.format(micros);
    }
}
