package io.marketstreams.connectors.polymarket;

import static io.marketstreams.connectors.json.StrictJson.describe;
import static io.marketstreams.connectors.polymarket.PolymarketValues.message;
import static io.marketstreams.connectors.polymarket.PolymarketValues.toMicros;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonElements;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Polymarket's Gamma REST bodies: an event → {@link EventInfo}, then per nested market a {@link
 * MarketInfo} and, for UMA statuses, a {@link Resolution} or {@link MarketStatus}; a bare market →
 * the same without the EventInfo. All take the receive time: Gamma bodies carry no message time.
 */
final class PolymarketGammaParser {
    private PolymarketGammaParser() {}

    /** A Gamma event object with its nested markets. */
    static ParsedFrame event(JsonFields n, RawFrame frame) {
        String eventId = id(n, "id");
        String resolutionSource = n.optionalText("resolutionSource");
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId(eventId)
                        .setEventName(n.requireText("title"))
                        .setEventDescription(n.optionalText("description"))
                        .setEventType(
                                Boolean.TRUE.equals(n.optionalBool("negRisk")) ? "negRisk" : null)
                        .setEventCategory(n.optionalText("category"))
                        .setEventTags(tags(n))
                        .setStartDate(date(n, "startDate"))
                        .setExpiryDate(date(n, "endDate"))
                        .setResolutionSource(resolutionSource)
                        .build();
        List<VenueMessage> out = new ArrayList<>();
        out.add(message(frame, frame.receiveTimeMs(), event));
        JsonElements markets = n.optionalArray("markets");
        if (markets != null) {
            for (int i = 0; i < markets.size(); i++) {
                market(markets.object(i), eventId, resolutionSource, frame, out);
            }
        }
        return new ParsedFrame.Messages(List.copyOf(out));
    }

    /** A bare Gamma market object, naming its event in {@code events[0].id}. */
    static ParsedFrame market(JsonFields n, RawFrame frame) {
        JsonNode events = n.node().get("events");
        JsonNode first =
                events != null && events.isArray() && !events.isEmpty() ? events.get(0) : null;
        if (first == null || !first.isObject()) {
            throw FieldRejection.missing(n.pathOf("events[0].id"));
        }
        JsonFields event = JsonFields.of(first, n.pathOf("events[0]"));
        String eventId = id(event, "id");
        String eventSource = event.optionalText("resolutionSource");
        List<VenueMessage> out = new ArrayList<>();
        market(n, eventId, eventSource, frame, out);
        return new ParsedFrame.Messages(List.copyOf(out));
    }

    /** A market's info, then its UMA resolution state when it has one. */
    private static void market(
            JsonFields n,
            String eventId,
            String eventResolutionSource,
            RawFrame frame,
            List<VenueMessage> out) {
        String conditionId = n.requireText("conditionId");
        String question = n.requireText("question");
        List<String> names = stringList(n, "outcomes", false);
        if (names == null) {
            throw n.missing("outcomes");
        }
        if (names.isEmpty()) {
            throw n.malformed("outcomes", "expected at least one outcome");
        }
        List<String> tokens = stringList(n, "clobTokenIds", false);
        if (tokens != null && tokens.size() != names.size()) {
            throw n.malformed(
                    "clobTokenIds", tokens.size() + " entries for " + names.size() + " outcomes");
        }
        List<Outcome> outcomes = outcomes(n, names, tokens);
        boolean closed = Boolean.TRUE.equals(n.optionalBool("closed"));
        boolean active = Boolean.TRUE.equals(n.optionalBool("active"));
        String tick = n.optionalDecimal("orderPriceMinTickSize");
        MarketInfo info =
                MarketInfo.newBuilder()
                        .setVenueMarketId(conditionId)
                        .setVenueEventId(eventId)
                        .setMarketDescription(question)
                        .setMarketType(
                                outcomes.size() == 2 ? MarketType.BINARY : MarketType.CATEGORICAL)
                        .setOutcomes(outcomes)
                        .setOpenTime(date(n, "startDate"))
                        .setCloseTime(date(n, "endDate"))
                        .setSettlementRule(n.optionalText("description"))
                        .setTickSize(
                                tick == null
                                        ? null
                                        : toMicros(tick, n.pathOf("orderPriceMinTickSize")))
                        .setVenueStatus(closed ? "closed" : active ? "active" : null)
                        .build();
        long time = frame.receiveTimeMs();
        out.add(message(frame, time, info));
        String uma = umaStatus(n);
        if ("disputed".equals(uma)) {
            out.add(message(frame, time, new MarketStatus(conditionId, "uma:disputed", null)));
        } else if ("proposed".equals(uma) || "resolved".equals(uma)) {
            Resolution resolution =
                    resolution(n, conditionId, uma, names.size(), tokens, eventResolutionSource);
            out.add(message(frame, time, resolution));
        }
    }

    /** The outcomes of a market: ids from the names, CLOB token ids by index when given. */
    private static List<Outcome> outcomes(JsonFields n, List<String> names, List<String> tokens) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String outcomeId = PolymarketFrameParser.outcomeId(name);
            if (outcomeId.isEmpty()) {
                throw FieldRejection.malformed(n.pathOf("outcomes[" + i + "]"), "blank name");
            }
            String previous = seen.putIfAbsent(outcomeId, name);
            if (previous != null) {
                throw n.malformed(
                        "outcomes",
                        "'"
                                + previous
                                + "' and '"
                                + name
                                + "' both map to outcome id "
                                + outcomeId);
            }
            String token = null;
            if (tokens != null) {
                token = tokens.get(i);
                PolymarketValues.checkTokenId(token, n.pathOf("clobTokenIds[" + i + "]"));
            }
            outcomes.add(new Outcome(outcomeId, name, token));
        }
        return outcomes;
    }

    /**
     * The resolution a {@code proposed} or {@code resolved} UMA status states: the payout of every
     * token from {@code outcomePrices}, the winner when exactly one pays 1.
     */
    private static Resolution resolution(
            JsonFields n,
            String conditionId,
            String uma,
            int outcomeCount,
            List<String> tokens,
            String eventResolutionSource) {
        if (tokens == null) {
            throw n.missing("clobTokenIds");
        }
        List<String> prices = stringList(n, "outcomePrices", true);
        if (prices == null) {
            throw n.missing("outcomePrices");
        }
        if (prices.size() != outcomeCount) {
            throw n.malformed(
                    "outcomePrices", prices.size() + " entries for " + outcomeCount + " outcomes");
        }
        List<OutcomePayout> payouts = new ArrayList<>();
        String winner = null;
        int winners = 0;
        for (int i = 0; i < prices.size(); i++) {
            long payout = toMicros(prices.get(i), n.pathOf("outcomePrices[" + i + "]"));
            payouts.add(new OutcomePayout(tokens.get(i), payout));
            if (payout == PolymarketDecimal.ONE) {
                winner = tokens.get(i);
                winners++;
            }
        }
        String source = n.optionalText("resolutionSource");
        return Resolution.newBuilder()
                .setVenueMarketId(conditionId)
                .setResolvedOutcomeId(winners == 1 ? winner : null)
                .setPayouts(payouts)
                .setVenueStatus(PolymarketFrameParser.UMA_STATUS_PREFIX + uma)
                .setResolutionSource(source != null ? source : eventResolutionSource)
                .build();
    }

    /**
     * The market's UMA resolution status: {@code umaResolutionStatus}, else the last entry of
     * {@code umaResolutionStatuses}; null when neither is present.
     */
    private static String umaStatus(JsonFields n) {
        String status = n.optionalText("umaResolutionStatus");
        if (status != null) {
            return status;
        }
        List<String> history = stringList(n, "umaResolutionStatuses", false);
        return history == null || history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** Tag labels (else slugs); strings are tags themselves; anything else is skipped. */
    private static List<String> tags(JsonFields n) {
        List<String> out = new ArrayList<>();
        JsonElements tags = n.optionalArray("tags");
        if (tags == null) {
            return out;
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.value(i);
            if (tag.isTextual() && !tag.textValue().isEmpty()) {
                out.add(tag.textValue());
            } else if (tag.isObject()) {
                String label = nonEmptyText(tag.get("label"));
                String slug = nonEmptyText(tag.get("slug"));
                if (label != null) {
                    out.add(label);
                } else if (slug != null) {
                    out.add(slug);
                }
            }
        }
        return out;
    }

    private static String nonEmptyText(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isEmpty()
                ? value.textValue()
                : null;
    }

    /** A Gamma id, sent as a string or as an integer. */
    private static String id(JsonFields n, String name) {
        JsonNode v = n.optionalValue(name);
        if (v != null && v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        return n.requireText(name);
    }

    /**
     * An optional date: ISO-8601 with offset ({@code 2024-11-05T12:00:00Z}, {@code
     * 2025-01-02T17:49:48.563Z}, {@code +00:00}), without one (UTC), with a blank instead of {@code
     * T} and a short offset ({@code 2020-11-02 16:31:01+00}), or a bare date (UTC midnight). Epoch
     * milliseconds; absent, null and empty are null.
     */
    private static Long date(JsonFields n, String name) {
        String text = n.optionalText(name);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            String iso = text.replace(' ', 'T');
            if (iso.matches(".*[+-]\\d\\d")) {
                iso = iso + ":00";
            } else if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:?\\d\\d")) {
                iso = iso + "Z";
            }
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw n.malformed(name, "not a date: '" + text + "'");
        }
    }

    /**
     * A Gamma list field: a JSON array encoded as a string ({@code "[\"Yes\", \"No\"]"}), or a
     * plain JSON array. Elements must be strings, or also numbers when {@code numbers} (prices).
     * Null when absent, null or empty string.
     */
    private static List<String> stringList(JsonFields n, String name, boolean numbers) {
        JsonNode v = n.optionalValue(name);
        if (v == null || (v.isTextual() && v.textValue().isEmpty())) {
            return null;
        }
        String path = n.pathOf(name);
        JsonNode array =
                v.isTextual() ? StrictJson.readEmbedded(v.textValue(), path, "a JSON array") : v;
        if (array == null || !array.isArray()) {
            throw FieldRejection.malformed(
                    path,
                    "expected a JSON array, got " + (array == null ? "nothing" : describe(array)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else if (numbers && e.isNumber()) {
                out.add(e.decimalValue().toPlainString());
            } else {
                throw FieldRejection.malformed(
                        path + "[" + i + "]", "expected a string, got " + describe(e));
            }
        }
        return out;
    }
}
