package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.FailOnceWhenArmed;
import io.marketstreams.testkit.OrderedProducer;
import io.marketstreams.testkit.PerKeyOutput;
import io.marketstreams.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs of the canonical job on an embedded Kafka broker, the way the integration tests need them:
 * topic namespaces per run, input written in order, {@linkplain JobRun runs} bounded or unbounded
 * (stopped with a savepoint, restored from one, failing once), and the committed output read,
 * awaited and compared per key.
 *
 * <pre>
 * try (JobRuns runs = JobRuns.start()) {
 *     runs.provisionRaw("in");
 *     runs.produceFrames("in", frames);
 *     JobExecutionResult result = runs.rawFrames("in", "out").runBounded();
 *     AccountingIdentities.assertFramesAccountedFor(result.getAllAccumulatorResults(), n);
 *     runs.rawFrames("in", "again").runBounded();
 *     runs.assertSameOutput("out", "again", false);
 * }
 * </pre>
 *
 * The harness writes and reads bytes; callers bring the records (simulator, fixtures, captures).
 */
public final class JobRuns implements AutoCloseable {
    /** Partitions of {@code venue.messages}. */
    public static final int VENUE_PARTITIONS = 4;

    /** Partitions of each raw topic (frames are keyed by connection). */
    public static final int RAW_PARTITIONS = 2;

    /** Partitions of each output topic. */
    public static final int OUTPUT_PARTITIONS = 3;

    /** How long a wait for output, commits or a savepoint may take on the shared machine. */
    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** Every output topic of the job: provisioned, and compared between runs. */
    public static final List<StreamTopic> OUTPUTS =
            Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();

    private final EmbeddedKafka kafka;
    private final Path work;
    private OrderedProducer producer;

    private JobRuns(EmbeddedKafka kafka, Path work) {
        this.kafka = kafka;
        this.work = work;
    }

    /** Starts a broker of its own, with data, checkpoints and savepoints in a new directory. */
    public static JobRuns start() throws Exception {
        return start(Files.createTempDirectory("marketstreams-runs"));
    }

    /** Starts a broker of its own with its data under {@code work/kafka}. */
    public static JobRuns start(Path work) throws Exception {
        return new JobRuns(EmbeddedKafka.start(work.resolve("kafka")), work);
    }

    /** The broker's {@code bootstrap.servers}. */
    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Where checkpoints ({@code checkpoints/<out>}) and savepoints ({@code savepoints}) go. */
    public Path work() {
        return work;
    }

    /** Closes the producer and stops the broker. */
    @Override
    public void close() throws Exception {
        try {
            if (producer != null) {
                producer.close();
            }
        } finally {
            kafka.close();
        }
    }

    /** A run on {@code venue.messages} of {@code in}, writing to {@code out}. */
    public JobRun venueMessages(String in, String out) {
        return new JobRun(this, in, out, JobRun.VENUE_MESSAGES);
    }

    /** A run on the raw topics (and the {@code links} topic, if any) of {@code in}. */
    public JobRun rawFrames(String in, String out) {
        return new JobRun(this, in, out, JobRun.RAW);
    }

    /** Creates {@code venue.messages} of a namespace ({@link #VENUE_PARTITIONS}). */
    public void provisionVenueMessages(String namespace) throws Exception {
        TopicProvisioner.ensureTopics(
                bootstrap(), namespace, List.of(StreamTopic.VENUE_MESSAGES), t -> VENUE_PARTITIONS);
    }

    /** Creates the raw topics ({@link #RAW_PARTITIONS}) and {@code links} (1) of a namespace. */
    public void provisionRaw(String namespace) throws Exception {
        TopicProvisioner.ensureTopics(
                bootstrap(),
                namespace,
                List.of(StreamTopic.RAW_KALSHI, StreamTopic.RAW_POLYMARKET, StreamTopic.LINKS),
                t -> t == StreamTopic.LINKS ? 1 : RAW_PARTITIONS);
    }

    /** Creates every output topic of a namespace ({@link #OUTPUT_PARTITIONS}), if missing. */
    public void provisionOutputs(String namespace) throws Exception {
        TopicProvisioner.ensureTopics(bootstrap(), namespace, OUTPUTS, t -> OUTPUT_PARTITIONS);
    }

    /**
     * The shared ordered producer ({@link OrderedProducer}), for records of any topic, up to the
     * raw topics' record size ({@link RawFrameWire#MAX_RECORD_BYTES}: oversized frames included).
     */
    public synchronized OrderedProducer producer() {
        if (producer == null) {
            producer =
                    new OrderedProducer(
                            bootstrap(),
                            Map.of(
                                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                    String.valueOf(RawFrameWire.MAX_RECORD_BYTES)));
        }
        return producer;
    }

    /** Writes records to {@code venue.messages} of a namespace, in order, and waits for them. */
    public void produce(String namespace, List<VenueRecord> records) {
        String topic = StreamTopic.VENUE_MESSAGES.topicName(namespace);
        for (VenueRecord r : records) {
            producer()
                    .send(
                            topic,
                            r.key().getBytes(StandardCharsets.UTF_8),
                            r.value(),
                            r.headers(),
                            null);
        }
        producer().flush();
    }

    /** Writes native frames, in order, to the raw topic of each frame's venue, and waits. */
    public void produceFrames(String namespace, List<RawFrame> frames) {
        for (RawFrame frame : frames) {
            RecordHeaders headers = new RecordHeaders();
            RawFrameWire.headers(frame).forEach(headers::add);
            producer()
                    .send(
                            StreamTopic.ofStreamName(RawFrameWire.streamName(frame.venueId()))
                                    .topicName(namespace),
                            RawFrameWire.key(frame),
                            frame.payload(),
                            headers,
                            null);
        }
        producer().flush();
    }

    /**
     * Writes curated link changes to {@code links} of a namespace, in order, keyed as {@code
     * bin/links-load} keys them and stamped with their effective time, and waits.
     */
    public void produceLinks(String namespace, List<LinkChange> changes) {
        for (LinkChange change : changes) {
            produceLink(namespace, LinkChanges.key(change), change, change.getEffectiveTime());
        }
    }

    /** Writes one link change with a key and timestamp of the caller's (e.g. a broken one). */
    public void produceLink(String namespace, String key, LinkChange change, long timestamp) {
        AvroCodec<LinkChange> codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                WireHeaders.STREAM,
                StreamTopic.LINKS.streamName().getBytes(StandardCharsets.UTF_8));
        headers.add(
                WireHeaders.SCHEMA_FINGERPRINT, WireHeaders.fingerprintHeader(codec.fingerprint()));
        producer()
                .send(
                        StreamTopic.LINKS.topicName(namespace),
                        key.getBytes(StandardCharsets.UTF_8),
                        codec.encode(change),
                        headers,
                        timestamp)
                .flush();
    }

    /**
     * Writes the first phase, starts {@code run} unbounded (restarting after a failure, through a
     * failure injector), waits until its output holds {@code expectedAfterFirst} records (so a
     * checkpoint covering them completed), arms the injector, writes the second phase and waits for
     * {@code expectedTotal} records: the job fails once and restores from its last checkpoint in
     * between.
     *
     * @param expectedAfterFirst distinct output records the first phase yields at least
     * @param expectedTotal distinct output records the whole input yields
     */
    public void runWithOneFailure(
            JobRun run,
            List<VenueRecord> first,
            List<VenueRecord> second,
            long expectedAfterFirst,
            LongSupplier expectedTotal)
            throws Exception {
        provisionVenueMessages(run.input());
        produce(run.input(), first);
        FailOnceWhenArmed<?> injector = FailOnceWhenArmed.named("failure-" + run.output());
        try (RunningJob job =
                run.named("failure-" + run.output())
                        .restartOnFailure(3)
                        .failingOnceWhenArmed(injector)
                        .start()) {
            awaitOutput(run.output(), expectedAfterFirst);
            injector.arm();
            produce(run.input(), second);
            awaitOutput(run.output(), expectedTotal.getAsLong());
            assertThat(injector.fired()).as("the injected failure happened").isTrue();
        }
    }

    /**
     * Blocks on a read_committed consumer until the output topics of a namespace hold {@code
     * expected} distinct records (at-least-once output may also hold repeats, which do not count).
     */
    public void awaitOutput(String namespace, long expected) {
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
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
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
    public long outputCount(String namespace) {
        long n = 0;
        for (StreamTopic t : OUTPUTS) {
            n += TopicRecords.readAll(bootstrap(), t.topicName(namespace)).size();
        }
        return n;
    }

    /**
     * Per key of one output topic of a namespace, the committed records' digests in order ({@link
     * PerKeyOutput}); with {@code dropRepeats}, a record equal to an earlier one of its key is
     * dropped, as a client dropping {@code seq <= last} would.
     */
    public Map<String, List<String>> perKey(
            String namespace, StreamTopic topic, boolean dropRepeats) {
        return PerKeyOutput.read(bootstrap(), namespace, topic, dropRepeats);
    }

    /**
     * Asserts two runs wrote the same per-key output on every output topic, byte for byte; {@code
     * dropRepeats} drops the repeats of {@code actualRun} (an at-least-once run) first.
     */
    public void assertSameOutput(String expectedRun, String actualRun, boolean dropRepeats) {
        for (StreamTopic topic : OUTPUTS) {
            assertThat(perKey(actualRun, topic, dropRepeats))
                    .as("per-key %s of %s vs %s", topic.streamName(), actualRun, expectedRun)
                    .isEqualTo(perKey(expectedRun, topic, false));
        }
    }

    /** Those of {@code topics} that exist. */
    List<String> existing(List<String> topics) throws Exception {
        List<String> found = new ArrayList<>();
        for (String topic : topics) {
            if (TopicProvisioner.exists(bootstrap(), topic)) {
                found.add(topic);
            }
        }
        return found;
    }
}
