package io.marketstreams.savepoints.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OrderedProducer;
import io.marketstreams.testkit.PerKeyOutput;
import io.marketstreams.testkit.TopicRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Runs of the canonical job over a compatibility fixture's input on an embedded broker. */
final class CompatibilityRuns {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final List<StreamTopic> INPUTS =
            List.of(StreamTopic.RAW_KALSHI, StreamTopic.RAW_POLYMARKET, StreamTopic.LINKS);
    private static final List<StreamTopic> OUTPUTS =
            Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();

    private final EmbeddedKafka kafka;
    private final Path work;
    private final Map<String, String> jobSettings;

    CompatibilityRuns(EmbeddedKafka kafka, Path work, Map<String, String> jobSettings) {
        this.kafka = kafka;
        this.work = work;
        this.jobSettings = jobSettings;
    }

    /** The job settings of a fixture: the simulator's raw frames and links, exactly-once. */
    static Map<String, String> defaultJobSettings() {
        Map<String, String> s = new HashMap<>();
        s.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), CompatibilityFixture.INPUT_NAMESPACE);
        s.put(CanonicalJobOptions.INPUTS.key(), "raw");
        s.put(CanonicalJobOptions.STARTING_OFFSETS.key(), "earliest");
        s.put(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "2 min");
        s.put(CanonicalJobOptions.DELIVERY.key(), "exactly-once");
        s.put(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.key(), "25");
        s.put(CanonicalJobOptions.MARKET_SNAPSHOT_EVERY.key(), "40");
        // The input ends: its quiet partitions must not hold the watermark back in the unbounded
        // runs, or the decisions that wait for event time would wait forever.
        // Long, because idleness is processing time: an input marked idle before its first record
        // would let the watermark pass its records, and change decisions.
        s.put(CanonicalJobOptions.IDLE_TIMEOUT.key(), "30 s");
        s.put(CanonicalJobOptions.LINKS_IDLE_TIMEOUT.key(), "30 s");
        s.put("state.backend.type", "rocksdb");
        s.put("execution.checkpointing.incremental", "true");
        s.put("execution.checkpointing.interval", "300 ms");
        s.put("pipeline.auto-generate-uids", "false");
        s.put("pipeline.generic-types", "false");
        s.put("pipeline.object-reuse", "true");
        s.put("pipeline.max-parallelism", "128");
        s.put("parallelism.default", "2");
        s.put("restart-strategy.type", "none");
        return s;
    }

    void provision() throws Exception {
        TopicProvisioner.ensureTopics(
                kafka.bootstrapServers(),
                CompatibilityFixture.INPUT_NAMESPACE,
                INPUTS,
                t -> t == StreamTopic.LINKS ? 1 : 2);
        for (String out :
                List.of(
                        CompatibilityFixture.OUTPUT_NAMESPACE,
                        CompatibilityFixture.REFERENCE_NAMESPACE)) {
            TopicProvisioner.ensureTopics(kafka.bootstrapServers(), out, OUTPUTS, t -> 3);
        }
    }

    void produce(List<InputRecord> records) {
        try (OrderedProducer producer = new OrderedProducer(kafka.bootstrapServers())) {
            for (InputRecord r : records) {
                producer.send(
                        r.topic(CompatibilityFixture.INPUT_NAMESPACE),
                        r.key(),
                        r.value(),
                        r.headers(),
                        r.timestamp());
            }
        }
    }

    Configuration config(String out, boolean bounded, Path restoreFrom) {
        Map<String, String> s = new HashMap<>(jobSettings);
        s.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        s.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), out);
        s.put(CanonicalJobOptions.GROUP_ID.key(), "group-" + out);
        s.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + out);
        s.put(CanonicalJobOptions.BOUNDED.key(), String.valueOf(bounded));
        s.put("execution.checkpointing.dir", work.resolve("checkpoints-" + out).toUri().toString());
        Configuration conf = Configuration.fromMap(s);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        return conf;
    }

    /**
     * Starts the unbounded job writing {@code out}, restored from a savepoint when one is given.
     */
    JobClient start(String out, Path restoreFrom) throws Exception {
        Configuration conf = config(out, false, restoreFrom);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        KafkaWiring.buildAndSink(env, conf);
        return env.executeAsync("compat-" + out);
    }

    /** Runs the job bounded over everything the input topics hold. */
    void runBounded(String out) throws Exception {
        Configuration conf = config(out, true, null);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        KafkaWiring.buildAndSink(env, conf);
        env.execute("compat-bounded-" + out);
    }

    /**
     * Waits until the job writing {@code out} has committed (with a completed checkpoint) offsets
     * at the end of every input partition, then stops it with a savepoint; {@code drain} ends event
     * time first, as the end of a bounded run does.
     */
    Path stopAfterAllInput(JobClient job, String out, boolean drain) throws Exception {
        try {
            awaitInputCommitted("group-" + out);
        } catch (Exception | AssertionError e) {
            job.cancel().get();
            throw e;
        }
        String location =
                job.stopWithSavepoint(
                                drain,
                                work.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return Path.of(java.net.URI.create(location));
    }

    private void awaitInputCommitted(String group) throws Exception {
        Map<String, Object> props =
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (StreamTopic t : INPUTS) {
                String topic = t.topicName(CompatibilityFixture.INPUT_NAMESPACE);
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .forEach(
                                p ->
                                        latest.put(
                                                new TopicPartition(topic, p.partition()),
                                                OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done =
                        end.entrySet().stream()
                                .allMatch(
                                        e ->
                                                e.getValue() == 0
                                                        || (committed.get(e.getKey()) != null
                                                                && committed
                                                                                .get(e.getKey())
                                                                                .offset()
                                                                        >= e.getValue()));
                if (done) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("input committed by %s: %s, waiting for %s", group, committed, end)
                        .isLessThan(deadline);
                // Offsets are committed when a checkpoint completes (every 300 ms).
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Waits until a topic of a namespace holds at least {@code records} committed records. */
    void awaitOutput(String namespace, StreamTopic topic, int records) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (TopicRecords.readAll(kafka.bootstrapServers(), topic.topicName(namespace)).size()
                < records) {
            assertThat(System.nanoTime())
                    .as("%d records on %s", records, topic.topicName(namespace))
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Per stream and key, the digests of the committed output of a namespace. */
    CompatibilityFixture.Output output(String namespace) {
        CompatibilityFixture.Output output = new CompatibilityFixture.Output();
        for (StreamTopic t : OUTPUTS) {
            Map<String, List<String>> byKey =
                    PerKeyOutput.read(kafka.bootstrapServers(), namespace, t);
            if (!byKey.isEmpty()) {
                output.byStream.put(t, byKey);
            }
        }
        return output;
    }
}
