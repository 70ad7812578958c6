package io.marketstreams.savepoints.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.live.KafkaRawFrameSink;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.OutputChecker;
import io.marketstreams.testkit.TopicOffsets;
import io.marketstreams.testkit.TopicRecords;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The shaded job jar on a real standalone Flink session cluster (a JobManager and a TaskManager
 * JVM, RocksDB, exactly-once Kafka sinks, embedded Kafka): the canonical job stops with a savepoint
 * and is restored four times, each run continuing on a new phase of the seeded venue simulator's
 * frames —
 *
 * <ol>
 *   <li>the job jar at parallelism 1, stopped with a savepoint;
 *   <li>the same jar restored at parallelism 2 (a rescale), stopped with a savepoint;
 *   <li>the same jar restored at parallelism 1 again, stopped with a savepoint;
 *   <li>a changed version (the job plus a new stateful operator, {@link CanonicalJobWithAudit})
 *       restored without {@code allowNonRestoredState}, stopped with a drained savepoint;
 * </ol>
 *
 * <p>and then the committed output of this stop/restore chain equals, per key and byte for byte,
 * the output of one uninterrupted run of the job jar over the same frames on the same cluster. The
 * output checker finds no gap, repeat or broken invariant after every step. The tests are the
 * chain's steps, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterSavepointITCase {
    private static final int PHASES = 4;
    private static final int FRAMES_PER_PHASE = 1000;
    private static final String IN = "cluster-in";
    private static final String OUT = "cluster-out";
    private static final String REFERENCE = "cluster-reference";
    private static final String AUDIT_TOPIC = OUT + ".audit.trades-per-market";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> RAW_TOPICS =
            List.of(StreamTopic.RAW_KALSHI.topicName(IN), StreamTopic.RAW_POLYMARKET.topicName(IN));

    private Path dir;
    private JobRuns runs;
    private StandaloneFlinkCluster cluster;
    private FlinkRestApi rest;
    private KafkaRawFrameSink input;
    private VenueSimulator simulator;
    private final List<List<RawFrame>> phases = new ArrayList<>();
    private String jobJarId;

    /**
     * The last savepoint of the chain; each step restores it and replaces it (none if it failed).
     */
    private String savepoint;

    /** Committed output records of the chain after its last step. */
    private int outputCount;

    @RegisterExtension
    final TestWatcher clusterLogsOnFailure =
            new TestWatcher() {
                @Override
                public void testFailed(ExtensionContext context, Throwable cause) {
                    if (cluster != null) {
                        System.err.println(
                                context.getDisplayName() + " failed; " + cluster.logTails());
                    }
                }
            };

    @BeforeAll
    void startKafkaAndCluster() throws Exception {
        // Under target/, wiped here rather than after the run: the cluster's logs stay readable.
        dir = pathProperty("marketstreams.cluster-test.dir");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        runs = JobRuns.start(dir);
        String bootstrap = runs.bootstrap();
        // The links topic stays empty (no curated links), as in the harness's Kafka tests.
        runs.provisionRaw(IN);
        runs.provisionOutputs(OUT);
        runs.provisionOutputs(REFERENCE);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(AUDIT_TOPIC, 3, (short) 1))).all().get();
        }
        input = new KafkaRawFrameSink(bootstrap, IN);

        simulator =
                new VenueSimulator(
                        7L,
                        SimulatorOptions.defaults()
                                .withFaultRate(0.03)
                                .withLifecycleSteps(PHASES * FRAMES_PER_PHASE * 3 / 4));
        for (int p = 0; p < PHASES; p++) {
            List<RawFrame> phase = new ArrayList<>();
            for (int i = 0; i < FRAMES_PER_PHASE; i++) {
                phase.add(simulator.next());
            }
            phases.add(phase);
        }
        // Every open book restated by a fresh venue snapshot: the final books are the venue's.
        phases.get(PHASES - 1).addAll(simulator.finish());

        cluster =
                StandaloneFlinkCluster.start(
                        dir.resolve("flink"),
                        clusterSettings(bootstrap),
                        pathProperty("marketstreams.flink-conf").resolve("log4j.properties"),
                        STEP_TIMEOUT);
        rest = cluster.rest();
        jobJarId = rest.uploadJar(jobJar());
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (input != null) {
                input.close();
            }
            if (runs != null) {
                runs.close();
            }
        }
    }

    @Test
    @Order(1)
    void theJobJarStopsWithASavepoint() throws Exception {
        runPhase(0, jobJarId, CanonicalJob.class.getName(), 1, false);
    }

    @Test
    @Order(2)
    void theSameJarRestoresAtParallelismTwo() throws Exception {
        runPhase(1, jobJarId, CanonicalJob.class.getName(), 2, false);
    }

    @Test
    @Order(3)
    void theSameJarRestoresAtParallelismOneAgain() throws Exception {
        runPhase(2, jobJarId, CanonicalJob.class.getName(), 1, false);
    }

    @Test
    @Order(4)
    void aChangedVersionWithANewStatefulOperatorRestores() throws Exception {
        int tradesBefore = committedTrades(OUT);
        String auditJarId = rest.uploadJar(auditJar());
        runPhase(3, auditJarId, CanonicalJobWithAudit.class.getName(), 1, true);

        // The new operator started empty and counted every trade of its run, per market 1, 2, 3...
        int tradesOfThisRun = committedTrades(OUT) - tradesBefore;
        Map<String, List<Long>> counts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                TopicRecords.readAll(runs.bootstrap(), AUDIT_TOPIC)) {
            counts.computeIfAbsent(
                            new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)));
        }
        assertThat(tradesOfThisRun).as("trades of the changed version's run").isPositive();
        counts.forEach(
                (market, values) ->
                        assertThat(values)
                                .as(market)
                                .isEqualTo(
                                        Stream.iterate(1L, n -> n + 1)
                                                .limit(values.size())
                                                .toList()));
        assertThat(counts.values().stream().mapToInt(List::size).sum()).isEqualTo(tradesOfThisRun);

        // After the closing snapshots, the books are the simulated venues'.
        Map<String, BookReplica> books = new OutputChecker(runs.bootstrap(), OUT).check().books();
        Map<String, List<List<PriceLevel>>> truth = simulator.trueBooks();
        assertThat(truth).isNotEmpty();
        truth.forEach(
                (key, levels) -> {
                    assertThat(books).containsKey(key);
                    assertThat(books.get(key).levels(BookSide.BID))
                            .as(key)
                            .isEqualTo(levels.get(0));
                    assertThat(books.get(key).levels(BookSide.ASK))
                            .as(key)
                            .isEqualTo(levels.get(1));
                });
    }

    @Test
    @Order(5)
    void theOutputEqualsAnUninterruptedRunPerKey() throws Exception {
        assertThat(savepoint).as("the chain's last savepoint").isNotNull();
        String job =
                rest.run(
                        jobJarId,
                        CanonicalJob.class.getName(),
                        programArgs(REFERENCE, Map.of(CanonicalJobOptions.BOUNDED.key(), "true")),
                        2,
                        null);
        String state = rest.awaitTerminal(job, STEP_TIMEOUT);
        assertThat(state).as("reference run" + rest.exceptions(job)).isEqualTo("FINISHED");
        assertThat(new OutputChecker(runs.bootstrap(), REFERENCE).check().violations()).isEmpty();

        int compared = 0;
        for (StreamTopic topic : JobRuns.OUTPUTS) {
            Map<String, List<String>> reference = runs.perKey(REFERENCE, topic, false);
            assertThat(runs.perKey(OUT, topic, false))
                    .as("per-key %s after stop/restore vs uninterrupted", topic.streamName())
                    .isEqualTo(reference);
            compared += reference.size();
        }
        assertThat(compared).as("keys compared").isGreaterThan(100);
    }

    /**
     * One run of the chain: submits the jar (restored from the previous step's savepoint), writes
     * the phase's frames once every task runs, waits until a checkpoint covers part of them (all of
     * them before the drained last stop), stops with a savepoint and checks the committed output so
     * far.
     */
    private void runPhase(
            int phase, String jarId, String entryClass, int parallelism, boolean drain)
            throws Exception {
        String restoreFrom = savepoint;
        // A failed step leaves no savepoint, so the later steps fail at once instead of restoring
        // an older one.
        savepoint = null;
        if (phase > 0) {
            assertThat(restoreFrom).as("the previous step's savepoint").isNotNull();
        }
        int outputBefore = outputCount;
        String job =
                rest.run(
                        jarId,
                        entryClass,
                        programArgs(
                                OUT, Map.of(CanonicalJobWithAudit.AUDIT_TOPIC.key(), AUDIT_TOPIC)),
                        parallelism,
                        restoreFrom);
        String location;
        try {
            rest.awaitAllTasksRunning(job, STEP_TIMEOUT);
            // The keyed operators run at the requested parallelism; the global ones (links source,
            // event linker) stay at 1.
            JsonNode vertices = rest.job(job).path("vertices");
            assertThat(vertices).isNotEmpty();
            Map<String, Integer> parallelisms = new TreeMap<>();
            vertices.forEach(
                    v -> parallelisms.put(v.path("name").asText(), v.path("parallelism").asInt()));
            assertThat(parallelisms)
                    .as("vertex parallelisms")
                    .allSatisfy((name, p) -> assertThat(p).isBetween(1, parallelism))
                    .anySatisfy(
                            (name, p) -> {
                                assertThat(name).startsWith(Stages.MARKET);
                                assertThat(p).isEqualTo(parallelism);
                            });

            Map<TopicPartition, Long> phaseStart = inputEndOffsets();
            for (RawFrame frame : phases.get(phase)) {
                input.accept(frame);
            }
            input.flush();
            // Only the drained last stop waits for all input: it ends event time for good, and
            // what it has not read the chain would never process.
            awaitInputCheckpointed("group-" + OUT, phaseStart, drain);
            location = rest.stopWithSavepoint(job, dir.resolve("savepoints"), drain, STEP_TIMEOUT);
        } catch (Exception | AssertionError e) {
            // A job left running would write into the next step's output.
            rest.cancel(job, STEP_TIMEOUT);
            throw e;
        }

        OutputChecker.Report report = new OutputChecker(runs.bootstrap(), OUT).check();
        assertThat(report.violations()).as("checker after phase %d", phase + 1).isEmpty();
        outputCount = report.counts().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(outputCount).as("the run continued the output").isGreaterThan(outputBefore);
        assertThat(Path.of(URI.create(location)).resolve("_metadata")).isRegularFile();
        savepoint = location;
    }

    private List<String> programArgs(String out, Map<String, String> extra) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), runs.bootstrap());
        args.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), IN);
        args.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), out);
        args.put(CanonicalJobOptions.GROUP_ID.key(), "group-" + out);
        args.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + out);
        args.putAll(extra);
        List<String> list = new ArrayList<>(List.of("--config-dir", cluster.confDir().toString()));
        args.forEach(
                (k, v) -> {
                    list.add("--" + k);
                    list.add(v);
                });
        return list;
    }

    /** The end offsets of the input partitions. */
    private Map<TopicPartition, Long> inputEndOffsets() throws Exception {
        return TopicOffsets.end(runs.bootstrap(), RAW_TOPICS);
    }

    /**
     * Waits until the job's consumer group has committed offsets past {@code from} (some of the
     * phase is covered by a completed checkpoint: the savepoint then cuts through the phase while
     * the job is busy), or, with {@code everything}, the end offset of every input partition. The
     * Kafka source commits offsets when a checkpoint completes.
     */
    private void awaitInputCheckpointed(
            String group, Map<TopicPartition, Long> from, boolean everything) throws Exception {
        if (everything) {
            TopicOffsets.awaitCommitted(runs.bootstrap(), group, RAW_TOPICS, STEP_TIMEOUT);
        } else {
            TopicOffsets.awaitCommittedBeyond(runs.bootstrap(), group, from, STEP_TIMEOUT);
        }
    }

    private int committedTrades(String namespace) {
        return TopicRecords.readAll(
                        runs.bootstrap(), StreamTopic.TRADES_EXECUTED.topicName(namespace))
                .size();
    }

    /**
     * The cluster's config.yaml, also the job's {@code --config-dir}: the job settings of the
     * harness's runs (RocksDB, exactly-once, raw input, the settings flink-conf/cluster/config.yaml
     * requires), sized for a test: 1 s checkpoints, two slots. No {@code parallelism.default}: the
     * job applies its configuration to its environment, so a default there would override the
     * parallelism each run asks for.
     */
    private Map<String, String> clusterSettings(String bootstrap) {
        Map<String, String> s = new LinkedHashMap<>(runs.rawFrames(IN, OUT).settings());
        s.remove("parallelism.default");
        s.put("jobmanager.memory.process.size", "1024m");
        s.put("taskmanager.memory.process.size", "1600m");
        s.put("taskmanager.memory.managed.fraction", "0.25");
        s.put("taskmanager.numberOfTaskSlots", "2");
        s.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        s.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        s.put("execution.checkpointing.interval", "1 s");
        s.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        s.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
        return s;
    }

    /** The shaded job jar the jobs module's package phase built (path set by the pom). */
    private static Path jobJar() {
        Path jar = pathProperty("marketstreams.job-jar");
        assertThat(jar)
                .as("the shaded job jar; build it first (mvn verify, or mvn -pl jobs -am package)")
                .isRegularFile();
        return jar;
    }

    /** A copy of the job jar with {@link CanonicalJobWithAudit}'s classes added. */
    private Path auditJar() throws IOException {
        Path jar = dir.resolve("marketstreams-jobs-with-audit.jar");
        Files.copy(jobJar(), jar);
        Path classes =
                Path.of(
                        URI.create(
                                CanonicalJobWithAudit.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toString()));
        String packageDir = CanonicalJobWithAudit.class.getPackageName().replace('.', '/');
        Set<String> added;
        try (FileSystem zip = FileSystems.newFileSystem(jar);
                Stream<Path> files = Files.list(classes.resolve(packageDir))) {
            added =
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.startsWith(CanonicalJobWithAudit.class.getSimpleName()))
                            .collect(Collectors.toSet());
            Files.createDirectories(zip.getPath(packageDir));
            for (String name : added) {
                Files.copy(
                        classes.resolve(packageDir).resolve(name), zip.getPath(packageDir, name));
            }
        }
        assertThat(added).contains(CanonicalJobWithAudit.class.getSimpleName() + ".class");
        return jar;
    }

    private static Path pathProperty(String property) {
        String value = System.getProperty(property);
        assertThat(value)
                .as("system property " + property + " (set by savepoints/pom.xml)")
                .isNotNull();
        return Path.of(value).toAbsolutePath().normalize();
    }
}
