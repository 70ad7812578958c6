package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.testkit.FailOnceWhenArmed;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OutputChecker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's metrics as an operator sees them: a MiniCluster with the Prometheus reporter of {@code
 * flink-conf/cluster/config.yaml} runs the canonical job on book traffic with venue gaps, and the
 * test scrapes the reporter's HTTP endpoint and compares every marketstreams metric with the
 * committed output. Book-health gauges must also be right after a failover, when the restored
 * operator has to count books it did not change since it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsKafkaITCase {
    private static final int PROMETHEUS_PORT = freePort();
    private static final String PREFIX = "flink_taskmanager_job_task_operator_marketstreams_";

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            MiniClusters.extension(MiniClusters.SLOTS, reporterConfiguration());

    private JobRuns runs;
    private final List<VenueRecord> inputs = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The metric settings of {@code flink-conf/cluster/config.yaml} (reporter, RocksDB native
     * metrics), with the reporter on a free port.
     */
    private static Configuration reporterConfiguration() {
        Map<String, String> cluster =
                GlobalConfiguration.loadConfiguration(
                                Path.of("..", "flink-conf", "cluster").toAbsolutePath().toString())
                        .toMap();
        Map<String, String> metrics = new HashMap<>();
        cluster.forEach(
                (key, value) -> {
                    if (key.startsWith("metrics.")
                            || key.startsWith("state.backend.rocksdb.metrics.")) {
                        metrics.put(key, value);
                    }
                });
        assertThat(metrics)
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        metrics.put("metrics.reporter.prom.port", String.valueOf(PROMETHEUS_PORT));
        return Configuration.fromMap(metrics);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void start() throws Exception {
        runs = JobRuns.start();
        BookTrafficGenerator generator = new BookTrafficGenerator(8L, 4, 4, 0.10);
        List<GeneratedRecord> generated = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            generated.add(generator.next());
        }
        // The generator resubscribes right after each gap, so its books end LIVE; a last delta
        // far ahead of its market's venue sequence leaves that market's books RESYNCING.
        generated.add(gapAfterLastSequencedDelta(generated));
        generated.forEach(
                r -> inputs.add(VenueRecord.of(r.key(), r.value(), r.schemaFingerprint())));
    }

    private static GeneratedRecord gapAfterLastSequencedDelta(List<GeneratedRecord> generated) {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        for (int i = generated.size() - 1; i >= 0; i--) {
            GeneratedRecord r = generated.get(i);
            VenueMessage message;
            try {
                message = codec.decode(r.value());
            } catch (Exception deliberatelyBroken) {
                continue;
            }
            if (message.getPayload() instanceof BookDelta && message.getVenueSequence() != null) {
                message.setVenueSequence(message.getVenueSequence() + 1000);
                message.setIngestTime(message.getIngestTime() + 1);
                return new GeneratedRecord(
                        r.key(), codec.encode(message), r.schemaFingerprint(), r.kind());
            }
        }
        throw new IllegalStateException("no sequenced book delta generated");
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    @Test
    void prometheusExposesRecordCountsQuarantineReasonsAndBooksByHealth() throws Exception {
        runs.provisionVenueMessages("metrics-in");
        runs.produce("metrics-in", inputs);
        try (RunningJob job = start("metrics-in", "metrics-a", null)) {
            Scrape scrape = awaitSettled("metrics-a", s -> true);
            OutputChecker.Report report = new OutputChecker(runs.bootstrap(), "metrics-a").check();
            assertThat(report.violations()).isEmpty();

            assertThat(scrape.sum("records_in")).isEqualTo(inputs.size());
            assertThat(scrape.sum("out_orders_delta")).isEqualTo(report.deltas().size());
            assertThat(scrape.sum("out_orders_snapshot")).isEqualTo(report.snapshots().size());
            Map<ReasonCode, Long> reasons =
                    report.quarantined().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            Quarantined::getReason, Collectors.counting()));
            assertThat(reasons).containsKey(ReasonCode.SEQUENCE_GAP);
            for (Map.Entry<ReasonCode, Long> e : reasons.entrySet()) {
                assertThat(scrape.sum("quarantined_" + e.getKey().name()))
                        .as("quarantined_%s", e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertThat(scrape.sum("records_quarantined")).isEqualTo(report.quarantined().size());

            Map<BookHealth, Long> census = lastHealthPerBook(report);
            assertThat(census.get(BookHealth.LIVE)).isPositive();
            assertThat(census.get(BookHealth.RESYNCING)).as("books left resyncing").isPositive();
            assertThat(scrape.booksByHealth()).isEqualTo(census);
            // One gauge per health and subtask of market-state (parallelism 2).
            assertThat(scrape.series("health_books")).hasSize(2 * BookHealth.values().length);

            // The built-in metrics docs/operations.md tells operators to alert on, by exact name.
            String rocksdb = "flink_taskmanager_job_task_operator_column_family_rocksdb_";
            assertThat(scrape.names())
                    .contains(
                            "flink_jobmanager_job_lastCheckpointDuration",
                            "flink_jobmanager_job_lastCheckpointSize",
                            "flink_jobmanager_job_lastCheckpointFullSize",
                            "flink_jobmanager_job_numberOfFailedCheckpoints",
                            "flink_jobmanager_job_numRestarts",
                            "flink_taskmanager_job_task_operator_pendingRecords",
                            "flink_taskmanager_job_task_operator_currentEmitEventTimeLag",
                            "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max",
                            "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                            "flink_taskmanager_job_task_busyTimeMsPerSecond",
                            rocksdb + "estimate_live_data_size",
                            rocksdb + "total_sst_files_size",
                            rocksdb + "estimate_num_keys",
                            rocksdb + "background_errors");
            assertThat(scrape.values().keySet())
                    .anyMatch(
                            k ->
                                    k.startsWith(rocksdb + "estimate_num_keys{")
                                            && k.contains("column_family=\"books\""));
        }
    }

    @Test
    void booksByHealthAreRecountedFromStateAfterAFailover() throws Exception {
        runs.provisionVenueMessages("metrics-in-b");
        runs.produce("metrics-in-b", inputs);
        FailOnceWhenArmed<?> injector = FailOnceWhenArmed.named("metrics-b");
        try (RunningJob job = start("metrics-in-b", "metrics-b", injector)) {
            awaitSettled("metrics-b", s -> true);
            Map<BookHealth, Long> census =
                    lastHealthPerBook(new OutputChecker(runs.bootstrap(), "metrics-b").check());
            assertThat(census.get(BookHealth.RESYNCING)).isPositive();

            // The first output is committed, so a completed checkpoint holds every book. The
            // injected failure restores from it; the replayed catalog prelude changes no book, so
            // the restored subtasks change no book either: counts kept since start would read 0.
            injector.arm();
            runs.produce("metrics-in-b", inputs.subList(0, 4));
            Scrape restored =
                    awaitSettled(
                            "metrics-b", s -> injector.fired() && s.sum("records_duplicates") >= 4);

            assertThat(restored.series("health_books"))
                    .allSatisfy(series -> assertThat(series).contains("task_attempt_num=\"1\""));
            assertThat(restored.booksByHealth()).isEqualTo(census);
        }
    }

    private RunningJob start(String in, String out, FailOnceWhenArmed<?> injector)
            throws Exception {
        JobRun run = runs.venueMessages(in, out).named("metrics-" + out);
        if (injector != null) {
            run.restartOnFailure(1).failingOnceWhenArmed(injector);
        }
        return run.start();
    }

    /**
     * Scrapes until the running attempt has decided every record it read (records in = emitted +
     * quarantined + duplicates over all operators), the condition holds, and the committed book and
     * quarantine topics hold what the counters say was written: then nothing is in flight.
     */
    private Scrape awaitSettled(String namespace, Predicate<Scrape> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Scrape last = null;
        while (System.nanoTime() < deadline) {
            Scrape s = scrape(namespace);
            long in = s.sum("records_in");
            if (in > 0
                    && in
                            == s.sum("records_emitted")
                                    + s.sum("records_quarantined")
                                    + s.sum("records_duplicates")
                    && s.series("health_books").size() == 2 * BookHealth.values().length
                    && condition.test(s)) {
                OutputChecker.Report report =
                        new OutputChecker(runs.bootstrap(), namespace).allowingRepeats().check();
                if (report.deltas().size() >= s.sum("out_orders_delta")
                        && report.snapshots().size() >= s.sum("out_orders_snapshot")
                        && report.quarantined().size() >= s.sum("records_quarantined")
                        && s.ours().equals(scrape(namespace).ours())) {
                    return s;
                }
            }
            last = s;
            pause();
        }
        throw new AssertionError(
                "metrics did not settle; last scrape:\n" + last + "\nraw:\n" + rawSample());
    }

    /** Lines of the endpoint that mention marketstreams, for a failure message. */
    private String rawSample() throws Exception {
        String body =
                http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + PROMETHEUS_PORT
                                                                + "/"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        return body.lines()
                .filter(l -> l.contains("marketstreams_records_in"))
                .limit(4)
                .collect(Collectors.joining("\n"));
    }

    /** The interval between two polls of the condition. */
    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }

    /**
     * The series of the job writing to {@code namespace} (an earlier job's may still be there). The
     * reporter replaces characters other than letters, digits and {@code _} in label values.
     */
    private Scrape scrape(String namespace) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + PROMETHEUS_PORT + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(
                response.body(), "job_name=\"metrics_" + namespace.replace('-', '_') + "\"");
    }

    /** The health of each book's last committed record (highest canonical sequence). */
    private static Map<BookHealth, Long> lastHealthPerBook(OutputChecker.Report report) {
        Map<String, long[]> last = new HashMap<>();
        Map<String, BookHealth> health = new HashMap<>();
        for (OrderBookSnapshot s : report.snapshots()) {
            String key = s.getMarketId() + "|" + s.getOutcomeId();
            if (last.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE})[0]
                    <= s.getSequenceStart()) {
                last.get(key)[0] = s.getSequenceStart();
                health.put(key, s.getHealth());
            }
        }
        for (OrderBookDelta d : report.deltas()) {
            String key = d.getMarketId() + "|" + d.getOutcomeId();
            if (last.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE})[0]
                    <= d.getSequenceNumber()) {
                last.get(key)[0] = d.getSequenceNumber();
                health.put(key, d.getHealth());
            }
        }
        Map<BookHealth, Long> census = new EnumMap<>(BookHealth.class);
        for (BookHealth h : BookHealth.values()) {
            census.put(h, 0L);
        }
        health.values().forEach(h -> census.merge(h, 1L, Long::sum));
        return census;
    }

    /** One scrape of the Prometheus endpoint: the marketstreams series and their values. */
    private record Scrape(Map<String, Double> values) {
        private static final Pattern LINE = Pattern.compile("^(\\w+)\\{(.*)\\} (\\S+)$");
        private static final Pattern HEALTH = Pattern.compile("\\bhealth=\"(\\w+)\"");

        static Scrape parse(String body, String jobLabel) {
            Map<String, Double> values = new HashMap<>();
            for (String line : body.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches() && m.group(2).contains(jobLabel)) {
                    values.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
                }
            }
            return new Scrape(values);
        }

        /** Series of a marketstreams metric, as {@code name{labels}}. */
        List<String> series(String metric) {
            return values.keySet().stream()
                    .filter(k -> k.startsWith(PREFIX + metric + "{"))
                    .toList();
        }

        /** The marketstreams series, which change only when records are processed. */
        Map<String, Double> ours() {
            Map<String, Double> ours = new HashMap<>(values);
            ours.keySet().removeIf(k -> !k.startsWith(PREFIX));
            return ours;
        }

        /** Every metric name of the job. */
        Set<String> names() {
            return values.keySet().stream()
                    .map(k -> k.substring(0, k.indexOf('{')))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** Sum of a metric over every operator and subtask. */
        long sum(String metric) {
            return (long) series(metric).stream().mapToDouble(values::get).sum();
        }

        Map<BookHealth, Long> booksByHealth() {
            Map<BookHealth, Long> byHealth = new EnumMap<>(BookHealth.class);
            for (String series : series("health_books")) {
                Matcher m = HEALTH.matcher(series);
                assertThat(m.find()).as(series).isTrue();
                byHealth.merge(
                        BookHealth.valueOf(m.group(1)), values.get(series).longValue(), Long::sum);
            }
            return byHealth;
        }

        @Override
        public String toString() {
            return String.join(
                    "\n",
                    new java.util.TreeMap<>(values)
                            .entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .toList());
        }
    }
}
