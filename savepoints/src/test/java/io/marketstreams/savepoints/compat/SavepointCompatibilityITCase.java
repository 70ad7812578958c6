package io.marketstreams.savepoints.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.harness.JobRuns;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.MiniClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped compatibility fixture ({@code src/test/resources/compat/*}, {@link
 * CompatibilityFixture}) — a savepoint an earlier version of the job took — restores into the
 * current job, and the output the fixture committed before the savepoint followed by the current
 * job's output after the restore equals, per key and byte for byte, the earlier version's
 * uninterrupted run. The current job's own uninterrupted run equals it too: the version changed the
 * code, not the output.
 */
class SavepointCompatibilityITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    static List<Path> fixtures() throws Exception {
        Path root = Path.of(SavepointCompatibilityITCase.class.getResource("/compat").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void restoresWithIdenticalPerKeyOutput(Path dir) throws Exception {
        CompatibilityFixture fixture = new CompatibilityFixture(dir);
        CompatibilityFixture.Output before = CompatibilityFixture.readOutput(fixture.before());
        CompatibilityFixture.Output expected = CompatibilityFixture.readOutput(fixture.expected());
        Path work = Files.createTempDirectory("marketstreams-compat");
        try (JobRuns jobRuns = JobRuns.start(work)) {
            CompatibilityRuns runs = new CompatibilityRuns(jobRuns, fixture.readJobProperties());
            runs.provision();
            // Both phases at once: the restored sources resume at the savepoint's offsets.
            runs.produce(InputRecord.read(fixture.input(1)));
            runs.produce(InputRecord.read(fixture.input(2)));

            runs.run(CompatibilityFixture.OUTPUT_NAMESPACE)
                    .restoreFrom(fixture.savepoint())
                    .start()
                    .stopAfterAllInput(true);
            CompatibilityFixture.Output after = runs.output(CompatibilityFixture.OUTPUT_NAMESPACE);
            assertThat(after.records()).as("output after the restore").isPositive();
            assertThat(concat(before, after).byStream)
                    .as(
                            "%s: output before the savepoint, then after the restore",
                            dir.getFileName())
                    .isEqualTo(expected.byStream);

            runs.run(CompatibilityFixture.REFERENCE_NAMESPACE).runBounded();
            assertThat(runs.output(CompatibilityFixture.REFERENCE_NAMESPACE).byStream)
                    .as("%s: an uninterrupted run of this version", dir.getFileName())
                    .isEqualTo(expected.byStream);
        } finally {
            WriteCompatibilityFixture.delete(work);
        }
    }

    /** Per key, the records before and then after; quarantine keys stay sorted multisets. */
    private static CompatibilityFixture.Output concat(
            CompatibilityFixture.Output before, CompatibilityFixture.Output after) {
        CompatibilityFixture.Output all = new CompatibilityFixture.Output();
        for (CompatibilityFixture.Output part : List.of(before, after)) {
            part.byStream.forEach(
                    (topic, byKey) ->
                            byKey.forEach(
                                    (key, digests) ->
                                            all.of(topic)
                                                    .computeIfAbsent(key, k -> new ArrayList<>())
                                                    .addAll(digests)));
        }
        for (Map.Entry<StreamTopic, Map<String, List<String>>> e : all.byStream.entrySet()) {
            if (e.getKey() == StreamTopic.QUARANTINE) {
                e.getValue().values().forEach(list -> list.sort(String::compareTo));
            }
        }
        return all;
    }
}
