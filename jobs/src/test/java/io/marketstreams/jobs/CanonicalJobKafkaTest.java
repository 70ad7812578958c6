package io.marketstreams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.sim.GeneratedRecord;
import io.marketstreams.connectors.sim.GeneratedRecord.Destination;
import io.marketstreams.connectors.sim.TradeTrafficGenerator;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OutputChecker;
import io.marketstreams.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canonical job end to end on a real embedded Kafka broker and a Flink MiniCluster with RocksDB
 * and exactly-once sinks: routing of every input record, the accounting identity, byte-identical
 * per-key output across runs, and identical committed output across a failure and restore from
 * checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanonicalJobKafkaTest {
    private static final int INPUT_PARTITIONS = 4;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private EmbeddedKafka kafka;
    private Path checkpoints;
    private final List<Input> inputs = new ArrayList<>();
    private JobExecutionResult baseline;

    /** One input record with where it must end up. */
    record Input(
            String key,
            byte[] value,
            RecordHeaders headers,
            Destination destination,
            ReasonCode reason) {}

    @BeforeAll
    void startKafkaAndRunBaseline() throws Exception {
        kafka = EmbeddedKafka.start();
        checkpoints = Files.createTempDirectory("marketstreams-checkpoints");
        TradeTrafficGenerator generator = new TradeTrafficGenerator(11L, 24, 0.15);
        for (int i = 0; i < 3000; i++) {
            GeneratedRecord r = generator.next();
            inputs.add(
                    new Input(
                            r.key(),
                            r.value(),
                            headers(WireHeaders.fingerprintHeader(r.schemaFingerprint())),
                            r.kind().destination(),
                            reasonOf(r.kind())));
        }
        inputs.addAll(craftedInputs());

        provision("in-a", StreamTopic.VENUE_MESSAGES);
        produce("in-a", inputs);
        baseline = runBounded("in-a", "run-a");
    }

    @AfterAll
    void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void everyInputRecordIsEmittedQuarantinedOrCountedAsDuplicate() {
        OutputChecker.Report report = new OutputChecker(kafka.bootstrapServers(), "run-a").check();
        assertThat(report.violations()).isEmpty();

        long expectedTrades = count(Destination.EMITTED);
        long expectedQuarantined = count(Destination.QUARANTINED);
        long expectedDuplicates = count(Destination.DUPLICATE_DROPPED);
        assertThat(expectedDuplicates).isPositive();
        assertThat(report.trades()).hasSize((int) expectedTrades);
        assertThat(report.quarantined()).hasSize((int) expectedQuarantined);

        // Each valid trade exactly once, under its canonical id.
        List<String> expectedIds = new ArrayList<>();
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        for (Input input : inputs) {
            if (input.destination() == Destination.EMITTED) {
                VenueMessage m = decode(codec, input.value());
                expectedIds.add("sim:" + ((TradeReport) m.getPayload()).getVenueTradeId());
            }
        }
        assertThat(report.trades().stream().map(Trade::getTradeId))
                .containsExactlyInAnyOrderElementsOf(expectedIds);

        // Every bad record in quarantine with the right reason, and its original bytes.
        Map<ReasonCode, Long> expectedReasons = new TreeMap<>();
        Map<String, byte[]> expectedPayloadByReasonAndValue = new HashMap<>();
        for (Input input : inputs) {
            if (input.destination() == Destination.QUARANTINED) {
                expectedReasons.merge(input.reason(), 1L, Long::sum);
                expectedPayloadByReasonAndValue.put(
                        input.reason() + Arrays.toString(input.value()), input.value());
            }
        }
        Map<ReasonCode, Long> actualReasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            actualReasons.merge(q.getReason(), 1L, Long::sum);
            byte[] payload = new byte[q.getPayload().remaining()];
            q.getPayload().duplicate().get(payload);
            assertThat(expectedPayloadByReasonAndValue)
                    .as("quarantined payload of %s is an input value", q.getReason())
                    .containsKey(q.getReason() + Arrays.toString(payload));
            assertThat(q.getSourceTopic()).isEqualTo("in-a.venue.messages");
        }
        assertThat(actualReasons).isEqualTo(expectedReasons);

        // The accounting identity, from the job's own counters.
        Map<String, Object> acc = baseline.getAllAccumulatorResults();
        long in = (Long) acc.get(RecordAccounting.Names.IN);
        long emitted = (Long) acc.get(RecordAccounting.Names.EMITTED);
        long quarantined = (Long) acc.get(RecordAccounting.Names.QUARANTINED);
        long duplicates = (Long) acc.get(RecordAccounting.Names.DUPLICATES);
        assertThat(in).isEqualTo(inputs.size());
        assertThat(emitted).isEqualTo(expectedTrades);
        assertThat(quarantined).isEqualTo(expectedQuarantined);
        assertThat(duplicates).isEqualTo(expectedDuplicates);
        assertThat(in).isEqualTo(emitted + quarantined + duplicates);
        assertThat(acc.get(RecordAccounting.Names.OUT_PREFIX + "trades.executed"))
                .isEqualTo(expectedTrades);
    }

    @Test
    void aSecondRunProducesByteIdenticalPerKeyOutput() throws Exception {
        runBounded("in-a", "run-b");

        assertSameOutput("run-a", "run-b");
    }

    @Test
    void aFailureAndRestoreFromCheckpointGiveTheSameCommittedOutput() throws Exception {
        provision("in-c", StreamTopic.VENUE_MESSAGES);
        int half = inputs.size() / 2;
        List<Input> first = inputs.subList(0, half);
        List<Input> second = inputs.subList(half, inputs.size());
        produce("in-c", first);

        Configuration conf = jobConfig("in-c", "run-c", false);
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        StreamExecutionEnvironment env = CanonicalJob.environment(conf);
        DataStream<IngestedMessage> input =
                CanonicalJob.input(env, CanonicalJob.kafkaSource(conf))
                        .map(new FailOnceWhenArmed())
                        .returns(TypeInformation.of(IngestedMessage.class))
                        .uid("test-fault-injector")
                        .name("test-fault-injector");
        CanonicalJob.sinkTo(
                CanonicalJob.build(input, CanonicalJob.Settings.from(conf)),
                CanonicalJob.kafkaSinks(conf));
        JobClient job = env.executeAsync("failure-test");
        try {
            // Committed output of the first half means a checkpoint covering it completed.
            awaitCommittedOutput("run-c", expectedOutputs(first));
            FailOnceWhenArmed.ARMED.set(true);
            produce("in-c", second);
            awaitCommittedOutput("run-c", expectedOutputs(inputs));
            assertThat(FailOnceWhenArmed.FIRED).isTrue();
        } finally {
            job.cancel().get();
        }

        assertThat(new OutputChecker(kafka.bootstrapServers(), "run-c").check().violations())
                .isEmpty();
        assertSameOutput("run-a", "run-c");
    }

    // ---------------------------------------------------------------------------------------

    private JobExecutionResult runBounded(String in, String out) throws Exception {
        Configuration conf = jobConfig(in, out, true);
        StreamExecutionEnvironment env = CanonicalJob.environment(conf);
        CanonicalJob.sinkTo(
                CanonicalJob.build(
                        CanonicalJob.input(env, CanonicalJob.kafkaSource(conf)),
                        CanonicalJob.Settings.from(conf)),
                CanonicalJob.kafkaSinks(conf));
        return env.execute("canonical-" + out);
    }

    private Configuration jobConfig(String in, String out, boolean bounded) throws Exception {
        provision(
                out,
                StreamTopic.TRADES_EXECUTED,
                StreamTopic.ORDERS_SNAPSHOT,
                StreamTopic.ORDERS_DELTA,
                StreamTopic.QUARANTINE);
        Map<String, String> settings = new HashMap<>();
        settings.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        settings.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), in);
        settings.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), out);
        settings.put(CanonicalJobOptions.GROUP_ID.key(), "group-" + out);
        settings.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + out);
        settings.put(CanonicalJobOptions.STARTING_OFFSETS.key(), "earliest");
        settings.put(CanonicalJobOptions.BOUNDED.key(), String.valueOf(bounded));
        settings.put(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "2 min");
        settings.put("state.backend.type", "rocksdb");
        settings.put("execution.checkpointing.incremental", "true");
        settings.put("execution.checkpointing.dir", checkpoints.resolve(out).toUri().toString());
        settings.put("execution.checkpointing.interval", "300 ms");
        settings.put("pipeline.auto-generate-uids", "false");
        settings.put("pipeline.generic-types", "false");
        settings.put("pipeline.max-parallelism", "128");
        settings.put("parallelism.default", "2");
        settings.put("restart-strategy.type", "none");
        return Configuration.fromMap(settings);
    }

    private void provision(String namespace, StreamTopic... topics) throws Exception {
        TopicProvisioner.ensureTopics(
                kafka.bootstrapServers(),
                namespace,
                List.of(topics),
                t -> t == StreamTopic.VENUE_MESSAGES ? INPUT_PARTITIONS : 3);
    }

    private void produce(String namespace, List<Input> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String topic = StreamTopic.VENUE_MESSAGES.topicName(namespace);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
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

    private static RecordHeaders headers(byte[] fingerprint) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireHeaders.STREAM, "venue.messages".getBytes(StandardCharsets.UTF_8));
        if (fingerprint != null) {
            headers.add(WireHeaders.SCHEMA_FINGERPRINT, fingerprint);
        }
        return headers;
    }

    /** Inputs the generator does not make: missing header, a payload this job does not use. */
    private static List<Input> craftedInputs() {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        VenueMessage trade =
                VenueMessage.newBuilder()
                        .setVenueId("sim")
                        .setVenueEventTime(TradeTrafficGenerator.EPOCH_MS)
                        .setIngestTime(TradeTrafficGenerator.EPOCH_MS)
                        .setPayload(
                                TradeReport.newBuilder()
                                        .setVenueTradeId("no-header")
                                        .setVenueMarketId("SIM-MKT-0001")
                                        .setOutcomeId("YES")
                                        .setPrice(1)
                                        .setQuantity(1)
                                        .setTakerSide(io.marketstreams.schema.TakerSide.BUY)
                                        .build())
                        .build();
        VenueMessage event =
                VenueMessage.newBuilder()
                        .setVenueId("sim")
                        .setVenueEventTime(TradeTrafficGenerator.EPOCH_MS)
                        .setIngestTime(TradeTrafficGenerator.EPOCH_MS)
                        .setPayload(
                                EventInfo.newBuilder()
                                        .setVenueEventId("EV-1")
                                        .setEventName("Will it rain?")
                                        .build())
                        .build();
        byte[] fp = WireHeaders.fingerprintHeader(codec.fingerprint());
        return List.of(
                new Input(
                        "sim:SIM-MKT-0001",
                        codec.encode(trade),
                        headers(null),
                        Destination.QUARANTINED,
                        ReasonCode.MALFORMED),
                new Input(
                        "sim:event:EV-1",
                        codec.encode(event),
                        headers(fp),
                        Destination.QUARANTINED,
                        ReasonCode.UNSUPPORTED_PAYLOAD));
    }

    private static ReasonCode reasonOf(GeneratedRecord.Kind kind) {
        switch (kind) {
            case CONFLICTING_DUPLICATE:
                return ReasonCode.CONFLICTING_DUPLICATE;
            case MALFORMED:
                return ReasonCode.MALFORMED;
            case PRICE_OUT_OF_RANGE:
                return ReasonCode.PRICE_OUT_OF_RANGE;
            case INVALID_QUANTITY:
                return ReasonCode.INVALID_QUANTITY;
            case UNKNOWN_TAKER_SIDE:
                return ReasonCode.UNKNOWN_TAKER_SIDE;
            case UNKNOWN_OUTCOME:
                return ReasonCode.UNKNOWN_OUTCOME;
            default:
                return null;
        }
    }

    private long count(Destination destination) {
        return inputs.stream().filter(i -> i.destination() == destination).count();
    }

    private static long expectedOutputs(List<Input> records) {
        return records.stream()
                .filter(i -> i.destination() != Destination.DUPLICATE_DROPPED)
                .count();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
            AvroCodec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Blocks on a read_committed consumer until the output topics hold the expected records. */
    private void awaitCommittedOutput(String namespace, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<TopicPartition> partitions = new ArrayList<>();
        for (StreamTopic t : List.of(StreamTopic.TRADES_EXECUTED, StreamTopic.QUARANTINE)) {
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(t.topicName(namespace), p));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < expected) {
                assertThat(System.nanoTime())
                        .as("committed output of %s reached %d of %d", namespace, seen, expected)
                        .isLessThan(deadline);
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        assertThat(seen).isEqualTo(expected);
    }

    /**
     * Per key: trades in order, byte for byte; quarantine as a sorted multiset (docs/contract.md),
     * with the input topic name (which differs between runs reading different input topics)
     * normalized.
     */
    private void assertSameOutput(String runA, String runB) {
        assertThat(perKey(runB, StreamTopic.TRADES_EXECUTED, false))
                .isEqualTo(perKey(runA, StreamTopic.TRADES_EXECUTED, false));
        assertThat(perKey(runB, StreamTopic.QUARANTINE, true))
                .isEqualTo(perKey(runA, StreamTopic.QUARANTINE, true));
    }

    private Map<String, List<String>> perKey(String namespace, StreamTopic topic, boolean sorted) {
        Map<String, List<String>> byKey = new TreeMap<>();
        AvroCodec<Quarantined> quarantineCodec = AvroCodec.of(Quarantined.class);
        for (ConsumerRecord<byte[], byte[]> r :
                TopicRecords.readAll(kafka.bootstrapServers(), topic.topicName(namespace))) {
            byte[] value = r.value();
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (topic == StreamTopic.QUARANTINE) {
                Quarantined q = decode(quarantineCodec, value);
                key = key.replace(q.getSourceTopic(), "<input>");
                q.setSourceTopic("<input>");
                value = quarantineCodec.encode(q);
            }
            StringBuilder record = new StringBuilder(Arrays.toString(value));
            r.headers()
                    .forEach(
                            h ->
                                    record.append('|')
                                            .append(h.key())
                                            .append('=')
                                            .append(Arrays.toString(h.value())));
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record.toString());
        }
        if (sorted) {
            byKey.values().forEach(list -> list.sort(String::compareTo));
        }
        assertThat(byKey).isNotEmpty();
        return byKey;
    }
}
