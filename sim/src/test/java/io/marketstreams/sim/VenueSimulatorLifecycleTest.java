package io.marketstreams.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle the simulator plays, read back through the parsers: per market, the sequence of
 * what its frames say ({@code info:<status>}, lifecycle statuses, {@code <status>:<outcome>} for
 * resolutions, {@code book}, {@code trade}).
 */
class VenueSimulatorLifecycleTest {
    private static final Map<String, List<String>> KALSHI = new LinkedHashMap<>();
    private static final Map<String, List<String>> POLYMARKET = new LinkedHashMap<>();
    private static final Map<String, String> EVENT_OF_MARKET = new HashMap<>();
    private static final Map<String, Boolean> NEG_RISK_EVENT = new HashMap<>();

    @BeforeAll
    static void replay() {
        List<RawFrame> frames =
                VenueSimulatorTest.run(
                        new VenueSimulator(31, SimulatorOptions.defaults().withFaultRate(0.02)),
                        8000);
        Map<String, String> outcomeOfToken = new HashMap<>();
        for (RawFrame frame : frames) {
            boolean kalshi = frame.venueId().equals("kalshi");
            Map<String, List<String>> log = kalshi ? KALSHI : POLYMARKET;
            ParsedFrame parsed = VenueSimulatorTest.parse(frame);
            if (!(parsed instanceof ParsedFrame.Messages messages)) {
                continue;
            }
            for (VenueMessage m : messages.messages()) {
                Object p = m.getPayload();
                if (p instanceof io.marketstreams.schema.venue.EventInfo e) {
                    NEG_RISK_EVENT.put(e.getVenueEventId(), "negRisk".equals(e.getEventType()));
                } else if (p instanceof MarketInfo info) {
                    for (Outcome o : info.getOutcomes()) {
                        if (o.getVenueOutcomeId() != null) {
                            outcomeOfToken.put(o.getVenueOutcomeId(), o.getOutcomeId());
                        }
                    }
                    EVENT_OF_MARKET.put(info.getVenueMarketId(), info.getVenueEventId());
                    add(log, info.getVenueMarketId(), "info:" + info.getVenueStatus());
                } else if (p instanceof MarketStatus s) {
                    add(log, s.getVenueMarketId(), s.getVenueStatus());
                } else if (p instanceof Resolution r) {
                    String outcome = r.getResolvedOutcomeId();
                    add(
                            log,
                            r.getVenueMarketId(),
                            r.getVenueStatus()
                                    + ":"
                                    + outcomeOfToken.getOrDefault(outcome, outcome));
                } else if (p instanceof BookSnapshot s) {
                    add(log, s.getVenueMarketId(), "book");
                } else if (p instanceof BookDelta d) {
                    add(log, d.getVenueMarketId(), "book");
                } else if (p instanceof TradeReport t) {
                    add(log, t.getVenueMarketId(), "trade");
                }
            }
        }
    }

    private static void add(Map<String, List<String>> log, String market, String entry) {
        log.computeIfAbsent(market, k -> new ArrayList<>()).add(entry);
    }

    @Test
    void kalshiMarketsOpenHaltResumeCloseResolveAndSettle() {
        assertThat(KALSHI).hasSize(9);
        assertThat(KALSHI.values())
                .anySatisfy(
                        log -> {
                            assertThat(log.get(0)).isEqualTo("info:initialized");
                            assertThat(log).contains("activated");
                            assertThat(log.subList(0, log.indexOf("activated")))
                                    .doesNotContain("book", "trade");
                        })
                .anySatisfy(log -> assertThat(log).containsSubsequence("deactivated", "activated"))
                .anySatisfy(
                        log -> {
                            assertThat(log).doesNotContain("info:disputed");
                            String determined = first(log, "determined:");
                            assertThat(log)
                                    .containsSubsequence(
                                            "info:closed",
                                            determined,
                                            "settled:" + outcome(determined));
                        });
    }

    @Test
    void exactlyOneKalshiDisputeFlipsTheOutcome() {
        List<List<String>> disputed =
                KALSHI.values().stream().filter(l -> l.contains("info:disputed")).toList();
        assertThat(disputed).hasSize(1);
        List<String> log = disputed.get(0);
        String determined = log.stream().filter(e -> e.startsWith("determined:")).findFirst().get();
        String first = determined.substring("determined:".length());
        String other = first.equals("YES") ? "NO" : "YES";
        assertThat(log)
                .containsSubsequence(
                        "info:closed",
                        determined,
                        "info:disputed",
                        "info:amended",
                        "amended:" + other,
                        "info:finalized",
                        "finalized:" + other);
    }

    @Test
    void polymarketMarketsCloseProposeAndResolveThroughGammaAndTheWebSocket() {
        assertThat(POLYMARKET).hasSize(9);
        assertThat(POLYMARKET.values())
                .anySatisfy(
                        log -> {
                            assertThat(log).doesNotContain("uma:disputed");
                            assertThat(log)
                                    .containsSubsequence(
                                            "info:closed",
                                            first(log, "uma:proposed:"),
                                            first(log, "uma:resolved:"));
                        })
                .anySatisfy(
                        log ->
                                assertThat(log)
                                        .containsSubsequence(
                                                "info:closed",
                                                first(log, "uma:proposed:"),
                                                first(log, "resolved:")));
        for (List<String> log : POLYMARKET.values()) {
            String proposed = first(log, "uma:proposed:");
            String last = lastResolution(log);
            if (proposed != null && !log.contains("uma:disputed")) {
                assertThat(outcome(last)).isEqualTo(outcome(proposed));
            }
        }
    }

    @Test
    void exactlyOnePolymarketDisputeFlipsTheOutcome() {
        List<List<String>> disputed =
                POLYMARKET.values().stream().filter(l -> l.contains("uma:disputed")).toList();
        assertThat(disputed).hasSize(1);
        List<String> log = disputed.get(0);
        String proposed = first(log, "uma:proposed:");
        String resolved = first(log, "uma:resolved:");
        assertThat(log).containsSubsequence("info:closed", proposed, "uma:disputed", resolved);
        assertThat(outcome(resolved)).isNotEqualTo(outcome(proposed));
    }

    @Test
    void negRiskEventHasAtMostOneWinner() {
        long winners =
                POLYMARKET.entrySet().stream()
                        .filter(e -> NEG_RISK_EVENT.get(EVENT_OF_MARKET.get(e.getKey())))
                        .filter(e -> "YES".equals(outcome(lastResolution(e.getValue()))))
                        .count();
        assertThat(winners).isLessThanOrEqualTo(1);
        assertThat(NEG_RISK_EVENT).containsValue(true);
    }

    @Test
    void noBooksOrTradesAfterResolutionAndNoTradesWhileHalted() {
        Map<String, List<String>> all = new LinkedHashMap<>(KALSHI);
        all.putAll(POLYMARKET);
        all.forEach(
                (market, log) -> {
                    boolean halted = false;
                    boolean resolved = false;
                    for (String e : log) {
                        if (resolved) {
                            assertThat(e).as(market).isNotIn("book", "trade");
                        }
                        if (halted) {
                            assertThat(e).as(market).isNotEqualTo("trade");
                        }
                        if (e.equals("deactivated") || e.equals("info:closed")) {
                            halted = true;
                        } else if (e.equals("activated")) {
                            halted = false;
                        }
                        if (e.startsWith("determined:") || e.startsWith("uma:proposed:")) {
                            resolved = true;
                        }
                    }
                });
    }

    private static String first(List<String> log, String prefix) {
        return log.stream().filter(e -> e.startsWith(prefix)).findFirst().orElse(null);
    }

    private static String lastResolution(List<String> log) {
        String last = null;
        for (String e : log) {
            if (e.startsWith("uma:proposed:")
                    || e.startsWith("uma:resolved:")
                    || e.startsWith("resolved:")) {
                last = e;
            }
        }
        return last;
    }

    private static String outcome(String entry) {
        return entry == null ? null : entry.substring(entry.lastIndexOf(':') + 1);
    }
}
