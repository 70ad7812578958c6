package io.marketstreams.connectors.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonElements;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.MarketInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The mappings Kalshi's WebSocket and REST frames share: events, markets, results and bid ladders
 * to normalized payloads (docs/venues/kalshi.md).
 */
final class KalshiMappings {

    /**
     * Tick sizes of Kalshi's price level structures, in micro-units. {@code tapered_deci_cent}
     * ($0.001 below $0.10 and above $0.90, $0.01 between) maps to its finest tick.
     */
    private static final Map<String, Long> STRUCTURE_TICKS =
            Map.of("linear_cent", 10_000L, "deci_cent", 1_000L, "tapered_deci_cent", 1_000L);

    static final long ONE = KalshiDecimals.MICROS_PER_DOLLAR;

    private KalshiMappings() {}

    /** What a result says: the winning outcome, or per-outcome payouts for a scalar result. */
    record Verdict(String outcome, List<OutcomePayout> payouts) {}

    /** An event from a REST event object or an {@code event_lifecycle} message. */
    static EventInfo eventInfo(JsonFields event) {
        String ticker = event.requireText("event_ticker");
        String title = event.requireText("title");
        String description = first(event.optionalText("sub_title"), event.optionalText("subtitle"));
        String series = event.optionalText("series_ticker");
        Boolean exclusive = event.optionalBool("mutually_exclusive");
        return EventInfo.newBuilder()
                .setVenueEventId(ticker)
                .setEventName(title)
                .setEventDescription(description)
                .setEventType(Boolean.TRUE.equals(exclusive) ? "mutually_exclusive" : null)
                .setEventCategory(event.optionalText("category"))
                .setEventTags(series == null ? List.of() : List.of(series))
                .setStartDate(null)
                .setExpiryDate(KalshiValues.epochMillis(event, "strike_date"))
                .setResolutionSource(null)
                .build();
    }

    /** A binary or scalar market with outcomes YES and NO. */
    static MarketInfo marketInfo(
            String ticker,
            String eventTicker,
            String title,
            String subtitle,
            MarketType type,
            Long open,
            Long close,
            String rules,
            Long tick,
            String status) {
        String description =
                subtitle == null || subtitle.equals(title) ? title : title + " \u2014 " + subtitle;
        return MarketInfo.newBuilder()
                .setVenueMarketId(ticker)
                .setVenueEventId(eventTicker)
                .setMarketDescription(description)
                .setMarketType(type)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setOpenTime(open)
                .setCloseTime(close)
                .setSettlementRule(rules)
                .setTickSize(tick)
                .setVenueStatus(status)
                .build();
    }

    /**
     * Kalshi {@code market_type}: binary (also when absent) or scalar.
     *
     * @param path the field's path, for the rejection
     */
    static MarketType marketType(String type, String path) {
        if (type == null || type.equals("binary")) {
            return MarketType.BINARY;
        }
        if (type.equals("scalar")) {
            return MarketType.SCALAR;
        }
        throw FieldRejection.unsupported(path, "'" + type + "' is not supported");
    }

    /**
     * The tick size of a price level structure; for none or an unknown one, the legacy {@code
     * tick_size} in cents of {@code legacy} (0 or absent means unknown).
     */
    static Long tickSize(String structure, JsonFields legacy) {
        Long tick = STRUCTURE_TICKS.get(structure == null ? "" : structure);
        if (tick != null) {
            return tick;
        }
        JsonNode value = legacy.optionalValue("tick_size");
        if (value == null) {
            return null;
        }
        long micros = KalshiValues.cents(value, legacy.pathOf("tick_size"));
        return micros == 0 ? null : micros;
    }

    /**
     * The verdict of a {@code result} ({@code yes}, {@code no}, {@code scalar} with the YES
     * settlement value); without a result, the settlement value alone (1 = YES, 0 = NO, else scalar
     * payouts). Null for a result that names no outcome (e.g. {@code void}).
     *
     * @param resultPath the path of the result, for the rejection when both are absent
     * @param settlementPath the path of the settlement value, for its rejections
     */
    static Verdict verdict(
            String result, Long settlement, String resultPath, String settlementPath) {
        if (result == null) {
            if (settlement == null) {
                throw FieldRejection.missing(resultPath);
            }
            if (settlement == ONE) {
                return new Verdict("YES", List.of());
            }
            if (settlement == 0L) {
                return new Verdict("NO", List.of());
            }
            return scalar(settlement, settlementPath);
        }
        return switch (result) {
            case "yes" -> new Verdict("YES", List.of());
            case "no" -> new Verdict("NO", List.of());
            case "scalar" -> {
                if (settlement == null) {
                    throw FieldRejection.missing(settlementPath);
                }
                yield scalar(settlement, settlementPath);
            }
            default -> null;
        };
    }

    private static Verdict scalar(long yesPayout, String path) {
        if (yesPayout > ONE) {
            throw FieldRejection.malformed(
                    path, "settlement value " + yesPayout + " exceeds 1.000000");
        }
        return new Verdict(
                null,
                List.of(
                        new OutcomePayout("YES", yesPayout),
                        new OutcomePayout("NO", ONE - yesPayout)));
    }

    /** The YES and NO bid ladders of a book object (a WebSocket snapshot or a REST order book). */
    static List<Ladder> bidLadders(JsonFields book) {
        return List.of(
                new Ladder("YES", BookSide.BID, bidLadder(book, "yes")),
                new Ladder("NO", BookSide.BID, bidLadder(book, "no")));
    }

    /**
     * A bid ladder, best (highest) price first. Read from {@code <side>_dollars_fp} ({@code
     * [[price_dollars, count_fp], ...]}), else {@code <side>_dollars}, else the legacy {@code
     * <side>} ({@code [[cents, count], ...]}); a side that is absent has no levels.
     */
    private static List<PriceLevel> bidLadder(JsonFields book, String side) {
        String name = side + "_dollars_fp";
        boolean legacy = false;
        if (book.optionalValue(name) == null) {
            name = side + "_dollars";
        }
        if (book.optionalValue(name) == null) {
            name = side;
            legacy = true;
        }
        List<PriceLevel> result = new ArrayList<>();
        JsonElements levels = book.optionalArray(name);
        if (levels == null) {
            return result;
        }
        for (int i = 0; i < levels.size(); i++) {
            JsonNode level = levels.value(i);
            if (!level.isArray() || level.size() != 2) {
                throw FieldRejection.malformed(levels.pathOf(i), "expected [price, count]");
            }
            String pricePath = levels.pathOf(i) + "[0]";
            String countPath = levels.pathOf(i) + "[1]";
            long price =
                    legacy
                            ? KalshiValues.cents(level.get(0), pricePath)
                            : KalshiValues.dollars(level.get(0), pricePath);
            long quantity =
                    legacy
                            ? KalshiValues.contracts(level.get(1), countPath, false)
                            : KalshiValues.count(level.get(1), countPath, false);
            result.add(new PriceLevel(price, quantity));
        }
        result.sort(Comparator.comparingLong(PriceLevel::getPrice).reversed());
        return result;
    }

    /**
     * The first non-null value. Every argument is evaluated, in order, before any is chosen: a
     * malformed fallback field rejects the frame even when the preferred field is present.
     */
    @SafeVarargs
    static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
