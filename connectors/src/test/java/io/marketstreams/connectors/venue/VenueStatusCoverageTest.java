package io.marketstreams.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
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
                    .addAll(VenueStatusesOf.frame(frame));
        }
        for (Venue venue : Venues.all()) {
            assertThat(emitted.get(venue.id()))
                    .as(venue.id())
                    .containsExactlyInAnyOrderElementsOf(venue.statuses().keySet());
        }
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

    private static RawFrame kalshi(byte[] payload) {
        return new RawFrame("kalshi", "kalshi-1", 1L, payload);
    }

    private static RawFrame polymarket(String json) {
        return new RawFrame(
                "polymarket", "polymarket-1", 1L, json.getBytes(StandardCharsets.UTF_8));
    }
}
