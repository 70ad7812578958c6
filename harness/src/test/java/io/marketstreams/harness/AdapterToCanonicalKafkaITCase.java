package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.live.CollectingSink;
import io.marketstreams.connectors.live.ConnectionSettings;
import io.marketstreams.connectors.live.FakeVenueServer;
import io.marketstreams.connectors.live.Fixtures;
import io.marketstreams.connectors.live.KafkaRawFrameSink;
import io.marketstreams.connectors.live.KalshiAdapter;
import io.marketstreams.connectors.live.StepClock;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.testkit.OutputChecker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;

/**
 * The live path end to end: a fake Kalshi (a real WebSocket server on localhost), {@link
 * KalshiAdapter}, {@link KafkaRawFrameSink}, the raw topic on the embedded broker, the canonical
 * job (bounded, raw input) and the output checker. Along the way the venue skips a number on a book
 * subscription (the adapter re-subscribes on a new connection) and later cuts a connection (the
 * adapter reconnects); each new connection brings fresh snapshots, and the canonical output has no
 * gap: the gapped book goes RESYNCING and comes back with a RESYNC snapshot.
 */
class AdapterToCanonicalKafkaITCase {
    private static final List<String> TICKERS = List.of("KXFED-25DEC-T4.00", "KXFED-25DEC-T4.25");
    private static final String GAPPED = "KXFED-25DEC-T4.00"; // sid 1 of gap-1.jsonl
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long T0 = 1_795_689_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reconnectsAfterAGapAndADropWithNoGapInTheCanonicalOutput() throws Exception {
        // Connection 1: snapshots, then sid 1 jumps from seq 2 to 4 (the adapter writes that frame
        // and re-subscribes). Connection 2: fresh snapshots, then the venue cuts the TCP
        // connection. Connection 3: fresh snapshots again, which end the story.
        List<String> first = Fixtures.frames("kalshi/gap-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        List<String> third = Fixtures.frames("kalshi/after-drop.jsonl");
        List<List<String>> perConnection = List.of(first, second, third);
        int expectedFrames = first.size() + second.size() + third.size();
        assertThat(first.get(first.size() - 1)).contains("\"sid\":1,\"seq\":4");

        try (JobRuns runs = JobRuns.start()) {
            runs.provisionRaw("ad-in");
            // Discovery first: book input counts only for known markets.
            RawFrame rest =
                    new RawFrame(
                            "kalshi",
                            "kalshi-rest-1",
                            T0 - 1_000,
                            KalshiFrames.restEvent(
                                    new KalshiFrames.Event(
                                            "KXFED-25DEC",
                                            "KXFED",
                                            "Fed upper bound after the December meeting",
                                            null,
                                            "Economics",
                                            true,
                                            null,
                                            List.of(
                                                    KalshiFrames.Market.of(
                                                            TICKERS.get(0),
                                                            "KXFED-25DEC",
                                                            "Above 4.00%",
                                                            "active"),
                                                    KalshiFrames.Market.of(
                                                            TICKERS.get(1),
                                                            "KXFED-25DEC",
                                                            "Above 4.25%",
                                                            "active")))));
            runs.produceFrames("ad-in", List.of(rest));

            List<RawFrame> written;
            List<String> lastSentOnThird;
            KafkaRawFrameSink kafkaSink = new KafkaRawFrameSink(runs.bootstrap(), "ad-in");
            CollectingSink seen = CollectingSink.forwardingTo(kafkaSink);
            try (FakeVenueServer server = FakeVenueServer.start(venue(perConnection))) {
                ConnectionSettings settings =
                        ConnectionSettings.of(server.url(), KalshiAdapter.VENUE_ID)
                                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                                // The JDK client can miss the end of a cut connection; the
                                // watchdog replaces such a connection, so a reconnect
                                // follows the drop either way.
                                .withIdleTimeout(Duration.ofSeconds(1))
                                .withClock(new StepClock(T0));
                KalshiAdapter adapter = new KalshiAdapter(settings, TICKERS, seen);
                try {
                    adapter.start();
                    seen.awaitFrames(first.size() + second.size(), WAIT);
                    assertThat(adapter.gapsDetected()).isEqualTo(1);
                    assertThat(server.peer(1).awaitClosed(WAIT)).isTrue();
                    server.peer(2).drop(); // TCP cut, no close handshake
                    seen.awaitFrames(expectedFrames, WAIT);
                    server.await(
                            () -> adapter.connectionsOpened() >= 3, WAIT, "a third connection");
                    assertThat(server.peer(2).awaitClosed(WAIT)).isTrue();
                } finally {
                    adapter.close();
                }
                seen.flush();
                seen.close();
                written = seen.frames();
                lastSentOnThird = server.peer(3).sentFrames();
                assertThat(adapter.gapsDetected()).isGreaterThanOrEqualTo(1);
                assertThat(adapter.connectionsOpened()).isGreaterThanOrEqualTo(3);
                assertThat(server.connectionCount()).isGreaterThanOrEqualTo(3);
            }
            // Every received frame went to raw once, on the connection that received it.
            assertThat(written).hasSize(expectedFrames);
            List<String> connections = new ArrayList<>();
            for (int c = 0; c < perConnection.size(); c++) {
                for (int i = 0; i < perConnection.get(c).size(); i++) {
                    connections.add("kalshi-" + (c + 1));
                }
            }
            assertThat(written).extracting(RawFrame::connectionId).isEqualTo(connections);

            JobExecutionResult result = runs.rawFrames("ad-in", "ad-out").runBounded();
            OutputChecker.Report report = new OutputChecker(runs.bootstrap(), "ad-out").check();

            // No canonical gap: contiguous per-book sequences, snapshots before deltas,
            // checksums (all checked by the output checker).
            assertThat(report.violations()).isEmpty();
            AccountingIdentities.assertFramesAccountedFor(
                    result.getAllAccumulatorResults(), written.size() + 1L);

            String market = "kalshi:" + GAPPED;
            assertThat(report.quarantined())
                    .filteredOn(q -> q.getReason() == ReasonCode.SEQUENCE_GAP)
                    .extracting(Quarantined::getStage)
                    .isNotEmpty();
            assertThat(report.deltas())
                    .filteredOn(d -> d.getMarketId().equals(market))
                    .anyMatch(d -> d.getHealth() == BookHealth.RESYNCING);
            assertThat(report.snapshots())
                    .filteredOn(
                            s ->
                                    s.getMarketId().equals(market)
                                            && s.getReason() == SnapshotReason.RESYNC)
                    .isNotEmpty();

            // The rebuilt YES book is the last snapshot the venue sent for the market: YES
            // bids as bids, NO bids as asks at 1 - price.
            JsonNode snapshot = lastSnapshot(lastSentOnThird, GAPPED);
            BookReplica yes = report.books().get(market + "|YES");
            assertThat(yes).isNotNull();
            assertThat(yes.levels(BookSide.BID))
                    .containsExactlyElementsOf(
                            levels(snapshot.get("yes_dollars_fp"), false).stream()
                                    .sorted(
                                            Comparator.comparingLong(PriceLevel::getPrice)
                                                    .reversed())
                                    .toList());
            assertThat(yes.levels(BookSide.ASK))
                    .containsExactlyElementsOf(
                            levels(snapshot.get("no_dollars_fp"), true).stream()
                                    .sorted(Comparator.comparingLong(PriceLevel::getPrice))
                                    .toList());
        }
    }

    /**
     * A fake Kalshi: once a connection has sent its three subscribe commands, it plays that
     * connection's frames (connections beyond the list get none).
     */
    private static FakeVenueServer.Behaviour venue(List<List<String>> perConnection) {
        return (peer, text) -> {
            if (peer.received().size() != TICKERS.size() + 1
                    || peer.number > perConnection.size()) {
                return;
            }
            perConnection.get(peer.number - 1).forEach(peer::send);
        };
    }

    private static JsonNode lastSnapshot(List<String> sent, String ticker) throws Exception {
        JsonNode last = null;
        for (String frame : sent) {
            JsonNode node = JSON.readTree(frame);
            if (node.path("type").asText().equals("orderbook_snapshot")
                    && node.path("msg").path("market_ticker").asText().equals(ticker)) {
                last = node.get("msg");
            }
        }
        assertThat(last).as("a snapshot of %s", ticker).isNotNull();
        return last;
    }

    /** Kalshi dollar levels in micro-units; {@code complement}: at 1 - price. */
    private static List<PriceLevel> levels(JsonNode ladder, boolean complement) {
        List<PriceLevel> out = new ArrayList<>();
        for (JsonNode level : ladder) {
            BigDecimal price = new BigDecimal(level.get(0).asText());
            if (complement) {
                price = BigDecimal.ONE.subtract(price);
            }
            long quantity = micros(new BigDecimal(level.get(1).asText()));
            out.add(new PriceLevel(micros(price), quantity));
        }
        return out;
    }

    private static long micros(BigDecimal value) {
        return value.movePointRight(6).longValueExact();
    }
}
