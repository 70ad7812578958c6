package io.marketstreams.local;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.sim.BookTrafficGenerator;
import io.marketstreams.connectors.sim.CatalogPrelude;
import io.marketstreams.connectors.sim.GeneratedRecord;
import io.marketstreams.connectors.sim.TradeTrafficGenerator;
import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.flink.RecordAccounting.Names;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OutputChecker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * README command 1: the whole pipeline on one machine. Starts an embedded Kafka broker, creates the
 * catalog's topics, runs the canonical job on a local MiniCluster with the Flink web UI, feeds it
 * seeded generated traffic, prints progress every few seconds and, when stopped (by {@code
 * --duration} or Ctrl-C), stops the job with a savepoint and prints a summary that checks the
 * accounting identity against the committed output topics.
 */
public final class LocalRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(90);

    private final LocalRunOptions options;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile BookTrafficGenerator books;
    private final AtomicLong produced = new AtomicLong();
    private final Map<GeneratedRecord.Destination, AtomicLong> producedByDestination =
            new EnumMap<>(GeneratedRecord.Destination.class);

    LocalRun(LocalRunOptions options) {
        this.options = options;
        for (GeneratedRecord.Destination d : GeneratedRecord.Destination.values()) {
            producedByDestination.put(d, new AtomicLong());
        }
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
            CanonicalJob.configure(env, conf);
            CanonicalJob.sinkTo(
                    CanonicalJob.build(
                            CanonicalJob.input(
                                    env,
                                    CanonicalJob.kafkaSource(conf),
                                    CanonicalJob.Settings.from(conf)),
                            CanonicalJob.Settings.from(conf)),
                    CanonicalJob.kafkaSinks(conf));
            JobClient job = env.executeAsync(CanonicalJob.NAME);
            say(
                    "Flink web UI: http://localhost:"
                            + options.uiPort()
                            + "  (job "
                            + job.getJobID()
                            + ")");
            say(
                    options.duration() == null
                            ? "generating " + options.rate() + " msg/s; Ctrl-C stops cleanly"
                            : "generating "
                                    + options.rate()
                                    + " msg/s for "
                                    + options.duration().toSeconds()
                                    + " s");

            Thread generator = new Thread(() -> generate(bootstrap), "traffic-generator");
            generator.start();
            long start = System.nanoTime();
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            while (!stopRequested.get()) {
                long now = System.nanoTime();
                if (options.duration() != null && now - start >= options.duration().toNanos()) {
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
            say("generator stopped after " + produced.get() + " records; draining the job");
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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // One request in flight: the topics were created a moment ago (see KafkaJobRuns).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        TradeTrafficGenerator trades =
                new TradeTrafficGenerator(options.seed(), options.markets(), options.badRate());
        int bookMarkets = Math.max(1, options.markets() / 2);
        BookTrafficGenerator books =
                new BookTrafficGenerator(
                        options.seed(), bookMarkets, bookMarkets, options.badRate());
        this.books = books;
        SplittableRandom mix = new SplittableRandom(options.seed());
        byte[] stream = StreamTopic.VENUE_MESSAGES.streamName().getBytes(StandardCharsets.UTF_8);
        long intervalNanos = 1_000_000_000L / options.rate();
        long next = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            while (!stopRequested.get()) {
                // Two thirds book traffic, one third trades, like a real feed.
                GeneratedRecord r = mix.nextInt(3) == 0 ? trades.next() : books.next();
                send(producer, stream, r);
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            // Close every book with a fresh venue snapshot, so the final books are the venue's.
            for (GeneratedRecord r : books.finish()) {
                send(producer, stream, r);
            }
            // Then settle the first simulated events' markets: close, determine, finalize.
            for (GeneratedRecord r : trades.settle(2 * CatalogPrelude.MARKETS_PER_EVENT)) {
                send(producer, stream, r);
            }
            producer.flush();
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, byte[] stream, GeneratedRecord r) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireHeaders.STREAM, stream);
        headers.add(
                WireHeaders.SCHEMA_FINGERPRINT,
                WireHeaders.fingerprintHeader(r.schemaFingerprint()));
        producer.send(
                new ProducerRecord<>(
                        StreamTopic.VENUE_MESSAGES.streamName(),
                        null,
                        r.key().getBytes(StandardCharsets.UTF_8),
                        r.value(),
                        headers));
        produced.incrementAndGet();
        producedByDestination.get(r.kind().destination()).incrementAndGet();
    }

    private void progress(JobClient job, long elapsedNanos) throws Exception {
        Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
        say(
                String.format(
                        "t=%3ds  produced %,d | in %,d | out trades.executed %,d, orders.delta"
                                + " %,d, orders.snapshot %,d | quarantined %,d | duplicates"
                                + " dropped %,d",
                        TimeUnit.NANOSECONDS.toSeconds(elapsedNanos),
                        produced.get(),
                        counter(acc, Names.IN),
                        counter(acc, Names.OUT_PREFIX + StreamTopic.TRADES_EXECUTED.streamName()),
                        counter(acc, Names.OUT_PREFIX + StreamTopic.ORDERS_DELTA.streamName()),
                        counter(acc, Names.OUT_PREFIX + StreamTopic.ORDERS_SNAPSHOT.streamName()),
                        counter(acc, Names.QUARANTINED),
                        counter(acc, Names.DUPLICATES)));
    }

    /** Waits until the job has read every produced record, so the savepoint covers them. */
    private void drain(JobClient job) throws Exception {
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (counter(job.getAccumulators().get(30, TimeUnit.SECONDS), Names.IN)
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
        long in = counter(acc, Names.IN);
        long emitted = counter(acc, Names.EMITTED);
        long quarantined = counter(acc, Names.QUARANTINED);
        long duplicates = counter(acc, Names.DUPLICATES);
        int committedQuarantine = report.counts().get(StreamTopic.QUARANTINE);
        Map<ReasonCode, Integer> reasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            reasons.merge(q.getReason(), 1, Integer::sum);
        }
        boolean identity = in == emitted + quarantined + duplicates;
        boolean committed = committedQuarantine == quarantined;
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
        Map<String, List<List<PriceLevel>>> truth = books.trueBooks();
        int booksEqual = 0;
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica replica = report.books().get(e.getKey());
            if (replica != null
                    && replica.levels(BookSide.BID).equals(e.getValue().get(0))
                    && replica.levels(BookSide.ASK).equals(e.getValue().get(1))) {
                booksEqual++;
            }
        }
        boolean allRead = in == produced.get();
        StringBuilder out = new StringBuilder();
        out.append("\n=== marketstreams local run: summary ===\n");
        out.append(String.format("produced to venue.messages    %,10d%n", produced.get()));
        out.append(String.format("records in (job)              %,10d%n", in));
        out.append(String.format("emitted (accepted)             %,10d%n", emitted));
        out.append(streams);
        out.append(
                String.format(
                        "quarantined                   %,10d   quarantine committed: %,d %s%n",
                        quarantined, committedQuarantine, reasons));
        out.append(String.format("exact duplicates dropped      %,10d%n", duplicates));
        out.append(
                String.format(
                        "identity in = emitted + quarantined + duplicates: %,d = %,d + %,d + %,d"
                                + "  %s%n",
                        in, emitted, quarantined, duplicates, identity ? "OK" : "BROKEN"));
        out.append(
                String.format(
                        "trade and catalog traffic, expected from the generator: emitted %,d,"
                                + " quarantined %,d, duplicates %,d%n",
                        producedByDestination.get(GeneratedRecord.Destination.EMITTED).get(),
                        producedByDestination.get(GeneratedRecord.Destination.QUARANTINED).get(),
                        producedByDestination
                                .get(GeneratedRecord.Destination.DUPLICATE_DROPPED)
                                .get()));
        out.append(
                "output checker: "
                        + (report.ok()
                                ? "OK"
                                : report.violations().size()
                                        + " violations "
                                        + report.violations()
                                                .subList(
                                                        0, Math.min(5, report.violations().size())))
                        + "\n");
        out.append(
                String.format(
                        "books rebuilt by the client library equal to the venue's books: %d of"
                                + " %d%n",
                        booksEqual, truth.size()));
        out.append("savepoint: " + savepoint + "\n");
        System.out.println(out);
        return identity && committed && allRead && report.ok() && booksEqual == truth.size()
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
}
