package io.marketstreams.jobs.links;

import io.marketstreams.jobs.core.linking.CuratedLinks;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.core.linking.LinkFileException;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads a curated link file (docs/linking.md) onto the compacted {@code links} topic, one {@link
 * LinkChange} per row, keyed by {@link LinkChanges#key}. The whole file is validated before
 * anything is written: a half-loaded link table would split or merge events the curator did not
 * mean to.
 *
 * <pre>
 * LinkFileLoader --file PATH --bootstrap-servers HOST:PORT [--namespace NS]
 *                [--effective-time EPOCH_MS | --effective-time now]
 * </pre>
 *
 * The effective time is event time: the job applies a change once its watermark, driven by the
 * venue records' ingest time, passes it. Exit codes: 0 written, 1 bad file or Kafka failure, 2 bad
 * arguments.
 */
public final class LinkFileLoader {
    private LinkFileLoader() {}

    /** Parsed command line. */
    record Options(Path file, String bootstrapServers, String namespace, long effectiveTime) {}

    /**
     * What was written.
     *
     * @param topic topic name
     * @param eventLinks event links added
     * @param marketRelations market relations added
     * @param removals links and relations removed
     */
    public record Summary(String topic, int eventLinks, int marketRelations, int removals) {}

    static final String USAGE =
            "usage: links-load --file PATH --bootstrap-servers HOST:PORT [--namespace NS]"
                    + " [--effective-time EPOCH_MS|now]";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.currentTimeMillis()));
    }

    /**
     * Runs the loader and returns the exit code; {@code now} is the effective time when none is
     * given.
     */
    static int run(String[] args, PrintStream out, PrintStream err, long now) {
        Options options;
        try {
            options = parse(args, now);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            Summary s =
                    load(
                            options.file(),
                            options.bootstrapServers(),
                            options.namespace(),
                            options.effectiveTime());
            out.printf(
                    "wrote %d event links, %d market relations, %d removals to %s"
                            + " (effective time %d)%n",
                    s.eventLinks(),
                    s.marketRelations(),
                    s.removals(),
                    s.topic(),
                    options.effectiveTime());
            return 0;
        } catch (LinkFileException e) {
            // file:line: problem, so an editor can jump to it; nothing was written.
            err.println(e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("cannot read " + options.file() + ": " + e.getCause().getMessage());
            return 1;
        } catch (ExecutionException | RuntimeException e) {
            err.println("writing links failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }

    static Options parse(String[] args, long now) {
        Path file = null;
        String bootstrap = null;
        String namespace = "";
        long effectiveTime = now;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--file" -> file = Path.of(value);
                case "--bootstrap-servers" -> bootstrap = value;
                case "--namespace" -> namespace = value;
                case "--effective-time" -> effectiveTime = effectiveTime(value, now);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (file == null || bootstrap == null) {
            throw new IllegalArgumentException("--file and --bootstrap-servers are required");
        }
        return new Options(file, bootstrap, namespace, effectiveTime);
    }

    private static long effectiveTime(String value, long now) {
        if (value.equals("now")) {
            return now;
        }
        try {
            long t = Long.parseLong(value);
            if (t < 0) {
                throw new IllegalArgumentException("--effective-time must be >= 0: " + value);
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--effective-time must be epoch milliseconds or now: " + value);
        }
    }

    /**
     * Validates the file, then writes every row to the namespace's {@code links} topic (created if
     * missing) with an idempotent, acks=all producer, and flushes.
     *
     * @throws LinkFileException on a bad file, before anything is written
     */
    public static Summary load(
            Path file, String bootstrapServers, String namespace, long effectiveTime)
            throws ExecutionException, InterruptedException {
        CuratedLinks links = CuratedLinks.load(file);
        List<LinkChange> changes = links.changes(effectiveTime);
        String topic = StreamTopic.LINKS.topicName(namespace);
        TopicProvisioner.ensureTopics(
                bootstrapServers,
                namespace,
                List.of(StreamTopic.LINKS),
                StreamTopic::defaultPartitions);
        AvroCodec<LinkChange> codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
        byte[] fingerprint = WireHeaders.fingerprintHeader(codec.fingerprint());
        byte[] stream = StreamTopic.LINKS.streamName().getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig(bootstrapServers))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (LinkChange change : changes) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(WireHeaders.SCHEMA_FINGERPRINT, fingerprint);
                headers.add(WireHeaders.STREAM, stream);
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        null,
                                        LinkChanges.key(change).getBytes(StandardCharsets.UTF_8),
                                        codec.encode(change),
                                        headers)));
            }
            producer.flush();
            // flush() does not report failures; the futures do.
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        return new Summary(
                topic, links.eventLinks().size(), links.marketRelations().size(), links.removals());
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "marketstreams-links-load");
        return p;
    }
}
