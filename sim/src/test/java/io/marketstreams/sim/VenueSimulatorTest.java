package io.marketstreams.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketstreams.connectors.kalshi.KalshiFrameParser;
import io.marketstreams.connectors.polymarket.PolymarketFrameParser;
import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Determinism, parsing, message types, faults and book invariants of {@link VenueSimulator}. */
class VenueSimulatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FrameParser KALSHI = new KalshiFrameParser();
    private static final FrameParser POLYMARKET = new PolymarketFrameParser();

    /** {@code count} frames from {@code next()}, then those of {@code finish()}. */
    static List<RawFrame> run(VenueSimulator sim, int count) {
        List<RawFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(sim.next());
        }
        frames.addAll(sim.finish());
        return frames;
    }

    static ParsedFrame parse(RawFrame frame) {
        return (frame.venueId().equals("kalshi") ? KALSHI : POLYMARKET).parse(frame);
    }

    /**
     * A frame's native type: Kalshi {@code type} (lifecycle with its event type) or {@code
     * rest:event} / {@code rest:market:<status>}; Polymarket {@code event_type}, {@code book[]} for
     * an array, {@code gamma:event} / {@code gamma:market:<uma status or closed/open>}; {@code
     * malformed} when not JSON.
     */
    static String typeOf(RawFrame frame) {
        JsonNode root;
        try {
            root = MAPPER.readTree(frame.payload());
        } catch (Exception e) {
            return "malformed";
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return "malformed";
        }
        if (frame.venueId().equals("kalshi")) {
            if (root.has("type")) {
                String type = root.get("type").asText();
                return type.equals("market_lifecycle_v2")
                        ? type + ":" + root.path("msg").path("event_type").asText()
                        : type;
            }
            if (root.has("event")) {
                return "rest:event";
            }
            return "rest:market:" + root.path("market").path("status").asText();
        }
        if (root.isArray()) {
            return "book[]";
        }
        if (root.has("event_type")) {
            return root.get("event_type").asText();
        }
        if (root.has("conditionId")) {
            String uma = root.path("umaResolutionStatus").asText("");
            return "gamma:market:"
                    + (!uma.isEmpty() ? uma : root.path("closed").asBoolean() ? "closed" : "open");
        }
        return "gamma:event";
    }

    @Test
    void sameSeedSameFramesByteForByte() {
        SimulatorOptions options = SimulatorOptions.defaults().withFaultRate(0.05);
        List<RawFrame> a = run(new VenueSimulator(42, options), 5000);
        List<RawFrame> b = run(new VenueSimulator(42, options), 5000);
        List<RawFrame> c = run(new VenueSimulator(43, options), 5000);

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.get(0).receiveTimeMs()).isEqualTo(VenueSimulator.EPOCH_MS);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).receiveTimeMs())
                    .isGreaterThanOrEqualTo(a.get(i - 1).receiveTimeMs());
        }
    }

    @Test
    void everyFrameParsesExceptTheInjectedMalformedOnes() {
        VenueSimulator sim = new VenueSimulator(7, SimulatorOptions.defaults().withFaultRate(0.05));
        List<RawFrame> frames = run(sim, 8000);

        int rejected = 0;
        for (RawFrame frame : frames) {
            ParsedFrame parsed = parse(frame);
            if (parsed instanceof ParsedFrame.Rejected r) {
                rejected++;
                assertThat(typeOf(frame)).as("rejected: %s", r).isEqualTo("malformed");
            } else {
                assertThat(typeOf(frame)).isNotEqualTo("malformed");
            }
        }
        assertThat(rejected).isEqualTo(sim.stats().malformedFrames()).isPositive();
        assertThat(sim.stats().frames()).isEqualTo(frames.size());
    }

    @Test
    void everyMessageTypeOfBothVenuesAppears() {
        List<RawFrame> frames = run(new VenueSimulator(3, SimulatorOptions.defaults()), 8000);
        Set<String> kalshi = new TreeSet<>();
        Set<String> polymarket = new TreeSet<>();
        for (RawFrame frame : frames) {
            (frame.venueId().equals("kalshi") ? kalshi : polymarket).add(typeOf(frame));
        }

        assertThat(kalshi)
                .contains(
                        "rest:event",
                        "rest:market:closed",
                        "rest:market:disputed",
                        "rest:market:amended",
                        "rest:market:finalized",
                        "subscribed",
                        "orderbook_snapshot",
                        "orderbook_delta",
                        "trade",
                        "ticker",
                        "error",
                        "market_lifecycle_v2:activated",
                        "market_lifecycle_v2:deactivated",
                        "market_lifecycle_v2:determined",
                        "market_lifecycle_v2:settled");
        assertThat(polymarket)
                .contains(
                        "gamma:event",
                        "gamma:market:closed",
                        "gamma:market:proposed",
                        "gamma:market:disputed",
                        "gamma:market:resolved",
                        "book[]",
                        "book",
                        "price_change",
                        "last_trade_price",
                        "best_bid_ask",
                        "tick_size_change",
                        "market_resolved");
    }

    @Test
    void catalogFirstThenTheFirstConnectionOfEachVenue() {
        List<RawFrame> frames = run(new VenueSimulator(1, SimulatorOptions.defaults()), 100);

        assertThat(frames.subList(0, 3))
                .allSatisfy(
                        f -> {
                            assertThat(f.connectionId()).isEqualTo(VenueSimulator.KALSHI_REST);
                            assertThat(typeOf(f)).isEqualTo("rest:event");
                        });
        assertThat(frames.subList(3, 6))
                .allSatisfy(
                        f -> {
                            assertThat(f.connectionId()).isEqualTo(VenueSimulator.POLYMARKET_GAMMA);
                            assertThat(typeOf(f)).isEqualTo("gamma:event");
                        });
        assertThat(frames.get(6).connectionId()).isEqualTo("kalshi-1");
        assertThat(typeOf(frames.get(6))).isEqualTo("subscribed");
        for (RawFrame f : frames) {
            String type = typeOf(f);
            boolean rest = type.startsWith("rest:") || type.startsWith("gamma:");
            assertThat(f.connectionId())
                    .matches(
                            rest
                                    ? "kalshi-rest-1|polymarket-gamma-1"
                                    : "kalshi-[0-9]+|polymarket-[0-9]+");
        }
        // The negRisk event has at least three markets.
        JsonNode negRisk = json(frames.get(3));
        assertThat(negRisk.get("negRisk").asBoolean()).isTrue();
        assertThat(negRisk.get("markets").size()).isGreaterThanOrEqualTo(3);
        JsonNode tokens = json(negRisk.get("markets").get(0).get("clobTokenIds").asText());
        assertThat(tokens.get(0).asText()).matches("[1-9][0-9]{76}");
        assertThat(tokens.get(1).asText())
                .matches("[1-9][0-9]{76}")
                .isNotEqualTo(tokens.get(0).asText());
    }

    @Test
    void everyFaultKindIsInjectedAndReconnectsTakeNewConnectionIds() {
        VenueSimulator sim = new VenueSimulator(9, SimulatorOptions.defaults().withFaultRate(0.05));
        List<RawFrame> frames = run(sim, 8000);
        SimulatorStats stats = sim.stats();

        assertThat(stats.repeatedFrames()).isPositive();
        assertThat(stats.lostFrames()).isPositive();
        assertThat(stats.swappedPairs()).isPositive();
        assertThat(stats.malformedFrames()).isPositive();
        assertThat(stats.bursts()).isPositive();
        // Per venue one connection at the start and one at the end, and one after every lost
        // frame (and, on Kalshi, every swap within one subscription).
        assertThat(stats.kalshiConnections() + stats.polymarketConnections())
                .isGreaterThanOrEqualTo(4 + stats.lostFrames());
        assertThat(stats.polymarketConnections()).isGreaterThan(2);
        assertThat(frames.stream().map(RawFrame::connectionId).distinct())
                .contains("kalshi-" + stats.kalshiConnections())
                .contains("polymarket-" + stats.polymarketConnections())
                .doesNotContain("kalshi-" + (stats.kalshiConnections() + 1));
        // A burst: many book changes of one connection with one receive time.
        int longest = 1;
        int run = 1;
        for (int i = 1; i < frames.size(); i++) {
            RawFrame a = frames.get(i - 1);
            RawFrame b = frames.get(i);
            boolean same =
                    a.receiveTimeMs() == b.receiveTimeMs()
                            && a.connectionId().equals(b.connectionId())
                            && Set.of("orderbook_delta", "price_change").contains(typeOf(b));
            run = same ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        assertThat(longest).isGreaterThanOrEqualTo(5);
    }

    @Test
    void withoutFaultsNothingIsRejectedRepeatedOrReconnected() {
        VenueSimulator sim = new VenueSimulator(4, SimulatorOptions.defaults().withFaultRate(0));
        List<RawFrame> frames = run(sim, 5000);

        assertThat(frames).noneMatch(f -> parse(f) instanceof ParsedFrame.Rejected);
        SimulatorStats stats = sim.stats();
        assertThat(stats.repeatedFrames() + stats.lostFrames() + stats.swappedPairs()).isZero();
        assertThat(stats.malformedFrames() + stats.bursts()).isZero();
        // The only reconnects are those of finish().
        assertThat(stats.kalshiConnections()).isEqualTo(2);
        assertThat(stats.polymarketConnections()).isEqualTo(2);
    }

    @Test
    void trueBooksStayValidThroughout() {
        VenueSimulator sim =
                new VenueSimulator(17, SimulatorOptions.defaults().withFaultRate(0.05));
        for (int i = 0; i < 5000; i++) {
            sim.next();
            if (i % 5 == 0) {
                assertValid(sim.trueBooks());
            }
        }
        sim.finish();
        assertValid(sim.trueBooks());
        assertThatThrownBy(sim::next).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(sim::finish).isInstanceOf(IllegalStateException.class);
    }

    private static void assertValid(Map<String, List<List<PriceLevel>>> books) {
        assertThat(books).isNotEmpty();
        books.forEach(
                (key, book) -> {
                    List<PriceLevel> bids = book.get(0);
                    List<PriceLevel> asks = book.get(1);
                    assertThat(bids.size()).as(key).isLessThanOrEqualTo(20);
                    assertThat(asks.size()).as(key).isLessThanOrEqualTo(20);
                    for (List<PriceLevel> side : book) {
                        for (PriceLevel l : side) {
                            assertThat(l.getQuantity()).as(key).isPositive();
                            assertThat(l.getPrice()).as(key).isStrictlyBetween(0L, 1_000_000L);
                            assertThat(l.getPrice() % 10_000).as(key).isZero();
                        }
                    }
                    for (int i = 1; i < bids.size(); i++) {
                        assertThat(bids.get(i).getPrice()).isLessThan(bids.get(i - 1).getPrice());
                    }
                    for (int i = 1; i < asks.size(); i++) {
                        assertThat(asks.get(i).getPrice())
                                .isGreaterThan(asks.get(i - 1).getPrice());
                    }
                    if (!bids.isEmpty() && !asks.isEmpty()) {
                        assertThat(bids.get(0).getPrice())
                                .as("%s not crossed", key)
                                .isLessThan(asks.get(0).getPrice());
                    }
                });
    }

    private static JsonNode json(RawFrame frame) {
        try {
            return MAPPER.readTree(frame.payload());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
