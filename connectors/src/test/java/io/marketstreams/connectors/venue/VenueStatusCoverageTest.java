package io.marketstreams.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.sim.SimulatorOptions;
import io.marketstreams.connectors.sim.VenueSimulator;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The status tables cover every {@code venue_status} the parsers emit, and list nothing a parser
 * never emits: a status a parser starts sending without a table entry would be quarantined by the
 * job as {@code UNKNOWN_MESSAGE}; an entry no parser sends is dead vocabulary.
 */
class VenueStatusCoverageTest {

    /** Kalshi's REST market statuses (docs/venues/kalshi.md), passed on verbatim. */
    private static final List<String> KALSHI_REST_STATUSES =
            List.of(
                    "initialized",
                    "active",
                    "inactive",
                    "closed",
                    "determined",
                    "disputed",
                    "amended",
                    "finalized");

    @Test
    void everyStatusOfEveryFrameShapeIsInItsVenuesTable() {
        Map<String, Set<String>> emitted = new TreeMap<>();
        for (RawFrame frame : everyStatusShape()) {
            emitted.computeIfAbsent(frame.venueId(), v -> new TreeSet<>())
                    .addAll(statusesOf(frame));
        }
        for (Venue venue : Venues.all()) {
            assertThat(emitted.get(venue.id()))
                    .as(venue.id())
                    .containsExactlyInAnyOrderElementsOf(venue.statuses().keySet());
        }
    }

    @Test
    void theSimulatorsLifecycleTrafficUsesOnlyTabledStatuses() {
        Map<String, Set<String>> emitted = new TreeMap<>();
        for (long seed : new long[] {3, 11, 29}) {
            SimulatorOptions options =
                    SimulatorOptions.defaults()
                            .withFaultRate(0)
                            .withCatalog(3, 3)
                            .withResolveShare(1.0);
            VenueSimulator sim = new VenueSimulator(seed, options);
            List<RawFrame> frames = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                frames.add(sim.next());
            }
            frames.addAll(sim.finish());
            for (RawFrame frame : frames) {
                emitted.computeIfAbsent(frame.venueId(), v -> new TreeSet<>())
                        .addAll(statusesOf(frame));
            }
        }
        assertThat(emitted).containsOnlyKeys("kalshi", "polymarket");
        emitted.forEach(
                (venue, statuses) -> {
                    assertThat(statuses).as(venue).isNotEmpty();
                    assertThat(Venues.require(venue).statuses().keySet())
                            .as(venue)
                            .containsAll(statuses);
                });
    }

    /** Frames of every shape that carries a venue status, in both venues. */
    private static List<RawFrame> everyStatusShape() {
        List<RawFrame> frames = new ArrayList<>();
        for (String status : KALSHI_REST_STATUSES) {
            KalshiFrames.Market market =
                    KalshiFrames.Market.of("KX-" + status, "KX", "title", status)
                            .withResult("yes", null);
            frames.add(kalshi(KalshiFrames.restMarket(market)));
        }
        frames.add(kalshi(KalshiFrames.marketLifecycle(4, "KX-A", "activated")));
        frames.add(kalshi(KalshiFrames.marketLifecycle(4, "KX-A", "deactivated")));
        frames.add(kalshi(KalshiFrames.marketLifecycle(4, "KX-A", "created")));
        frames.add(
                kalshi(
                        KalshiFrames.marketCreated(
                                4, "KX-A", "KX", "title", null, null, null, null)));
        frames.add(
                kalshi(KalshiFrames.marketResolved(4, "KX-A", "determined", "no", null, 1_000L)));
        frames.add(kalshi(KalshiFrames.marketResolved(4, "KX-A", "settled", "no", null, 2_000L)));

        frames.add(polymarket(gamma(true, false, null, null)));
        frames.add(polymarket(gamma(false, true, null, null)));
        frames.add(polymarket(gamma(false, true, "proposed", List.of(1_000_000L, 0L))));
        frames.add(polymarket(gamma(false, true, "disputed", null)));
        frames.add(polymarket(gamma(false, true, "resolved", List.of(0L, 1_000_000L))));
        frames.add(
                polymarket(
                        PolymarketFrames.marketResolved(
                                "0xc", List.of("11", "12"), "11", "Yes", 3_000L)));
        return frames;
    }

    private static String gamma(boolean active, boolean closed, String uma, List<Long> prices) {
        PolymarketFrames.GammaMarket market =
                new PolymarketFrames.GammaMarket(
                        "0xc",
                        "Will it rain?",
                        null,
                        List.of("Yes", "No"),
                        List.of("11", "12"),
                        prices,
                        null,
                        null,
                        null,
                        active,
                        closed,
                        uma,
                        null);
        return PolymarketFrames.gammaMarket(market, "100");
    }

    private static List<String> statusesOf(RawFrame frame) {
        ParsedFrame parsed = Venues.require(frame.venueId()).parser().parse(frame);
        assertThat(parsed).as(frame.toString()).isNotInstanceOf(ParsedFrame.Rejected.class);
        List<String> statuses = new ArrayList<>();
        if (parsed instanceof ParsedFrame.Messages messages) {
            for (VenueMessage message : messages.messages()) {
                Object payload = message.getPayload();
                String status = null;
                if (payload instanceof MarketInfo info) {
                    status = info.getVenueStatus();
                } else if (payload instanceof MarketStatus s) {
                    status = s.getVenueStatus();
                } else if (payload instanceof Resolution r) {
                    status = r.getVenueStatus();
                }
                if (status != null) {
                    statuses.add(status);
                }
            }
        }
        return statuses;
    }

    private static RawFrame kalshi(byte[] payload) {
        return new RawFrame("kalshi", "kalshi-1", 1L, payload);
    }

    private static RawFrame polymarket(String json) {
        return new RawFrame(
                "polymarket", "polymarket-1", 1L, json.getBytes(StandardCharsets.UTF_8));
    }
}
