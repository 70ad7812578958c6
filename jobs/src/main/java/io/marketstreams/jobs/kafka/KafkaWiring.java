package io.marketstreams.jobs.kafka;

import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkChangeDeserializer;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.RawFrameDeserializer;
import io.marketstreams.jobs.flink.VenueMessageDeserializer;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Outputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.jobs.topology.Sinks;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canonical topology on Kafka: sources of the input topics and sinks of the output topics of
 * the configured namespaces ({@link CanonicalJobOptions}), read {@code read_committed}, written
 * exactly-once or at-least-once by configuration.
 */
public final class KafkaWiring {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWiring.class);

    private KafkaWiring() {}

    /** Builds the topology on the Kafka inputs {@code marketstreams.source.inputs} names. */
    public static Outputs build(StreamExecutionEnvironment env, Configuration conf) {
        Settings settings = Settings.from(conf);
        String inputs = conf.get(CanonicalJobOptions.INPUTS);
        boolean venueMessages = inputs.equals("venue-messages") || inputs.equals("both");
        boolean raw = inputs.equals("raw") || inputs.equals("both");
        if (!venueMessages && !raw) {
            throw new IllegalArgumentException(
                    "marketstreams.source.inputs must be raw, venue-messages or both, not '"
                            + inputs
                            + "'");
        }
        return CanonicalTopology.build(
                new Inputs(
                        venueMessages
                                ? Inputs.venueMessages(env, venueMessagesSource(conf), settings)
                                : null,
                        raw ? Inputs.rawFrames(env, rawFramesSource(conf), settings) : null,
                        linksTopicExists(conf)
                                ? Inputs.links(env, linksSource(conf), settings)
                                : null),
                settings);
    }

    /** Builds the topology on Kafka and attaches the Kafka sinks: the whole production job. */
    public static void buildAndSink(StreamExecutionEnvironment env, Configuration conf) {
        CanonicalTopology.sinkTo(build(env, conf), sinks(conf));
    }

    private static boolean linksTopicExists(Configuration conf) {
        String links = StreamTopic.LINKS.topicName(conf.get(CanonicalJobOptions.INPUT_NAMESPACE));
        boolean exists;
        try {
            exists =
                    TopicProvisioner.exists(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS), links);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics to look for " + links, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted looking for " + links, e);
        }
        if (!exists) {
            // A Kafka source over a missing topic never finishes (bounded) and never delivers
            // what is created later: without the topic the job links by rules alone, and says so.
            LOG.warn(
                    "topic {} does not exist: no curated links, automatic rules only (create it"
                            + " with TopicProvisioner or bin/links-load and restart)",
                    links);
        }
        return exists;
    }

    /** The source of {@code venue.messages}. */
    public static KafkaSource<Either<Quarantined, IngestedMessage>> venueMessagesSource(
            Configuration conf) {
        return KafkaWiring.<Either<Quarantined, IngestedMessage>>sourceBuilder(conf)
                .setTopics(
                        StreamTopic.VENUE_MESSAGES.topicName(
                                conf.get(CanonicalJobOptions.INPUT_NAMESPACE)))
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setDeserializer(new VenueMessageDeserializer())
                .build();
    }

    /**
     * The source of every registered venue's raw topic ({@code raw.<venue>}), passing on frames up
     * to {@code marketstreams.raw.max-frame-bytes} ({@link #rawFetchProperties}).
     */
    public static KafkaSource<Either<Quarantined, IngestedFrame>> rawFramesSource(
            Configuration conf) {
        String namespace = conf.get(CanonicalJobOptions.INPUT_NAMESPACE);
        int maxFrameBytes = Settings.from(conf).inputLimits().maxFrameBytes();
        return KafkaWiring.<Either<Quarantined, IngestedFrame>>sourceBuilder(conf)
                .setTopics(Venues.rawTopics().stream().map(t -> t.topicName(namespace)).toList())
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setProperties(rawFetchProperties(maxFrameBytes))
                .setDeserializer(rawFrameDeserializer(conf))
                .build();
    }

    /** The deserializer of raw-topic records, of the configured frame limit. */
    public static RawFrameDeserializer rawFrameDeserializer(Configuration conf) {
        return new RawFrameDeserializer(Settings.from(conf).inputLimits().maxFrameBytes());
    }

    /**
     * The raw source's fetch sizes, from the frame limit (docs/operations.md, "Memory under hostile
     * input"): a partition's fetch holds at least one frame at the limit, a fetch response at most
     * two such (one per raw topic). Larger frames still arrive one at a time (Kafka returns a
     * record larger than the fetch size alone rather than stall; the raw topics' {@code
     * max.message.bytes} bounds it) and go no further than the deserializer.
     */
    public static Properties rawFetchProperties(int maxFrameBytes) {
        Properties props = new Properties();
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(maxFrameBytes));
        props.put(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                String.valueOf((int) Math.min(Integer.MAX_VALUE, 2L * maxFrameBytes)));
        return props;
    }

    /**
     * The source of curated link changes ({@code links}). It always starts from the earliest offset
     * (unless restored): the link table is the whole compacted topic.
     */
    public static KafkaSource<Either<Quarantined, LinkerInput>> linksSource(Configuration conf) {
        return KafkaWiring.<Either<Quarantined, LinkerInput>>sourceBuilder(conf)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setTopics(
                        StreamTopic.LINKS.topicName(conf.get(CanonicalJobOptions.INPUT_NAMESPACE)))
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setDeserializer(new LinkChangeDeserializer())
                .build();
    }

    /**
     * A Kafka source builder with what every source of the platform shares: bootstrap servers,
     * {@code read_committed}, the configured range ({@link SourceRange}). Callers add topics, group
     * id and deserializer.
     */
    public static <T> KafkaSourceBuilder<T> sourceBuilder(Configuration conf) {
        Properties props = new Properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        SourceRange range = SourceRange.from(conf);
        KafkaSourceBuilder<T> builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS))
                        .setProperties(props)
                        .setStartingOffsets(range.startingOffsets());
        range.stoppingOffsets().ifPresent(builder::setBounded);
        return builder;
    }

    /** Kafka sinks of every output stream, per the configuration. */
    public static Sinks sinks(Configuration conf) {
        return new Sinks() {
            @Override
            public <T extends SpecificRecord> KafkaSink<T> of(CanonicalStream<T> stream) {
                return sink(conf, stream);
            }
        };
    }

    /** The Kafka sink of one stream. */
    public static <T extends SpecificRecord> KafkaSink<T> sink(
            Configuration conf, CanonicalStream<T> stream) {
        String topic = stream.topic().topicName(conf.get(CanonicalJobOptions.OUTPUT_NAMESPACE));
        Properties producer = new Properties();
        producer.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(conf.get(CanonicalJobOptions.TRANSACTION_TIMEOUT).toMillis()));
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return KafkaSink.<T>builder()
                .setBootstrapServers(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(new AvroRecordSerializer<>(stream, topic))
                .setDeliveryGuarantee(JobEnvironment.deliveryMode(conf).guarantee())
                .setTransactionalIdPrefix(
                        conf.get(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX)
                                + "-"
                                + stream.streamName())
                .setKafkaProducerConfig(producer)
                .build();
    }
}
