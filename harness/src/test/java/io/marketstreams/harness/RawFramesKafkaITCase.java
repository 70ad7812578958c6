package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.testkit.OutputChecker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Native Kalshi and Polymarket frames through the raw topics into the canonical streams (embedded
 * Kafka, MiniCluster, RocksDB, exactly-once): discovery from REST/Gamma bodies, several markets on
 * one Kalshi subscription, an error reply consuming a number, a repeated frame, a lost frame and
 * the reconnect that heals it, Polymarket token ids mapped to outcomes, bad frames quarantined with
 * their bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawFramesKafkaITCase {
    private static final long T0 = 1_767_225_600_000L;
    private static final long CENT = 10_000L;
    private static final long CONTRACT = 1_000_000L;
    private static final String YES_TOKEN = "1".repeat(70);
    private static final String NO_TOKEN = "2".repeat(70);

    private JobRuns runs;
    private final List<RawFrame> frames = new ArrayList<>();
    private long clock = T0;
    private JobExecutionResult result;
    private OutputChecker.Report report;

    @BeforeAll
    void run() throws Exception {
        runs = JobRuns.start();

        kalshi(
                "kalshi-rest-1",
                KalshiFrames.restEvent(
                        new KalshiFrames.Event(
                                "KXRAIN",
                                "KXRAIN",
                                "Rain in NYC?",
                                null,
                                "Climate",
                                false,
                                null,
                                List.of(
                                        KalshiFrames.Market.of("KXRAIN-A", "KXRAIN", "A", "active"),
                                        KalshiFrames.Market.of(
                                                "KXRAIN-B", "KXRAIN", "B", "active")))));
        kalshi("kalshi-1", KalshiFrames.subscribed(1, 1, "orderbook_delta"));
        kalshi(
                "kalshi-1",
                KalshiFrames.orderbookSnapshot(
                        1, 1, "KXRAIN-A", List.of(level(40, 10)), List.of(level(50, 7))));
        kalshi(
                "kalshi-1",
                KalshiFrames.orderbookSnapshot(
                        1, 2, "KXRAIN-B", List.of(level(30, 5)), List.of(level(60, 5))));
        kalshi(
                "kalshi-1",
                KalshiFrames.orderbookDelta(
                        1, 3, "KXRAIN-A", "YES", 41 * CENT, 3 * CONTRACT, clock));
        kalshi("kalshi-1", KalshiFrames.error(7, 1L, 4L, 8, "unknown command"));
        byte[] deltaB =
                KalshiFrames.orderbookDelta(1, 5, "KXRAIN-B", "NO", 59 * CENT, 2 * CONTRACT, clock);
        kalshi("kalshi-1", deltaB);
        kalshi("kalshi-1", deltaB); // repeated frame
        kalshi(
                "kalshi-1",
                KalshiFrames.trade(
                        2, 1L, "t-1", "KXRAIN-A", 41 * CENT, CONTRACT, TakerSide.SELL, clock));
        // Frame 6 of subscription 1 is lost: A and B see a gap on their next message.
        kalshi(
                "kalshi-1",
                KalshiFrames.orderbookDelta(1, 7, "KXRAIN-A", "YES", 42 * CENT, CONTRACT, clock));
        kalshi(
                "kalshi-1",
                "{\"type\":\"no_such_type\",\"msg\":{}}".getBytes(StandardCharsets.UTF_8));
        // The adapter reconnects and re-subscribes: fresh snapshots on a new connection.
        kalshi(
                "kalshi-2",
                KalshiFrames.orderbookSnapshot(
                        1,
                        1,
                        "KXRAIN-A",
                        List.of(level(42, 1), level(40, 10)),
                        List.of(level(50, 7))));

        poly(
                "polymarket-gamma-1",
                PolymarketFrames.gammaEvent(
                        new PolymarketFrames.GammaEvent(
                                "9001",
                                "Rain in London?",
                                null,
                                "Climate",
                                List.of("weather"),
                                null,
                                null,
                                null,
                                false,
                                List.of(
                                        new PolymarketFrames.GammaMarket(
                                                "0xabc",
                                                "Rain in London tomorrow?",
                                                null,
                                                List.of("Yes", "No"),
                                                List.of(YES_TOKEN, NO_TOKEN),
                                                null,
                                                null,
                                                null,
                                                CENT,
                                                true,
                                                false,
                                                null,
                                                null)))));
        poly(
                "polymarket-1",
                PolymarketFrames.books(
                        List.of(
                                new PolymarketFrames.Book(
                                        "0xabc",
                                        YES_TOKEN,
                                        clock,
                                        List.of(new PriceLevel(48 * CENT, 100 * CONTRACT)),
                                        List.of(new PriceLevel(52 * CENT, 80 * CONTRACT))),
                                new PolymarketFrames.Book(
                                        "0xabc",
                                        NO_TOKEN,
                                        clock,
                                        List.of(new PriceLevel(48 * CENT, 80 * CONTRACT)),
                                        List.of(new PriceLevel(52 * CENT, 100 * CONTRACT))))));
        poly(
                "polymarket-1",
                PolymarketFrames.priceChange(
                        "0xabc",
                        clock + 1,
                        List.of(
                                new PolymarketFrames.Change(
                                        YES_TOKEN, BookSide.BID, 49 * CENT, 20 * CONTRACT),
                                new PolymarketFrames.Change(
                                        NO_TOKEN, BookSide.ASK, 51 * CENT, 20 * CONTRACT))));
        poly(
                "polymarket-1",
                PolymarketFrames.lastTradePrice(
                        new PolymarketFrames.Trade(
                                "0xabc",
                                YES_TOKEN,
                                52 * CENT,
                                5 * CONTRACT,
                                TakerSide.BUY,
                                clock + 2,
                                "0xfeed")));
        frames.add(
                new RawFrame(
                        "polymarket",
                        "polymarket-1",
                        tick(),
                        "{not json".getBytes(StandardCharsets.UTF_8)));

        runs.provisionRaw("raw-in");
        runs.produceFrames("raw-in", frames);
        result = runs.rawFrames("raw-in", "raw-a").runBounded();
        report = new OutputChecker(runs.bootstrap(), "raw-a").check();
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    private long tick() {
        clock += 100;
        return clock;
    }

    private void kalshi(String connection, byte[] payload) {
        frames.add(new RawFrame("kalshi", connection, tick(), payload));
    }

    private void poly(String connection, String json) {
        frames.add(
                new RawFrame(
                        "polymarket", connection, tick(), json.getBytes(StandardCharsets.UTF_8)));
    }

    private static KalshiFrames.Level level(long cents, long contracts) {
        return new KalshiFrames.Level(cents * CENT, contracts * CONTRACT);
    }

    @Test
    void framesAreAccountedForAndTheOutputKeepsEveryInvariant() {
        assertThat(report.violations()).isEmpty();
        Map<String, Object> acc = result.getAllAccumulatorResults();
        AccountingIdentities.assertFramesAccountedFor(acc, frames.size());
        assertThat(acc.get(RawFrameFunction.Names.DUPLICATES)).isEqualTo(1L);
        assertThat(acc.get(RawFrameFunction.Names.IGNORED)).as("subscribed, error").isEqualTo(2L);
    }

    @Test
    void badFramesAreQuarantinedWithTheirBytes() {
        List<Quarantined> raw =
                report.quarantined().stream()
                        .filter(q -> q.getStage().equals("raw-frames"))
                        .toList();
        assertThat(raw)
                .extracting(Quarantined::getReason)
                .containsExactlyInAnyOrder(ReasonCode.UNKNOWN_MESSAGE, ReasonCode.MALFORMED);
        Quarantined malformed =
                raw.stream()
                        .filter(q -> q.getReason() == ReasonCode.MALFORMED)
                        .findFirst()
                        .orElseThrow();
        byte[] payload = new byte[malformed.getPayload().remaining()];
        malformed.getPayload().duplicate().get(payload);
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(malformed.getSourceTopic()).isEqualTo("raw-in.raw.polymarket");
    }

    @Test
    void anErrorReplyIsNoGapButALostFrameIsAndTheReconnectHealsIt() {
        // B saw no gap from the error reply: its delta applied.
        assertThat(report.books().get("kalshi:KXRAIN-B|NO").levels(BookSide.BID))
                .containsExactly(
                        new PriceLevel(60 * CENT, 5 * CONTRACT),
                        new PriceLevel(59 * CENT, 2 * CONTRACT));
        // A: the lost frame made it resync; the new connection's snapshot restored it.
        assertThat(report.deltas())
                .filteredOn(d -> d.getMarketId().equals("kalshi:KXRAIN-A"))
                .anyMatch(d -> d.getHealth() == BookHealth.RESYNCING);
        assertThat(report.snapshots())
                .filteredOn(
                        s ->
                                s.getMarketId().equals("kalshi:KXRAIN-A")
                                        && s.getReason() == SnapshotReason.RESYNC)
                .hasSize(2);
        BookReplica yes = report.books().get("kalshi:KXRAIN-A|YES");
        assertThat(yes.levels(BookSide.BID))
                .containsExactly(
                        new PriceLevel(42 * CENT, CONTRACT),
                        new PriceLevel(40 * CENT, 10 * CONTRACT));
        assertThat(report.quarantined())
                .extracting(Quarantined::getReason)
                .contains(ReasonCode.SEQUENCE_GAP);
    }

    @Test
    void polymarketTokensBecomeOutcomes() {
        assertThat(report.books().get("polymarket:0xabc|YES").levels(BookSide.BID))
                .containsExactly(
                        new PriceLevel(49 * CENT, 20 * CONTRACT),
                        new PriceLevel(48 * CENT, 100 * CONTRACT));
        assertThat(report.books().get("polymarket:0xabc|NO").levels(BookSide.ASK))
                .containsExactly(
                        new PriceLevel(51 * CENT, 20 * CONTRACT),
                        new PriceLevel(52 * CENT, 100 * CONTRACT));
        assertThat(report.trades())
                .extracting(Trade::getMarketId, Trade::getOutcomeId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("kalshi:KXRAIN-A", "YES"),
                        org.assertj.core.groups.Tuple.tuple("polymarket:0xabc", "YES"));
        assertThat(report.lifecycle().events())
                .extracting(e -> e.getEventId())
                .containsExactlyInAnyOrder("kalshi:KXRAIN", "polymarket:9001");
    }

    @Test
    void aRerunIsByteIdenticalPerKey() throws Exception {
        runs.rawFrames("raw-in", "raw-b").runBounded();
        runs.assertSameOutput("raw-a", "raw-b", false);
    }
}
