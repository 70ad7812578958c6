package io.marketstreams.local;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.capture.CaptureFile;
import io.marketstreams.connectors.live.KafkaRawFrameSink;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting.Names;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OutputChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * README command 1: the whole pipeline on one machine. Starts an embedded Kafka broker, creates the
 * catalog's topics, runs the canonical job on a local MiniCluster with the Flink web UI, feeds it
 * native Kalshi and Polymarket frames from the seeded {@link VenueSimulator} (or a capture file)
 * through the raw topics, prints progress every few seconds and, when stopped (by {@code
 * --duration} or Ctrl-C), stops the job with a savepoint and prints a summary that checks both
 * accounting identities, the committed output of all ten streams, the output checker and the
 * rebuilt books against the simulator's.
 */
public final class LocalRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(90);

    private final LocalRunOptions options;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile VenueSimulator simulator;
    private final AtomicLong produced = new AtomicLong();

    LocalRun(LocalRunOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = new LocalRun(options).run();
        System.exit(status);
    }

    int run() throws Exception {
        Path dataDir = options.dataDir().toAbsolutePath();
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stopRequested.set(true);
                            try {
                                finished.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "local-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        say("starting embedded Kafka (KRaft) in " + dataDir.resolve("kafka"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"))) {
            String bootstrap = kafka.bootstrapServers();
            TopicProvisioner.Result topics =
                    TopicProvisioner.ensureTopics(bootstrap, "", t -> options.partitions());
            say("Kafka at " + bootstrap + "; created " + topics.created().size() + " topics");

            Configuration conf = configuration(bootstrap, dataDir);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            JobEnvironment.configure(env, conf);
            KafkaWiring.buildAndSink(env, conf);
            JobClient job = env.executeAsync(CanonicalJob.NAME);
            say(
                    "Flink web UI: http://localhost:"
                            + options.uiPort()
                            + "  (job "
                            + job.getJobID()
                            + ")");
            say(
                    options.capture() != null
                            ? "replaying " + options.capture() + " into the raw topics"
                            : "simulating Kalshi and Polymarket: "
                                    + options.rate()
                                    + " native frames/s"
                                    + (options.duration() == null
                                            ? "; Ctrl-C stops cleanly"
                                            : " for " + options.duration().toSeconds() + " s"));

            Thread generator = new Thread(() -> generate(bootstrap), "venue-traffic");
            generator.start();
            long start = System.nanoTime();
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            while (!stopRequested.get()) {
                long now = System.nanoTime();
                if (options.duration() != null && now - start >= options.duration().toNanos()) {
                    break;
                }
                if (options.capture() != null && !generator.isAlive()) {
                    break;
                }
                if (now >= nextProgress) {
                    progress(job, now - start);
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            stopRequested.set(true);
            generator.join();
            say("traffic stopped after " + produced.get() + " frames; draining the job");
            drain(job);
            String savepoint =
                    // Drained: the final watermark lets event-time decisions (events.resolved,
                    // timeouts) complete before the savepoint.
                    job.stopWithSavepoint(
                                    true,
                                    dataDir.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(2, TimeUnit.MINUTES);
            Map<String, Object> accumulators =
                    job.getJobExecutionResult().get(1, TimeUnit.MINUTES).getAllAccumulatorResults();
            return summary(bootstrap, accumulators, savepoint);
        } finally {
            finished.countDown();
        }
    }

    private Configuration configuration(String bootstrap, Path dataDir) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
        overrides.put(CanonicalJobOptions.INPUTS.key(), "raw");
        overrides.put("rest.port", String.valueOf(options.uiPort()));
        overrides.put(
                "execution.checkpointing.dir", dataDir.resolve("checkpoints").toUri().toString());
        overrides.put(
                "execution.checkpointing.savepoint-dir",
                dataDir.resolve("savepoints").toUri().toString());
        return GlobalConfiguration.loadConfiguration(
                options.configDir().toAbsolutePath().toString(), Configuration.fromMap(overrides));
    }

    private void generate(String bootstrap) {
        try (KafkaRawFrameSink sink = new KafkaRawFrameSink(bootstrap, "")) {
            if (options.capture() != null) {
                long frames = CaptureFile.read(options.capture(), frame -> send(sink, frame));
                say("replayed " + frames + " frames from " + options.capture());
                sink.flush();
                return;
            }
            long planned =
                    options.duration() == null
                            ? 100_000
                            : Math.max(
                                    100, options.rate() * options.duration().toSeconds() * 4 / 5);
            VenueSimulator simulator =
                    new VenueSimulator(
                            options.seed(),
                            SimulatorOptions.defaults()
                                    .withCatalog(options.events(), options.markets())
                                    .withFaultRate(options.faultRate())
                                    .withResolveShare(0.7)
                                    .withLifecycleSteps((int) Math.min(planned, 1_000_000)));
            this.simulator = simulator;
            long intervalNanos = 1_000_000_000L / options.rate();
            long next = System.nanoTime();
            while (!stopRequested.get()) {
                send(sink, simulator.next());
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            // Every open book restated by a fresh venue snapshot: the final books are the venue's.
            for (RawFrame frame : simulator.finish()) {
                send(sink, frame);
            }
            sink.flush();
        }
    }

    private void send(KafkaRawFrameSink sink, RawFrame frame) {
        sink.accept(frame);
        produced.incrementAndGet();
    }

    private void progress(JobClient job, long elapsedNanos) throws Exception {
        Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
        say(
                String.format(
                        "t=%3ds  frames produced %,d, read %,d | records %,d | trades %,d,"
                                + " book deltas %,d, market states %,d | quarantined %,d",
                        TimeUnit.NANOSECONDS.toSeconds(elapsedNanos),
                        produced.get(),
                        counter(acc, RawFrameFunction.Names.IN),
                        counter(acc, Names.IN),
                        counter(acc, Names.OUT_PREFIX + StreamTopic.TRADES_EXECUTED.streamName()),
                        counter(acc, Names.OUT_PREFIX + StreamTopic.ORDERS_DELTA.streamName()),
                        counter(
                                acc,
                                Names.OUT_PREFIX + StreamTopic.MARKET_STATE_UPDATED.streamName()),
                        counter(acc, Names.QUARANTINED)
                                + counter(acc, RawFrameFunction.Names.QUARANTINED)));
    }

    /** Waits until the job has read every produced frame, so the savepoint covers them. */
    private void drain(JobClient job) throws Exception {
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (counter(job.getAccumulators().get(30, TimeUnit.SECONDS), RawFrameFunction.Names.IN)
                < produced.get()) {
            if (System.nanoTime() > deadline) {
                say("job did not read all input within " + DRAIN_DEADLINE + "; stopping anyway");
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private int summary(String bootstrap, Map<String, Object> acc, String savepoint) {
        OutputChecker.Report report = new OutputChecker(bootstrap, "").check();
        long framesIn = counter(acc, RawFrameFunction.Names.IN);
        long framesParsed = counter(acc, RawFrameFunction.Names.PARSED);
        long framesIgnored = counter(acc, RawFrameFunction.Names.IGNORED);
        long framesQuarantined = counter(acc, RawFrameFunction.Names.QUARANTINED);
        long framesRepeated = counter(acc, RawFrameFunction.Names.DUPLICATES);
        boolean frameIdentity =
                framesIn == framesParsed + framesIgnored + framesQuarantined + framesRepeated;
        long in = counter(acc, Names.IN);
        long emitted = counter(acc, Names.EMITTED);
        long quarantined = counter(acc, Names.QUARANTINED);
        long duplicates = counter(acc, Names.DUPLICATES);
        boolean identity = in == emitted + quarantined + duplicates;
        int committedQuarantine = report.counts().get(StreamTopic.QUARANTINE);
        Map<ReasonCode, Integer> reasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            reasons.merge(q.getReason(), 1, Integer::sum);
        }
        boolean committed = committedQuarantine == quarantined + framesQuarantined;
        StringBuilder streams = new StringBuilder();
        for (StreamTopic topic : StreamTopic.values()) {
            if (!topic.isOutput() || topic == StreamTopic.QUARANTINE) {
                continue;
            }
            long written = counter(acc, Names.OUT_PREFIX + topic.streamName());
            int committedRecords = report.counts().get(topic);
            committed &= written == committedRecords;
            streams.append(
                    String.format(
                            "  %-22s %,10d written, %,10d committed%n",
                            topic.streamName(), written, committedRecords));
        }
        Map<String, List<List<PriceLevel>>> truth =
                simulator == null ? Map.of() : simulator.trueBooks();
        int booksEqual = 0;
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica replica = report.books().get(e.getKey());
            if (replica != null
                    && replica.levels(BookSide.BID).equals(e.getValue().get(0))
                    && replica.levels(BookSide.ASK).equals(e.getValue().get(1))) {
                booksEqual++;
            }
        }
        boolean allRead = framesIn == produced.get();
        StringBuilder out = new StringBuilder();
        out.append("\n=== marketstreams local run: summary ===\n");
        out.append(
                String.format(
                        "native frames produced to raw.kalshi + raw.polymarket  %,10d%n",
                        produced.get()));
        out.append(
                String.format(
                        "frames read %,d = parsed %,d + ignored %,d + quarantined %,d + repeats"
                                + " dropped %,d  %s%n",
                        framesIn,
                        framesParsed,
                        framesIgnored,
                        framesQuarantined,
                        framesRepeated,
                        frameIdentity ? "OK" : "BROKEN"));
        out.append(
                String.format(
                        "records (messages of parsed frames) %,d = emitted %,d + quarantined %,d +"
                                + " duplicates %,d  %s%n",
                        in, emitted, quarantined, duplicates, identity ? "OK" : "BROKEN"));
        out.append(streams);
        out.append(
                String.format(
                        "  %-22s %,10d written, %,10d committed %s%n",
                        "quarantine",
                        quarantined + framesQuarantined,
                        committedQuarantine,
                        reasons));
        out.append(
                "output checker (the five invariants, book sequences and checksums): "
                        + (report.ok()
                                ? "OK"
                                : report.violations().size()
                                        + " violations "
                                        + report.violations()
                                                .subList(
                                                        0, Math.min(5, report.violations().size())))
                        + "\n");
        if (simulator != null) {
            out.append(
                    String.format(
                            "books rebuilt by the client library equal to the simulated venues'"
                                    + " books: %d of %d%n",
                            booksEqual, truth.size()));
        }
        out.append(crossVenueEvents(report));
        out.append("savepoint: " + savepoint + "\n");
        System.out.println(out);
        return frameIdentity
                        && identity
                        && committed
                        && allRead
                        && report.ok()
                        && booksEqual == truth.size()
                ? 0
                : 1;
    }

    private static long counter(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0L : ((Number) value).longValue();
    }

    private static void say(String line) {
        System.out.println("[marketstreams] " + line);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One line on the canonical events that list more than one venue (cross-venue linking). */
    private static String crossVenueEvents(OutputChecker.Report report) {
        Map<String, Event> latest = new TreeMap<>();
        for (Event e : report.lifecycle().events()) {
            latest.merge(e.getEventId(), e, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        List<String> linked = new ArrayList<>();
        for (Event e : latest.values()) {
            Set<String> venues = new TreeSet<>();
            e.getVenueEvents().forEach(v -> venues.add(v.getVenueId()));
            if (venues.size() > 1) {
                linked.add(e.getEventId() + " " + e.getVenueEvents().size() + " venue events");
            }
        }
        return String.format(
                "canonical events listed on several venues (linked): %d %s%n",
                linked.size(), linked);
    }
}
