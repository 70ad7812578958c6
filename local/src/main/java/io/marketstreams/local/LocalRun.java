package io.marketstreams.local;

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
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OutputChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
        stopCleanlyOnShutdown(finished);
        say("starting embedded Kafka (KRaft) in " + dataDir.resolve("kafka"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"))) {
            String bootstrap = kafka.bootstrapServers();
            TopicProvisioner.Result topics =
                    TopicProvisioner.ensureTopics(bootstrap, "", t -> options.partitions());
            say("Kafka at " + bootstrap + "; created " + topics.created().size() + " topics");
            JobClient job = startJob(bootstrap, dataDir);
            Thread generator = new Thread(() -> generate(bootstrap), "venue-traffic");
            generator.start();
            waitForStop(job, generator);
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

    /** Ctrl-C asks the run to stop and waits (a while) for the savepoint and the summary. */
    private void stopCleanlyOnShutdown(CountDownLatch finished) {
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
    }

    /** Starts the canonical job on a MiniCluster with the web UI, reading the raw topics. */
    private JobClient startJob(String bootstrap, Path dataDir) throws Exception {
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
        return job;
    }

    /**
     * Prints progress until the run is asked to stop, its duration is over or (replaying a capture)
     * the capture is all sent.
     */
    private void waitForStop(JobClient job, Thread generator) throws Exception {
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        while (!stopRequested.get()) {
            long now = System.nanoTime();
            if (options.duration() != null && now - start >= options.duration().toNanos()) {
                return;
            }
            if (options.capture() != null && !generator.isAlive()) {
                return;
            }
            if (now >= nextProgress) {
                progress(job, now - start);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
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
                        RunSummary.counter(acc, RawFrameFunction.Names.IN),
                        RunSummary.counter(acc, Names.IN),
                        RunSummary.counter(
                                acc, Names.OUT_PREFIX + StreamTopic.TRADES_EXECUTED.streamName()),
                        RunSummary.counter(
                                acc, Names.OUT_PREFIX + StreamTopic.ORDERS_DELTA.streamName()),
                        RunSummary.counter(
                                acc,
                                Names.OUT_PREFIX + StreamTopic.MARKET_STATE_UPDATED.streamName()),
                        RunSummary.counter(acc, Names.QUARANTINED)
                                + RunSummary.counter(acc, RawFrameFunction.Names.QUARANTINED)));
    }

    /** Waits until the job has read every produced frame, so the savepoint covers them. */
    private void drain(JobClient job) throws Exception {
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (RunSummary.counter(
                        job.getAccumulators().get(30, TimeUnit.SECONDS), RawFrameFunction.Names.IN)
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
        RunSummary summary =
                new RunSummary(
                        report,
                        acc,
                        produced.get(),
                        simulator == null ? null : simulator.trueBooks());
        System.out.println(summary.text(savepoint));
        return summary.ok() ? 0 : 1;
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
}
