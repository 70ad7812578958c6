package io.marketstreams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.connectors.sim.GeneratedRecord;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.jobs.flink.SourceRecords;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the canonical job against the embedded broker the way the integration tests need: topic
 * namespaces per run, bounded runs, and runs with one injected failure between two input phases.
 */
final class KafkaJobRuns {
    static final int INPUT_PARTITIONS = 4;
    static final int OUTPUT_PARTITIONS = 3;

    /** Every output topic of the job: provisioned, and compared between runs. */
    static final List<StreamTopic> OUTPUTS =
            Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();

    /** One input record. */
    record Input(String key, byte[] value, RecordHeaders headers) {
        static Input of(GeneratedRecord r) {
            return new Input(
                    r.key(),
                    r.value(),
                    KafkaJobRuns.headers(WireHeaders.fingerprintHeader(r.schemaFingerprint())));
        }
    }

    private final EmbeddedKafka kafka;
    private final Path checkpoints;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaJobRuns(EmbeddedKafka kafka, Path checkpoints) {
        this.kafka = kafka;
        this.checkpoints = checkpoints;
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Closes the shared producer; call before the broker stops. */
    void close() {
        if (producer != null) {
            producer.close();
        }
    }

    static RecordHeaders headers(byte[] fingerprint) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireHeaders.STREAM, "venue.messages".getBytes(StandardCharsets.UTF_8));
        if (fingerprint != null) {
            headers.add(WireHeaders.SCHEMA_FINGERPRINT, fingerprint);
        }
        return headers;
    }

    void provisionInput(String namespace) throws Exception {
        TopicProvisioner.ensureTopics(
                bootstrap(),
                namespace,
                List.of(StreamTopic.VENUE_MESSAGES, StreamTopic.LINKS),
                t -> t == StreamTopic.LINKS ? 1 : INPUT_PARTITIONS);
    }

    /**
     * Writes input records in order. One in-flight request at a time: on a partition created a
     * moment earlier, the broker answered the first batches NOT_LEADER while accepting later
     * in-flight batches of the same idempotent producer, after which the retried first batches
     * failed forever with OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    void produce(String namespace, List<Input> records) throws Exception {
        String topic = StreamTopic.VENUE_MESSAGES.topicName(namespace);
        synchronized (this) {
            if (producer == null) {
                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
                props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
                props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                producer = new KafkaProducer<>(props);
            }
        }
        {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Input input : records) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        input.key().getBytes(StandardCharsets.UTF_8),
                                        input.value(),
                                        input.headers())));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    /**
     * Asserts the record accounting identity of a run, {@code records.in = records.emitted +
     * records.quarantined + records.duplicates}, and returns {@code records.in}.
     */
    static long assertRecordsAccountedFor(Map<String, Object> accumulators) {
        long in = (Long) accumulators.get(RecordAccounting.Names.IN);
        assertThat(in)
                .as("records in = emitted + quarantined + duplicates")
                .isEqualTo(
                        count(accumulators, RecordAccounting.Names.EMITTED)
                                + count(accumulators, RecordAccounting.Names.QUARANTINED)
                                + count(accumulators, RecordAccounting.Names.DUPLICATES));
        return in;
    }

    /** An accumulator's count; 0 when no operator ever counted it (created on first use). */
    static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0L : (Long) value;
    }

    /**
     * Asserts the frame accounting identity of a run, {@code raw.frames.in = parsed + ignored +
     * quarantined + duplicates}, with every frame read, and the record identity.
     */
    static void assertFramesAccountedFor(Map<String, Object> accumulators, long framesWritten) {
        long in = (Long) accumulators.get(RawFrameFunction.Names.IN);
        assertThat(in).as("frames read").isEqualTo(framesWritten);
        assertThat(in)
                .as("frames in = parsed + ignored + quarantined + duplicates")
                .isEqualTo(
                        (Long) accumulators.get(RawFrameFunction.Names.PARSED)
                                + (Long) accumulators.get(RawFrameFunction.Names.IGNORED)
                                + (Long) accumulators.get(RawFrameFunction.Names.QUARANTINED)
                                + (Long) accumulators.get(RawFrameFunction.Names.DUPLICATES));
        assertRecordsAccountedFor(accumulators);
    }

    /** Creates the raw topics of a namespace (2 partitions: frames are keyed by venue anyway). */
    void provisionRaw(String namespace) throws Exception {
        TopicProvisioner.ensureTopics(
                bootstrap(),
                namespace,
                List.of(StreamTopic.RAW_KALSHI, StreamTopic.RAW_POLYMARKET, StreamTopic.LINKS),
                t -> t == StreamTopic.LINKS ? 1 : 2);
    }

    /** Writes native frames, in order, to the raw topic of each frame's venue. */
    void produceFrames(String namespace, List<RawFrame> frames) throws Exception {
        List<Input> unused = List.of();
        produce(namespace, unused); // creates the producer
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (RawFrame frame : frames) {
            RecordHeaders headers = new RecordHeaders();
            RawFrameWire.headers(frame).forEach(headers::add);
            sent.add(
                    producer.send(
                            new ProducerRecord<>(
                                    namespace + "." + RawFrameWire.streamName(frame.venueId()),
                                    null,
                                    RawFrameWire.key(frame),
                                    frame.payload(),
                                    headers)));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    /** Runs the job on the raw topics only, over everything they hold. */
    JobExecutionResult runBoundedRaw(String in, String out) throws Exception {
        Configuration conf = config(in, out, true, DeliveryMode.EXACTLY_ONCE);
        conf.setString(CanonicalJobOptions.INPUTS.key(), "raw");
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        KafkaWiring.buildAndSink(env, conf);
        return env.execute("raw-" + out);
    }

    Configuration config(String in, String out, boolean bounded, DeliveryMode delivery)
            throws Exception {
        TopicProvisioner.ensureTopics(bootstrap(), out, OUTPUTS, t -> OUTPUT_PARTITIONS);
        Map<String, String> settings = new HashMap<>();
        settings.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap());
        settings.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), in);
        settings.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), out);
        settings.put(CanonicalJobOptions.GROUP_ID.key(), "group-" + out);
        settings.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + out);
        settings.put(CanonicalJobOptions.STARTING_OFFSETS.key(), "earliest");
        settings.put(CanonicalJobOptions.BOUNDED.key(), String.valueOf(bounded));
        settings.put(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "2 min");
        settings.put(
                CanonicalJobOptions.DELIVERY.key(),
                delivery == DeliveryMode.EXACTLY_ONCE ? "exactly-once" : "at-least-once");
        settings.put(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.key(), "25");
        settings.put("state.backend.type", "rocksdb");
        settings.put("execution.checkpointing.incremental", "true");
        settings.put("execution.checkpointing.dir", checkpoints.resolve(out).toUri().toString());
        settings.put("execution.checkpointing.interval", "300 ms");
        settings.put("pipeline.auto-generate-uids", "false");
        settings.put("pipeline.generic-types", "false");
        settings.put("pipeline.object-reuse", "true");
        settings.put("pipeline.max-parallelism", "128");
        settings.put("parallelism.default", "2");
        settings.put("restart-strategy.type", "none");
        return Configuration.fromMap(settings);
    }

    /** Runs the job over the whole input topic and returns its result (with accumulators). */
    JobExecutionResult runBounded(String in, String out, DeliveryMode delivery) throws Exception {
        Configuration conf = config(in, out, true, delivery);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        CanonicalTopology.sinkTo(
                CanonicalTopology.build(
                        Inputs.ofVenueMessages(
                                Inputs.venueMessages(
                                        env,
                                        KafkaWiring.venueMessagesSource(conf),
                                        Settings.from(conf))),
                        Settings.from(conf)),
                KafkaWiring.sinks(conf));
        return env.execute("canonical-" + out);
    }

    /**
     * Writes the first phase, waits until its output is committed (so a checkpoint covering it
     * completed), arms a one-time failure, writes the second phase and waits for the whole output:
     * the job fails once and restores from its last checkpoint in between.
     *
     * @param expectedAfterFirst output records that the first phase yields
     * @param expectedTotal output records that the whole input yields
     */
    void runWithOneFailure(
            String in,
            String out,
            DeliveryMode delivery,
            List<Input> first,
            List<Input> second,
            long expectedAfterFirst,
            LongSupplier expectedTotal)
            throws Exception {
        provisionInput(in);
        produce(in, first);
        Configuration conf = config(in, out, false, delivery);
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        DataStream<Either<Quarantined, IngestedMessage>> input =
                Inputs.venueMessages(
                                env, KafkaWiring.venueMessagesSource(conf), Settings.from(conf))
                        .map(new FailOnceWhenArmed<Either<Quarantined, IngestedMessage>>())
                        .returns(SourceRecords.type(IngestedMessage.class))
                        .uid("test-fault-injector")
                        .name("test-fault-injector");
        CanonicalTopology.sinkTo(
                CanonicalTopology.build(Inputs.ofVenueMessages(input), Settings.from(conf)),
                KafkaWiring.sinks(conf));
        FailOnceWhenArmed.ARMED.set(false);
        FailOnceWhenArmed.FIRED.set(false);
        JobClient job = env.executeAsync("failure-" + out);
        try {
            awaitOutput(out, expectedAfterFirst);
            FailOnceWhenArmed.ARMED.set(true);
            produce(in, second);
            awaitOutput(out, expectedTotal.getAsLong());
            assertThat(FailOnceWhenArmed.FIRED).isTrue();
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Blocks on a read_committed consumer until the output topics hold the expected number of
     * distinct records (at-least-once output may also hold repeats, which are not counted).
     */
    void awaitOutput(String namespace, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<TopicPartition> partitions = new ArrayList<>();
        for (StreamTopic t : OUTPUTS) {
            for (int p = 0; p < OUTPUT_PARTITIONS; p++) {
                partitions.add(new TopicPartition(t.topicName(namespace), p));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen.size() < expected) {
                assertThat(System.nanoTime())
                        .as(
                                "output of %s reached %d of %d records",
                                namespace, seen.size(), expected)
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(
                            r.topic()
                                    + "|"
                                    + Arrays.toString(r.key())
                                    + "|"
                                    + Arrays.toString(r.value()));
                }
            }
        }
    }

    /** Committed records of every output topic of a namespace. */
    long outputCount(String namespace) {
        long n = 0;
        for (StreamTopic t : OUTPUTS) {
            n += TopicRecords.readAll(bootstrap(), t.topicName(namespace)).size();
        }
        return n;
    }

    /**
     * Per key of one output topic: the records (value and headers) in order, byte for byte.
     * Quarantine records are compared as a sorted multiset with the input topic name normalized
     * (docs/contract.md); with {@code dropRepeats}, a record equal to an earlier one of its key is
     * dropped, as a client dropping {@code seq <= last} would.
     */
    Map<String, List<String>> perKey(String namespace, StreamTopic topic, boolean dropRepeats) {
        Map<String, List<String>> byKey = new TreeMap<>();
        AvroCodec<Quarantined> quarantineCodec = AvroCodec.of(Quarantined.class);
        for (ConsumerRecord<byte[], byte[]> r :
                TopicRecords.readAll(bootstrap(), topic.topicName(namespace))) {
            byte[] value = r.value();
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (topic == StreamTopic.QUARANTINE) {
                try {
                    Quarantined q = quarantineCodec.decode(value);
                    key = key.replace(q.getSourceTopic(), "<input>");
                    q.setSourceTopic("<input>");
                    value = quarantineCodec.encode(q);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            StringBuilder record = new StringBuilder(Arrays.toString(value));
            r.headers()
                    .forEach(
                            h ->
                                    record.append('|')
                                            .append(h.key())
                                            .append('=')
                                            .append(Arrays.toString(h.value())));
            List<String> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (!dropRepeats || !list.contains(record.toString())) {
                list.add(record.toString());
            }
        }
        if (topic == StreamTopic.QUARANTINE) {
            byKey.values().forEach(list -> list.sort(String::compareTo));
        }
        return byKey;
    }

    /** Asserts two runs wrote the same per-key output on every output topic. */
    void assertSameOutput(String expectedRun, String actualRun, boolean dropRepeats) {
        for (StreamTopic topic : OUTPUTS) {
            assertThat(perKey(actualRun, topic, dropRepeats))
                    .as("per-key %s of %s vs %s", topic.streamName(), actualRun, expectedRun)
                    .isEqualTo(perKey(expectedRun, topic, false));
        }
    }
}
