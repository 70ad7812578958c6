package io.marketstreams.bench;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.harness.JobRun;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.OrderedProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Throughput on the path users run: native Kalshi and Polymarket frames of the seeded simulator at
 * scale, preloaded into the raw topics, read by (a) an identity job — the same raw source, the
 * frames written unchanged to a Kafka topic, exactly-once, no parsing, no state — and by the
 * canonical job with (b) RocksDB and (c) heap state, exactly-once, parallelism 2. Every figure is
 * frames per second of the job's net runtime; each variant's best of {@code -Dbench.rounds} rounds.
 */
final class NativeFramesBenchmark {
    private static final String IN = "native";

    private final JobRuns runs;
    private final JobSettings settings;

    /** The settings a benchmark run applies to the harness's job configuration. */
    interface JobSettings {
        JobRun apply(JobRun run, String backend, String delivery) throws Exception;
    }

    NativeFramesBenchmark(JobRuns runs, JobSettings settings) {
        this.runs = runs;
        this.settings = settings;
    }

    /** The figures of one row: frames/s of (a), (b), (c). */
    record Row(double identity, double rocks, double heap) {}

    /**
     * Preloads {@code frames} frames of a catalog of {@code events} × {@code markets} per venue.
     */
    void preload(int frames, int events, int markets) throws Exception {
        runs.provisionRaw(IN);
        VenueSimulator simulator =
                new VenueSimulator(
                        5L,
                        SimulatorOptions.defaults()
                                .withCatalog(events, markets)
                                .withFaultRate(0.0)
                                .withLifecycle(false));
        long t0 = System.nanoTime();
        try (OrderedProducer producer =
                new OrderedProducer(
                        runs.bootstrap(),
                        Map.of(
                                ProducerConfig.LINGER_MS_CONFIG,
                                "2",
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                String.valueOf(256 * 1024)))) {
            for (int i = 0; i < frames; i++) {
                RawFrame f = simulator.next();
                RecordHeaders headers = new RecordHeaders();
                RawFrameWire.headers(f).forEach(headers::add);
                producer.send(
                        StreamTopic.ofStreamName(RawFrameWire.streamName(f.venueId()))
                                .topicName(IN),
                        RawFrameWire.key(f),
                        f.payload(),
                        headers,
                        null);
            }
        }
        System.out.printf(
                "preloaded %,d native frames (%d events × %d markets per venue) in %.1f s%n",
                frames, events, markets, (System.nanoTime() - t0) / 1e9);
    }

    Row run(int frames, int rounds) throws Exception {
        double identity = Double.NaN;
        double rocks = Double.NaN;
        double heap = Double.NaN;
        for (int round = 1; round <= rounds; round++) {
            identity = max(identity, identity(frames, round));
            rocks = max(rocks, canonical("rocksdb", frames, round));
            heap = max(heap, canonical("hashmap", frames, round));
        }
        return new Row(identity, rocks, heap);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    private double canonical(String backend, int frames, int round) throws Exception {
        String out = "native-" + backend + "-" + round;
        JobExecutionResult result =
                settings.apply(runs.rawFrames(IN, out), backend, "exactly-once")
                        .named("bench-native-" + backend)
                        .runBounded();
        long read = (Long) result.getAllAccumulatorResults().get(RawFrameFunction.Names.IN);
        if (read != frames) {
            throw new IllegalStateException(read + " frames read of " + frames);
        }
        return throughput("native canonical " + backend, result, frames);
    }

    private double identity(int frames, int round) throws Exception {
        String out = "native-identity-" + round;
        Configuration conf =
                settings.apply(runs.rawFrames(IN, out), "hashmap", "exactly-once")
                        .configuration(true);
        String topic = out + ".frames";
        TopicProvisioner.ensureTopics(
                runs.bootstrap(), out, List.of(StreamTopic.RAW_KALSHI), t -> 2);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        Inputs.rawFrames(env, KafkaWiring.rawFramesSource(conf), Settings.from(conf))
                .sinkTo(copySink(StreamTopic.RAW_KALSHI.topicName(out), "bench-" + out))
                .uid("identity-sink");
        return throughput("native identity (" + topic + ")", env.execute("bench-" + out), frames);
    }

    /** Writes every frame's bytes unchanged, with its key: Kafka in, Kafka out, nothing between. */
    private KafkaSink<Either<Quarantined, IngestedFrame>> copySink(String topic, String prefix) {
        Properties producer = new Properties();
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "300000");
        producer.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(RawFrameWire.MAX_RECORD_BYTES));
        KafkaRecordSerializationSchema<Either<Quarantined, IngestedFrame>> copy =
                (record, context, timestamp) ->
                        new ProducerRecord<>(
                                topic,
                                record.isRight()
                                        ? record.right()
                                                .connectionId
                                                .getBytes(StandardCharsets.UTF_8)
                                        : null,
                                record.isRight() ? record.right().payload : new byte[0]);
        return KafkaSink.<Either<Quarantined, IngestedFrame>>builder()
                .setBootstrapServers(runs.bootstrap())
                .setRecordSerializer(copy)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(prefix)
                .setKafkaProducerConfig(producer)
                .build();
    }

    private static double throughput(String name, JobExecutionResult result, int frames) {
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        System.out.printf("  %-40s %,d frames in %.1f s%n", name, frames, seconds);
        return frames / seconds;
    }
}
