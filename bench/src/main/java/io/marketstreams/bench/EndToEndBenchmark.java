package io.marketstreams.bench;

import io.marketstreams.harness.JobRun;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.harness.RunningJob;
import io.marketstreams.harness.VenueRecord;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.kafka.AvroRecordSerializer;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.testkit.OrderedProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end throughput and latency on one machine: embedded Kafka, a local MiniCluster.
 *
 * <ol>
 *   <li>Preloads venue book messages (Kalshi- and Polymarket-style) over many books.
 *   <li>Throughput, each over the same preloaded input, exactly-once sinks, parallelism 2: (a) an
 *       identity job (same source and Avro decode, Avro encode, same sink, no state), (b) the
 *       canonical job with RocksDB, (c) the canonical job with heap state. Prints records/s and the
 *       ratios b/a and c/a.
 *   <li>Latency: the canonical job (RocksDB) in at-least-once mode while a producer writes at a
 *       fixed rate with ingest_time = the wall clock at send; a consumer of orders.delta prints
 *       p50/p99/max of (receive time − ingest_time).
 * </ol>
 *
 * <pre>bin/bench e2e [messages] [marketsPerVenue] [latencyRate] [latencySeconds] [phases]</pre>
 *
 * phases: a comma-separated subset of {@code a,b,c,native,latency} (default all); {@code native}
 * runs the native-frame rows ({@link NativeFramesBenchmark}; {@code -Dbench.native.frames}, {@code
 * .events}, {@code .markets} per venue).
 */
public final class EndToEndBenchmark {
    private static final int PARTITIONS = 4;

    private final JobRuns runs;

    private EndToEndBenchmark(JobRuns runs) {
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int markets = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String phases = args.length > 4 ? args[4] : "a,b,c,native,latency";
        Path dir = Files.createTempDirectory("marketstreams-bench");
        try (JobRuns runs = JobRuns.start(dir)) {
            new EndToEndBenchmark(runs).run(messages, markets, rate, seconds, phases);
        }
        System.exit(0);
    }

    private void run(int messages, int markets, int rate, int seconds, String phases)
            throws Exception {
        List<String> run = List.of(phases.split(","));
        System.out.printf(
                "preloading %,d venue book messages over %,d books (%d Kalshi-style and %d"
                        + " Polymarket-style markets, 2 books each)%n",
                messages, 4 * markets, markets, markets);
        runs.provisionVenueMessages("bench");
        BookTrafficGenerator generator = new BookTrafficGenerator(3L, markets, markets, 0.0);
        long t0 = System.nanoTime();
        // In order, in large batches.
        try (OrderedProducer producer =
                new OrderedProducer(
                        runs.bootstrap(),
                        Map.of(
                                ProducerConfig.LINGER_MS_CONFIG,
                                "2",
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                String.valueOf(256 * 1024)))) {
            for (int i = 0; i < messages; i++) {
                send(producer, "bench", generator.next(), null);
            }
        }
        System.out.printf("preloaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // Rounds interleave the variants so that machine noise hits all of them alike; each
        // variant's best round is reported (the figure least disturbed by other load).
        int rounds = Integer.getInteger("bench.rounds", 3);
        double identity = Double.NaN;
        double rocks = Double.NaN;
        double heap = Double.NaN;
        for (int round = 1; round <= rounds; round++) {
            if (run.contains("a")) {
                identity = max(identity, identityJob(messages, round));
            }
            if (run.contains("b")) {
                rocks = max(rocks, canonical("rocksdb", messages, round));
            }
            if (run.contains("c")) {
                heap = max(heap, canonical("hashmap", messages, round));
            }
        }
        if (run.contains("a") || run.contains("b") || run.contains("c")) {
            System.out.printf(
                    "%n%-44s %12s%n", "throughput (exactly-once, parallelism 2)", "records/s");
            System.out.printf(
                    "%-44s %,12.0f%n", "(a) identity job: decode + encode, no state", identity);
            System.out.printf("%-44s %,12.0f%n", "(b) canonical job, RocksDB", rocks);
            System.out.printf("%-44s %,12.0f%n", "(c) canonical job, heap state", heap);
            System.out.printf(
                    "b/a = %.2f (target >= 0.5)   c/a = %.2f (target >= 0.8)%n",
                    rocks / identity, heap / identity);
        }

        if (run.contains("native")) {
            nativeFrames(run.contains("a") ? new double[] {identity, rocks, heap} : null, rounds);
        }
        if (run.contains("latency")) {
            latency(markets, rate, seconds);
        }
    }

    /**
     * The native-frame rows: the simulator's frames through the raw topics (the path users run),
     * beside the stand-in row measured above in the same run.
     */
    private void nativeFrames(double[] standIn, int rounds) throws Exception {
        int frames = Integer.getInteger("bench.native.frames", 1_000_000);
        int events = Integer.getInteger("bench.native.events", 50);
        int markets = Integer.getInteger("bench.native.markets", 50);
        NativeFramesBenchmark bench =
                new NativeFramesBenchmark(
                        runs,
                        (run, backend, delivery) -> {
                            runs.provisionOutputs(run.output());
                            return tuned(run, backend, delivery);
                        });
        bench.preload(frames, events, markets);
        NativeFramesBenchmark.Row row = bench.run(frames, rounds);
        System.out.printf(
                "%n%-34s %14s %14s %14s %8s %8s%n",
                "exactly-once, parallelism 2",
                "identity /s",
                "RocksDB /s",
                "heap /s",
                "Rocks/id",
                "heap/id");
        System.out.printf(
                "%-34s %,14.0f %,14.0f %,14.0f %8.2f %8.2f%n",
                "native frames (raw topics)",
                row.identity(),
                row.rocks(),
                row.heap(),
                row.rocks() / row.identity(),
                row.heap() / row.identity());
        if (standIn != null) {
            System.out.printf(
                    "%-34s %,14.0f %,14.0f %,14.0f %8.2f %8.2f%n",
                    "stand-in venue.messages",
                    standIn[0],
                    standIn[1],
                    standIn[2],
                    standIn[1] / standIn[0],
                    standIn[2] / standIn[0]);
        }
        System.out.println("targets: RocksDB >= 0.5 x identity, heap >= 0.8 x identity");
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    private static void send(OrderedProducer producer, String ns, GeneratedRecord r, byte[] value) {
        VenueRecord record =
                VenueRecord.of(r.key(), value == null ? r.value() : value, r.schemaFingerprint());
        producer.send(
                StreamTopic.VENUE_MESSAGES.topicName(ns),
                record.key().getBytes(StandardCharsets.UTF_8),
                record.value(),
                record.headers(),
                null);
    }

    /**
     * A run of the canonical job as the harness runs it, with what the benchmark measures: the
     * state backend, the delivery guarantee, checkpoints every 2 s ({@code -Dbench.checkpoint}),
     * the production default of book snapshots; extra Flink settings for experiments come from
     * {@code -Dbench.flink.<key>=<value>}.
     */
    private JobRun jobRun(String in, String out, String backend, String delivery) throws Exception {
        // Every topic, so that the identity job's venue.messages output exists too.
        TopicProvisioner.ensureTopics(
                runs.bootstrap(), out, List.of(StreamTopic.values()), t -> PARTITIONS);
        return tuned(runs.venueMessages(in, out), backend, delivery);
    }

    /** What every measured run sets on top of the harness's test configuration. */
    private static JobRun tuned(JobRun run, String backend, String delivery) {
        run.set(CanonicalJobOptions.DELIVERY.key(), delivery)
                .set(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "5 min")
                .set(
                        CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.key(),
                        String.valueOf(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.defaultValue()))
                .set("state.backend.type", backend)
                .set(
                        "execution.checkpointing.interval",
                        System.getProperty("bench.checkpoint", "2 s"))
                .set("taskmanager.memory.managed.fraction", "0.3");
        System.getProperties()
                .stringPropertyNames()
                .forEach(
                        k -> {
                            if (k.startsWith("bench.flink.")) {
                                run.set(
                                        k.substring("bench.flink.".length()),
                                        System.getProperty(k));
                            }
                        });
        return run;
    }

    private double identityJob(int messages, int round) throws Exception {
        String out = "identity-" + round;
        Configuration conf = jobRun("bench", out, "hashmap", "exactly-once").configuration(true);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        KafkaSink<VenueMessage> sink =
                KafkaSink.<VenueMessage>builder()
                        .setBootstrapServers(runs.bootstrap())
                        .setRecordSerializer(
                                new AvroRecordSerializer<>(
                                        StreamTopic.VENUE_MESSAGES,
                                        StreamTopic.VENUE_MESSAGES.topicName(out),
                                        VenueMessage.class,
                                        m -> m.getVenueId()))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("bench-" + out)
                        .setKafkaProducerConfig(producerConfig())
                        .build();
        Inputs.venueMessages(env, KafkaWiring.venueMessagesSource(conf), Settings.from(conf))
                .filter(m -> m.isRight())
                .uid("identity-filter")
                .map(m -> m.right().message)
                .returns(TypeInformation.of(VenueMessage.class))
                .uid("identity-map")
                .sinkTo(sink)
                .uid("identity-sink");
        return throughput(out, env.execute("bench-" + out), messages);
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "300000");
        return p;
    }

    private double canonical(String backend, int messages, int round) throws Exception {
        String out = "canonical-" + backend + "-" + round;
        JobExecutionResult result =
                jobRun("bench", out, backend, "exactly-once")
                        .named("bench-canonical-" + backend)
                        .runBounded();
        return throughput("canonical " + backend, result, messages);
    }

    private static double throughput(String name, JobExecutionResult result, int messages) {
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        System.out.printf("  %-24s %,d records in %.1f s%n", name, messages, seconds);
        return messages / seconds;
    }

    private void latency(int markets, int rate, int seconds) throws Exception {
        runs.provisionVenueMessages("bench-lat");
        RunningJob job =
                jobRun("bench-lat", "latency", "rocksdb", "at-least-once")
                        .set(CanonicalJobOptions.STARTING_OFFSETS.key(), "latest")
                        .named("bench-latency")
                        .start();

        AtomicBoolean done = new AtomicBoolean();
        long[] samples = new long[rate * seconds * 4];
        int[] count = {0};
        // The measured window opens a warm-up after the first delta comes out (job started, JIT
        // compiled, caught up with what was sent while it started) and lasts `seconds`.
        long warmupMs = Long.getLong("bench.latency.warmup-ms", 30_000L);
        AtomicLong warmupEnds = new AtomicLong(Long.MAX_VALUE);
        Thread consumerThread =
                new Thread(
                        () -> readLatencies(done, samples, count, warmupEnds, warmupMs),
                        "latency-reader");
        consumerThread.start();

        BookTrafficGenerator generator = new BookTrafficGenerator(9L, markets, markets, 0.0);
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long sent = 0;
        // acks=1, no idempotence, tiny batches: each message as soon as it is made.
        try (OrderedProducer producer =
                new OrderedProducer(
                        runs.bootstrap(),
                        Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "1",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                "false",
                                ProducerConfig.LINGER_MS_CONFIG,
                                "1"))) {
            while (warmupEnds.get() == Long.MAX_VALUE
                    || System.currentTimeMillis() < warmupEnds.get() + seconds * 1000L) {
                GeneratedRecord r = generator.next();
                VenueMessage m = codec.decode(r.value());
                m.setIngestTime(System.currentTimeMillis());
                send(producer, "bench-lat", r, codec.encode(m));
                sent++;
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        done.set(true);
        consumerThread.join();
        job.cancel();

        printLatencies(Arrays.copyOf(samples, count[0]), rate, sent, seconds, warmupMs);
    }

    /**
     * Reads orders.delta until {@code done}: once the first delta arrived, the warm-up ends {@code
     * warmupMs} later; from then on each delta's (receive time - ingest_time) is a sample.
     */
    private void readLatencies(
            AtomicBoolean done, long[] samples, int[] count, AtomicLong warmupEnds, long warmupMs) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runs.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        AvroCodec<OrderBookDelta> codec = AvroCodec.of(OrderBookDelta.class);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            c.subscribe(List.of(StreamTopic.ORDERS_DELTA.topicName("latency")));
            while (!done.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    warmupEnds.compareAndSet(Long.MAX_VALUE, now + warmupMs);
                    OrderBookDelta d = codec.decode(r.value());
                    if (d.getIngestTime() >= warmupEnds.get() && count[0] < samples.length) {
                        samples[count[0]++] = now - d.getIngestTime();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printLatencies(
            long[] sorted, int rate, long sent, int seconds, long warmupMs) {
        Arrays.sort(sorted);
        System.out.printf(
                "%nlatency, at-least-once, RocksDB, %,d msg/s (%,d sent; %,d deltas sampled over"
                        + " %d s, starting %d s after the first output)%n",
                rate, sent, sorted.length, seconds, warmupMs / 1000);
        if (sorted.length > 0) {
            System.out.printf(
                    "ingest -> orders.delta readable: p50 %d ms, p99 %d ms, max %d ms (target p99"
                            + " <= 50 ms)%n",
                    sorted[sorted.length / 2],
                    sorted[(int) (sorted.length * 0.99)],
                    sorted[sorted.length - 1]);
        }
    }
}
