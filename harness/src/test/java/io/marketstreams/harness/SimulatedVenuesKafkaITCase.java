package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.OutputChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seeded simulator's native Kalshi and Polymarket frames, with faults injected, through the raw
 * topics into all canonical streams: the checker finds no invariant broken, every frame and record
 * is accounted for, the rebuilt books equal the simulated venues', and a rerun is byte-identical
 * per key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedVenuesKafkaITCase {
    private static final int FRAMES = 4000;

    private JobRuns runs;
    private VenueSimulator simulator;
    private final List<RawFrame> frames = new ArrayList<>();
    private JobExecutionResult result;
    private OutputChecker.Report report;

    @BeforeAll
    void run() throws Exception {
        runs = JobRuns.start();
        simulator =
                new VenueSimulator(
                        7L,
                        SimulatorOptions.defaults()
                                .withFaultRate(0.03)
                                .withLifecycleSteps(FRAMES * 3 / 4));
        for (int i = 0; i < FRAMES; i++) {
            frames.add(simulator.next());
        }
        frames.addAll(simulator.finish());
        runs.provisionRaw("sim-in");
        runs.produceFrames("sim-in", frames);
        result = runs.rawFrames("sim-in", "sim-a").runBounded();
        report = new OutputChecker(runs.bootstrap(), "sim-a").check();
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    @Test
    void noInvariantIsBrokenAndEveryFrameAndRecordIsAccountedFor() {
        assertThat(report.violations()).isEmpty();
        Map<String, Object> acc = result.getAllAccumulatorResults();
        AccountingIdentities.assertFramesAccountedFor(acc, frames.size());
        assertThat((Long) acc.get(RawFrameFunction.Names.QUARANTINED))
                .as("malformed frames were injected")
                .isPositive();
    }

    @Test
    void booksEqualTheSimulatedVenuesBooks() {
        Map<String, List<List<PriceLevel>>> truth = simulator.trueBooks();
        assertThat(truth).isNotEmpty();
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica book = report.books().get(e.getKey());
            assertThat(book).as(e.getKey()).isNotNull();
            assertThat(book.levels(BookSide.BID)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(book.levels(BookSide.ASK)).as(e.getKey()).isEqualTo(e.getValue().get(1));
        }
    }

    @Test
    void bothVenuesReachEveryLifecycleState() {
        for (String venue : List.of("kalshi", "polymarket")) {
            assertThat(report.lifecycle().marketStates())
                    .filteredOn(s -> s.getMarketId().startsWith(venue + ":"))
                    .extracting(s -> s.getNewState())
                    .as(venue)
                    .contains(MarketState.HALTED, MarketState.RESOLVED, MarketState.DISPUTED);
            assertThat(report.trades()).anyMatch(t -> t.getVenueId().equals(venue));
        }
        assertThat(report.lifecycle().marketStates())
                .as("Kalshi pre-open markets open; halted ones resume")
                .anyMatch(s -> s.getNewState() == MarketState.OPEN);
        assertThat(report.lifecycle().eventResolutions()).isNotEmpty();
    }

    @Test
    void aRerunIsByteIdenticalPerKey() throws Exception {
        runs.rawFrames("sim-in", "sim-b").runBounded();
        runs.assertSameOutput("sim-a", "sim-b", false);
    }
}
