package io.marketstreams.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.sim.BookTrafficGenerator;
import io.marketstreams.connectors.sim.GeneratedRecord;
import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.OutputChecker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the canonical job (RocksDB, exactly-once) unbounded on embedded Kafka over generated book
 * traffic, stops it with a savepoint once its output holds every final book, and checks that {@link
 * SavepointBooks} lists exactly the books of the committed output: same keys, canonical sequence,
 * checksum and levels.
 */
class SavepointBooksKafkaTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final String IN = "sp-in";
    private static final String OUT = "sp-out";

    @Test
    void listsTheBooksOfTheCommittedOutput() throws Exception {
        Path dir = Files.createTempDirectory("marketstreams-savepoints");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            BookTrafficGenerator generator = new BookTrafficGenerator(7L, 3, 3, 0.08);
            List<GeneratedRecord> input = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                input.add(generator.next());
            }
            input.addAll(generator.finish());
            Map<String, List<List<PriceLevel>>> truth = generator.trueBooks();
            produce(kafka.bootstrapServers(), input);

            Configuration conf = config(kafka.bootstrapServers(), dir.resolve("checkpoints"));
            StreamExecutionEnvironment env = CanonicalJob.environment(conf);
            CanonicalJob.Settings settings = CanonicalJob.Settings.from(conf);
            CanonicalJob.sinkTo(
                    CanonicalJob.build(
                            CanonicalJob.input(env, CanonicalJob.kafkaSource(conf), settings),
                            settings),
                    CanonicalJob.kafkaSinks(conf));
            JobClient job = env.executeAsync("savepoint-books");
            String savepoint;
            try {
                awaitFinalBooks(kafka.bootstrapServers(), truth);
            } finally {
                savepoint =
                        job.stopWithSavepoint(
                                        false,
                                        dir.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(2, TimeUnit.MINUTES);
            }

            // Everything the job emitted before the savepoint is committed by now.
            OutputChecker.Report report = new OutputChecker(kafka.bootstrapServers(), OUT).check();
            assertThat(report.violations()).isEmpty();
            List<BookRow> rows = SavepointBooks.read(savepoint);

            assertThat(rows).extracting(BookRow::key).isSorted();
            assertThat(rows)
                    .extracting(BookRow::key)
                    .containsExactlyElementsOf(new TreeMap<>(truth).keySet())
                    .containsExactlyInAnyOrderElementsOf(report.books().keySet());
            for (BookRow row : rows) {
                BookReplica replica = report.books().get(row.key());
                assertThat(row.sequence())
                        .as(row.key() + " sequence")
                        .isEqualTo(replica.sequence());
                assertThat(row.checksum())
                        .as(row.key() + " checksum")
                        .isEqualTo(replica.checksum());
                assertThat(row.health()).as(row.key()).isEqualTo(replica.health().name());
                assertThat(levels(row.bidPrices(), row.bidQty()))
                        .as(row.key() + " bids")
                        .isEqualTo(replica.levels(BookSide.BID));
                assertThat(levels(row.askPrices(), row.askQty()))
                        .as(row.key() + " asks")
                        .isEqualTo(replica.levels(BookSide.ASK));
                assertThat(row.lifecycle()).as(row.key()).isEqualTo("OPEN");
            }

            // The printed table: a header, one line per book, a count.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SavepointBooks.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(rows.size() + 2);
            assertThat(lines.get(0)).startsWith("KEY");
            assertThat(lines.get(lines.size() - 1)).isEqualTo(rows.size() + " books");
        }
    }

    private static List<PriceLevel> levels(long[] prices, long[] quantities) {
        List<PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            levels.add(new PriceLevel(prices[i], quantities[i]));
        }
        return levels;
    }

    /**
     * Polls the committed output until every book equals its true book: the generator's closing
     * snapshots are each market's last input, so by then the job has processed all input.
     */
    private static void awaitFinalBooks(
            String bootstrap, Map<String, List<List<PriceLevel>>> truth) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            Map<String, BookReplica> books = new OutputChecker(bootstrap, OUT).check().books();
            boolean done =
                    truth.entrySet().stream()
                            .allMatch(
                                    e -> {
                                        BookReplica b = books.get(e.getKey());
                                        return b != null
                                                && b.hasBook()
                                                && b.levels(BookSide.BID)
                                                        .equals(e.getValue().get(0))
                                                && b.levels(BookSide.ASK)
                                                        .equals(e.getValue().get(1));
                                    });
            if (done) {
                return;
            }
            assertThat(System.nanoTime()).as("final books in the output").isLessThan(deadline);
        }
    }

    private static Configuration config(String bootstrap, Path checkpoints) throws Exception {
        TopicProvisioner.ensureTopics(
                bootstrap,
                OUT,
                Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList(),
                t -> 3);
        Map<String, String> settings = new HashMap<>();
        settings.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
        settings.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), IN);
        settings.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), OUT);
        settings.put(CanonicalJobOptions.GROUP_ID.key(), "group-" + OUT);
        settings.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + OUT);
        settings.put(CanonicalJobOptions.STARTING_OFFSETS.key(), "earliest");
        settings.put(CanonicalJobOptions.BOUNDED.key(), "false");
        settings.put(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "2 min");
        settings.put(CanonicalJobOptions.DELIVERY.key(), "exactly-once");
        settings.put(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.key(), "25");
        settings.put("state.backend.type", "rocksdb");
        settings.put("execution.checkpointing.incremental", "true");
        settings.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        settings.put("execution.checkpointing.interval", "300 ms");
        settings.put("pipeline.auto-generate-uids", "false");
        settings.put("pipeline.generic-types", "false");
        settings.put("pipeline.object-reuse", "true");
        settings.put("pipeline.max-parallelism", "128");
        settings.put("parallelism.default", "2");
        settings.put("restart-strategy.type", "none");
        return Configuration.fromMap(settings);
    }

    /** Writes the input in order, one in-flight request at a time (see KafkaJobRuns in jobs). */
    private static void produce(String bootstrap, List<GeneratedRecord> records) throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, IN, List.of(StreamTopic.VENUE_MESSAGES), t -> 4);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        String topic = StreamTopic.VENUE_MESSAGES.topicName(IN);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (GeneratedRecord r : records) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(WireHeaders.STREAM, "venue.messages".getBytes(StandardCharsets.UTF_8));
                headers.add(
                        WireHeaders.SCHEMA_FINGERPRINT,
                        WireHeaders.fingerprintHeader(r.schemaFingerprint()));
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        r.key().getBytes(StandardCharsets.UTF_8),
                                        r.value(),
                                        headers)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }
}
