package io.marketstreams.savepoints.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.harness.RunningJob;
import io.marketstreams.jobs.core.linking.EventLink;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.core.linking.Provenance;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.MiniClusters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes a compatibility fixture ({@link CompatibilityFixture}) with the code of this checkout: not
 * a test (its name keeps it out of every test run), a tool run by hand before a change that must
 * stay savepoint-compatible —
 *
 * <pre>
 * mvn -B -pl savepoints -am verify -DskipITs -Dtest=WriteCompatibilityFixture \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmarketstreams.compat.write=DIR
 * </pre>
 *
 * <p>It takes the savepoint after phase 1 and checks, before writing anything, that this very
 * version restores it with identical per-key output: a fixture that its own version cannot pass
 * would prove nothing about the next.
 */
class WriteCompatibilityFixture {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PHASE_FRAMES = 1500;

    @Test
    void write() throws Exception {
        String target = System.getProperty("marketstreams.compat.write");
        assertThat(target).as("-Dmarketstreams.compat.write=DIR").isNotBlank();
        CompatibilityFixture fixture = new CompatibilityFixture(Path.of(target));
        assertThat(fixture.dir()).as("a new fixture directory").doesNotExist();
        Path work = Files.createTempDirectory("marketstreams-compat-write");

        List<List<InputRecord>> phases = input();
        try (JobRuns jobRuns = JobRuns.start(work)) {
            CompatibilityRuns runs =
                    new CompatibilityRuns(jobRuns, CompatibilityRuns.defaultJobSettings());
            runs.provision();
            Map<String, String> settings =
                    runs.run(CompatibilityFixture.OUTPUT_NAMESPACE).settings();

            runs.produce(phases.get(0));
            RunningJob first = runs.run(CompatibilityFixture.OUTPUT_NAMESPACE).start();
            // Books and trades in the savepoint too, not only held input: wait until the quiet
            // inputs count as idle and markets are discovered.
            try {
                runs.awaitOutput(
                        CompatibilityFixture.OUTPUT_NAMESPACE, StreamTopic.ORDERS_DELTA, 200);
            } catch (Exception | AssertionError e) {
                first.cancel();
                throw e;
            }
            Path savepoint = first.stopAfterAllInput(false);
            CompatibilityFixture.Output before = runs.output(CompatibilityFixture.OUTPUT_NAMESPACE);

            runs.produce(phases.get(1));
            runs.run(CompatibilityFixture.OUTPUT_NAMESPACE)
                    .restoreFrom(savepoint)
                    .start()
                    .stopAfterAllInput(true);
            CompatibilityFixture.Output chain = runs.output(CompatibilityFixture.OUTPUT_NAMESPACE);

            runs.run(CompatibilityFixture.REFERENCE_NAMESPACE).runBounded();
            CompatibilityFixture.Output expected =
                    runs.output(CompatibilityFixture.REFERENCE_NAMESPACE);

            assertThat(before.records()).as("output before the savepoint").isGreaterThan(500);
            assertThat(expected.records()).isGreaterThan(before.records());
            assertThat(chain.byStream)
                    .as("this version restores its own savepoint with identical per-key output")
                    .isEqualTo(expected.byStream);

            Files.createDirectories(fixture.dir());
            InputRecord.write(fixture.input(1), phases.get(0));
            InputRecord.write(fixture.input(2), phases.get(1));
            copy(savepoint, fixture.savepoint());
            fixture.writeJobProperties(settings, "job settings of the run that took the savepoint");
            CompatibilityFixture.writeOutput(fixture.before(), before);
            CompatibilityFixture.writeOutput(fixture.expected(), expected);
        } finally {
            delete(work);
        }
    }

    /**
     * Two phases of the seeded simulator's native frames (faults, lifecycle, cross-venue events
     * linked by the rules) and, in phase 1, a curated link of the first Kalshi and Polymarket
     * events, effective before every frame.
     *
     * <p>No link change takes effect after a market was discovered: a re-point races the market's
     * own input in the market stage, and such a fixture could not show identical output even for
     * the version that wrote it (docs/linking.md, "Re-points").
     */
    private static List<List<InputRecord>> input() {
        VenueSimulator simulator =
                new VenueSimulator(
                        11L,
                        SimulatorOptions.defaults()
                                .withFaultRate(0.03)
                                .withLifecycleSteps(PHASE_FRAMES * 2 * 3 / 4));
        List<RawFrame> first = new ArrayList<>();
        List<RawFrame> second = new ArrayList<>();
        for (int i = 0; i < PHASE_FRAMES; i++) {
            first.add(simulator.next());
        }
        for (int i = 0; i < PHASE_FRAMES; i++) {
            second.add(simulator.next());
        }
        second.addAll(simulator.finish());

        List<InputRecord> one = new ArrayList<>();
        EventLink link =
                new EventLink(
                        "polymarket",
                        "120000",
                        "kalshi:KXSIM-26JAN01",
                        10_000,
                        Provenance.CURATED,
                        1);
        one.add(link(LinkChanges.of(link, false, "same race", VenueSimulator.EPOCH_MS - 1000)));
        first.forEach(f -> one.add(frame(f)));
        List<InputRecord> two = new ArrayList<>();
        second.forEach(f -> two.add(frame(f)));
        return List.of(one, two);
    }

    private static InputRecord frame(RawFrame f) {
        List<Header> headers = new ArrayList<>();
        RawFrameWire.headers(f).forEach((k, v) -> headers.add(new RecordHeader(k, v)));
        return new InputRecord(
                RawFrameWire.streamName(f.venueId()),
                RawFrameWire.key(f),
                f.payload(),
                headers,
                // The producer's clock, not the venue's: the raw topics' time retention would
                // delete records stamped with the simulator's 2026-01-01 within half a minute.
                null);
    }

    private static InputRecord link(LinkChange change) {
        AvroCodec<LinkChange> codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader(WireHeaders.STREAM, "links".getBytes(StandardCharsets.UTF_8)));
        headers.add(
                new RecordHeader(
                        WireHeaders.SCHEMA_FINGERPRINT,
                        WireHeaders.fingerprintHeader(codec.fingerprint())));
        return new InputRecord(
                StreamTopic.LINKS.streamName(),
                LinkChanges.key(change).getBytes(StandardCharsets.UTF_8),
                codec.encode(change),
                headers,
                change.getEffectiveTime());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted().toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static void delete(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
