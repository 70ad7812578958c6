package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.testkit.OutputChecker;
import io.marketstreams.testkit.VenueMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Lifecycle scenarios end to end (embedded Kafka, MiniCluster, RocksDB, exactly-once): every
 * scenario runs on its own markets in one input, and the independent output checker (the spec's
 * five invariants) must find nothing wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleKafkaITCase {
    private static final long T0 = 1_767_225_600_000L;

    private JobRuns runs;
    private final List<VenueRecord> inputs = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
    private long clock = T0;
    private JobExecutionResult result;
    private OutputChecker.Report report;

    @BeforeAll
    void run() throws Exception {
        runs = JobRuns.start();

        // Happy path: event -> two markets -> open -> books and trades -> close -> resolve.
        event("HAPPY");
        market("HAPPY-A", "HAPPY", "active");
        market("HAPPY-B", "HAPPY", "active");
        event("HAPPY"); // duplicate discovery
        market("HAPPY-A", "HAPPY", "active"); // duplicate discovery
        book("HAPPY-A");
        delta("HAPPY-A", 450_000L, 5_000_000L);
        trade("HAPPY-A", "h1");
        book("HAPPY-B");
        trade("HAPPY-B", "h2");
        status("HAPPY-A", "closed");
        resolve("HAPPY-A", "YES", "determined");
        resolve("HAPPY-A", "YES", "finalized");
        status("HAPPY-B", "closed");
        resolve("HAPPY-B", "NO", "determined");
        resolve("HAPPY-B", "NO", "finalized");

        // Halt and resume: books flow while halted, trades do not.
        event("HALT");
        market("HALT-M", "HALT", "active");
        book("HALT-M");
        status("HALT-M", "inactive");
        trade("HALT-M", "halted-trade"); // MARKET_NOT_OPEN
        delta("HALT-M", 400_000L, 1_000_000L);
        status("HALT-M", "active");
        trade("HALT-M", "resumed-trade");

        // A dispute that flips the outcome.
        event("DISP");
        market("DISP-M", "DISP", "active");
        resolve("DISP-M", "YES", "determined");
        status("DISP-M", "disputed");
        resolve("DISP-M", "NO", "amended");
        resolve("DISP-M", "NO", "finalized");

        // An orphan market: its event never comes; its trade waits with it.
        market("ORPH-M", "ORPH", "active");
        trade("ORPH-M", "orphan-trade");

        // A market seen before its event, and its trade before both: all wait, then flow.
        trade("EARLY-M", "early-trade");
        market("EARLY-M", "EARLY", "active");
        event("EARLY");

        // Trade after close; delta after resolution.
        event("LATE");
        market("LATE-M", "LATE", "active");
        book("LATE-M");
        status("LATE-M", "closed");
        trade("LATE-M", "after-close"); // MARKET_NOT_OPEN
        resolve("LATE-M", "YES", "determined");
        delta("LATE-M", 300_000L, 1_000_000L); // MARKET_NOT_OPEN

        // Out-of-order status: an older "active" after a newer "inactive".
        event("OOO");
        market("OOO-M", "OOO", "active");
        status("OOO-M", "inactive");
        clock -= 5_000;
        status("OOO-M", "active"); // STALE
        clock += 10_000;

        runs.provisionVenueMessages("life-in");
        runs.produce("life-in", inputs);
        result = runs.venueMessages("life-in", "life-a").runBounded();
        report = new OutputChecker(runs.bootstrap(), "life-a").check();
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    @Test
    void theOutputKeepsEveryInvariantAndAccountsForEveryInput() {
        assertThat(report.violations()).isEmpty();
        Map<String, Object> acc = result.getAllAccumulatorResults();
        assertThat(AccountingIdentities.assertRecordsAccountedFor(acc)).isEqualTo(inputs.size());
        assertThat(acc.get(RecordAccounting.Names.DUPLICATES)).isEqualTo(2L);
        Map<ReasonCode, Long> reasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            reasons.merge(q.getReason(), 1L, Long::sum);
        }
        assertThat(reasons)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                ReasonCode.MARKET_NOT_OPEN, 3L,
                                ReasonCode.ORPHAN_MARKET, 1L,
                                ReasonCode.UNKNOWN_MARKET, 1L,
                                ReasonCode.STALE, 1L));
    }

    @Test
    void happyPathEndsWithAFinalEventResolutionAndClosedBooks() {
        List<EventResolution> happy =
                report.lifecycle().eventResolutions().stream()
                        .filter(r -> r.getEventId().equals("kalshi:HAPPY"))
                        .toList();
        assertThat(happy)
                .extracting(EventResolution::getFinalityStatus)
                .containsExactly(FinalityStatus.TENTATIVE, FinalityStatus.FINAL);
        assertThat(happy.get(1).getResolvedOutcome()).isEqualTo("kalshi:HAPPY-A");
        assertThat(report.lifecycle().events())
                .filteredOn(e -> e.getEventId().equals("kalshi:HAPPY"))
                .hasSize(1);
        assertThat(report.snapshots())
                .filteredOn(s -> s.getReason() == SnapshotReason.CLOSED)
                .extracting(s -> s.getMarketId() + "|" + s.getOutcomeId())
                .containsExactlyInAnyOrder(
                        "kalshi:HAPPY-A|YES",
                        "kalshi:HAPPY-A|NO",
                        "kalshi:HAPPY-B|YES",
                        "kalshi:HAPPY-B|NO",
                        "kalshi:LATE-M|YES",
                        "kalshi:LATE-M|NO");
        assertThat(report.trades())
                .extracting(t -> t.getVenueTradeId())
                .containsExactlyInAnyOrder("h1", "h2", "resumed-trade", "early-trade");
    }

    @Test
    void haltAndResumeAreTwoTransitionsWithReasons() {
        assertThat(states("kalshi:HALT-M"))
                .extracting(MarketStateChange::getReason)
                .containsExactly("VENUE_PAUSED", "VENUE_RESUMED");
    }

    @Test
    void aDisputeFlipsTheOutcomeWithHigherRevisions() {
        List<MarketResolution> resolutions =
                report.lifecycle().marketResolutions().stream()
                        .filter(r -> r.getMarketId().equals("kalshi:DISP-M"))
                        .toList();
        assertThat(resolutions)
                .extracting(MarketResolution::getRevision, MarketResolution::getResolvedOutcomeId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "YES"),
                        org.assertj.core.groups.Tuple.tuple(2, "NO"),
                        org.assertj.core.groups.Tuple.tuple(3, "NO"));
        assertThat(resolutions.get(2).getConfidenceLevel()).isEqualTo(ResolutionConfidence.FINAL);
        assertThat(states("kalshi:DISP-M"))
                .extracting(MarketStateChange::getNewState)
                .containsExactly(MarketState.RESOLVED, MarketState.DISPUTED, MarketState.RESOLVED);
        assertThat(
                        report.lifecycle().eventResolutions().stream()
                                .filter(r -> r.getEventId().equals("kalshi:DISP"))
                                .map(EventResolution::getFinalityStatus))
                .containsExactly(
                        FinalityStatus.TENTATIVE,
                        FinalityStatus.DISPUTED,
                        FinalityStatus.TENTATIVE,
                        FinalityStatus.FINAL);
    }

    @Test
    void marketsWaitForTheirEventAndOrphansAreQuarantined() {
        assertThat(report.lifecycle().markets())
                .extracting(m -> m.getMarketId())
                .contains("kalshi:EARLY-M")
                .doesNotContain("kalshi:ORPH-M");
        assertThat(report.quarantined())
                .filteredOn(q -> q.getReason() == ReasonCode.ORPHAN_MARKET)
                .singleElement()
                .satisfies(q -> assertThat(q.getMarketId()).isEqualTo("kalshi:ORPH-M"));
    }

    @Test
    void aRerunIsByteIdenticalPerKey() throws Exception {
        runs.venueMessages("life-in", "life-b").runBounded();
        runs.assertSameOutput("life-a", "life-b", false);
    }

    private List<MarketStateChange> states(String marketId) {
        return report.lifecycle().marketStates().stream()
                .filter(s -> s.getMarketId().equals(marketId))
                .toList();
    }

    // --- input builders (Kalshi vocabulary) ---

    private void add(String key, Object payload, Long sequence, String stream) {
        clock += 1_000;
        VenueMessage m =
                VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueSequence(sequence)
                        .setVenueStreamId(stream)
                        .setVenueEventTime(clock)
                        .setIngestTime(clock + 1)
                        .setPayload(payload)
                        .build();
        inputs.add(VenueRecord.of(key, codec.encode(m), codec.fingerprint()));
    }

    private void event(String id) {
        add(
                "kalshi:event:" + id,
                EventInfo.newBuilder().setVenueEventId(id).setEventName("Event " + id).build(),
                null,
                null);
    }

    private void market(String id, String event, String status) {
        add(
                "kalshi:" + id,
                VenueMessages.binaryMarket(id, event, "Market " + id, status),
                null,
                null);
    }

    private long nextSequence(String market) {
        return sequences.merge(market, 1L, Long::sum);
    }

    private void book(String market) {
        add(
                "kalshi:" + market,
                new BookSnapshot(
                        market,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(new PriceLevel(400_000L, 10_000_000L))),
                                new Ladder(
                                        "NO",
                                        BookSide.BID,
                                        List.of(new PriceLevel(500_000L, 7_000_000L))))),
                nextSequence(market),
                "sid-" + market);
    }

    private void delta(String market, long price, long change) {
        add(
                "kalshi:" + market,
                new BookDelta(
                        market,
                        List.of(
                                new LevelUpdate(
                                        "YES", BookSide.BID, price, change, UpdateKind.DELTA))),
                nextSequence(market),
                "sid-" + market);
    }

    private void trade(String market, String id) {
        add(
                "kalshi:" + market,
                TradeReport.newBuilder()
                        .setVenueTradeId(id)
                        .setVenueMarketId(market)
                        .setOutcomeId("YES")
                        .setPrice(420_000L)
                        .setQuantity(1_000_000L)
                        .setTakerSide(TakerSide.BUY)
                        .build(),
                null,
                null);
    }

    private void status(String market, String status) {
        add("kalshi:" + market, new MarketStatus(market, status, null), null, null);
    }

    private void resolve(String market, String outcome, String status) {
        add(
                "kalshi:" + market,
                Resolution.newBuilder()
                        .setVenueMarketId(market)
                        .setResolvedOutcomeId(outcome)
                        .setPayouts(List.of())
                        .setVenueStatus(status)
                        .setResolutionSource("kalshi")
                        .build(),
                null,
                null);
    }
}
