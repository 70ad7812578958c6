package io.marketstreams.jobs;

import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.MarketFunction;
import io.marketstreams.jobs.flink.QuarantineRecords;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.VenueMessageDeserializer;
import io.marketstreams.jobs.flink.VenueMessageRouter;
import io.marketstreams.jobs.kafka.AvroRecordSerializer;
import io.marketstreams.jobs.kafka.RecordKey;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.time.Duration;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The canonical job: {@code venue.messages} in, canonical streams and {@code quarantine} out.
 *
 * <p>The topology ({@link #build}) takes its input stream and returns its output streams, so tests
 * run it on bounded sources and collecting sinks; {@link #main} only wires the Kafka source and
 * sinks from configuration.
 */
public final class CanonicalJob {
    /** Job name shown in the Flink UI. */
    public static final String NAME = "marketstreams-canonical";

    /** Max parallelism when the configuration sets none: the number of key groups. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    private CanonicalJob() {}

    /** The job's output streams. */
    public record Outputs(
            DataStream<Trade> trades,
            DataStream<OrderBookSnapshot> bookSnapshots,
            DataStream<OrderBookDelta> bookDeltas,
            DataStream<Quarantined> quarantine) {}

    /** Where the outputs go. */
    public record Sinks(
            Sink<Trade> trades,
            Sink<OrderBookSnapshot> bookSnapshots,
            Sink<OrderBookDelta> bookDeltas,
            Sink<Quarantined> quarantine) {}

    /** Job settings the operators need, read from the configuration. */
    public record Settings(
            Duration dedupeRetention,
            Duration dedupeBucket,
            int maxLevelsPerSide,
            int snapshotEvery) {
        /** Reads the settings from a configuration. */
        public static Settings from(Configuration conf) {
            return new Settings(
                    conf.get(CanonicalJobOptions.DEDUPE_RETENTION),
                    conf.get(CanonicalJobOptions.DEDUPE_BUCKET),
                    conf.get(CanonicalJobOptions.BOOK_MAX_LEVELS),
                    conf.get(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY));
        }
    }

    /** Reads the input from a source with the stable source uid. */
    public static DataStream<IngestedMessage> input(
            StreamExecutionEnvironment env, Source<IngestedMessage, ?, ?> source) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), Stages.SOURCE)
                .uid(Stages.SOURCE)
                .name(Stages.SOURCE);
    }

    /** Builds the topology on an input stream. */
    public static Outputs build(DataStream<IngestedMessage> input, Settings settings) {
        SingleOutputStreamOperator<IngestedMessage> routed =
                input.process(new VenueMessageRouter()).uid(Stages.ROUTER).name(Stages.ROUTER);

        SingleOutputStreamOperator<Trade> markets =
                routed.keyBy(message -> message.marketId)
                        .process(
                                new MarketFunction(
                                        settings.dedupeRetention(),
                                        settings.dedupeBucket(),
                                        settings.maxLevelsPerSide(),
                                        settings.snapshotEvery()))
                        .uid(Stages.MARKET)
                        .name(Stages.MARKET);

        DataStream<Quarantined> quarantine =
                routed.getSideOutput(VenueMessageRouter.QUARANTINE)
                        .union(markets.getSideOutput(MarketFunction.QUARANTINE));
        return new Outputs(
                markets,
                markets.getSideOutput(MarketFunction.SNAPSHOTS),
                markets.getSideOutput(MarketFunction.DELTAS),
                quarantine);
    }

    /** Attaches the sinks, each with its stable uid. */
    public static void sinkTo(Outputs outputs, Sinks sinks) {
        sink(outputs.trades(), sinks.trades(), StreamTopic.TRADES_EXECUTED);
        sink(outputs.bookSnapshots(), sinks.bookSnapshots(), StreamTopic.ORDERS_SNAPSHOT);
        sink(outputs.bookDeltas(), sinks.bookDeltas(), StreamTopic.ORDERS_DELTA);
        sink(outputs.quarantine(), sinks.quarantine(), StreamTopic.QUARANTINE);
    }

    private static <T> void sink(DataStream<T> stream, Sink<T> sink, StreamTopic topic) {
        stream.sinkTo(sink)
                .uid(Stages.sink(topic.streamName()))
                .name(Stages.sink(topic.streamName()));
    }

    /**
     * The execution environment for a configuration: Flink settings from it, max parallelism and
     * checkpointing set explicitly (exactly-once delivery needs checkpoints to commit).
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        configure(env, conf);
        return env;
    }

    /** Network buffer flush interval of the low-latency (at-least-once) mode. */
    public static final Duration LOW_LATENCY_BUFFER_TIMEOUT = Duration.ofMillis(5);

    /** Applies the job's required settings to an environment. */
    public static void configure(StreamExecutionEnvironment env, Configuration conf) {
        if (deliveryMode(conf) == DeliveryMode.AT_LEAST_ONCE
                && !conf.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            // Flink's default flushes network buffers every 100 ms: fine for exactly-once, whose
            // output waits for checkpoints anyway, too slow for live views.
            env.setBufferTimeout(LOW_LATENCY_BUFFER_TIMEOUT.toMillis());
        }
        env.setMaxParallelism(
                conf.getOptional(PipelineOptions.MAX_PARALLELISM).orElse(DEFAULT_MAX_PARALLELISM));
        Duration interval = conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        if (interval != null) {
            env.enableCheckpointing(interval.toMillis());
        } else if (deliveryMode(conf) == DeliveryMode.EXACTLY_ONCE) {
            throw new IllegalArgumentException(
                    "exactly-once delivery commits on checkpoints: set"
                            + " execution.checkpointing.interval");
        }
    }

    /** The configured delivery mode. */
    public static DeliveryMode deliveryMode(Configuration conf) {
        return DeliveryMode.parse(conf.get(CanonicalJobOptions.DELIVERY));
    }

    /** The Kafka source of {@code venue.messages} (read_committed). */
    public static KafkaSource<IngestedMessage> kafkaSource(Configuration conf) {
        Properties props = new Properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var builder =
                KafkaSource.<IngestedMessage>builder()
                        .setBootstrapServers(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS))
                        .setTopics(
                                StreamTopic.VENUE_MESSAGES.topicName(
                                        conf.get(CanonicalJobOptions.INPUT_NAMESPACE)))
                        .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                        .setDeserializer(new VenueMessageDeserializer())
                        .setProperties(props)
                        .setStartingOffsets(startingOffsets(conf));
        if (conf.get(CanonicalJobOptions.BOUNDED)) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static OffsetsInitializer startingOffsets(Configuration conf) {
        String value = conf.get(CanonicalJobOptions.STARTING_OFFSETS);
        switch (value) {
            case "committed-or-earliest":
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case "earliest":
                return OffsetsInitializer.earliest();
            case "latest":
                return OffsetsInitializer.latest();
            default:
                throw new IllegalArgumentException(
                        "marketstreams.source.starting-offsets must be committed-or-earliest,"
                                + " earliest or latest, not '"
                                + value
                                + "'");
        }
    }

    /** Kafka sinks of every output stream, per the configuration. */
    public static Sinks kafkaSinks(Configuration conf) {
        return new Sinks(
                kafkaSink(conf, StreamTopic.TRADES_EXECUTED, Trade.class, Trade::getMarketId),
                kafkaSink(
                        conf,
                        StreamTopic.ORDERS_SNAPSHOT,
                        OrderBookSnapshot.class,
                        s -> s.getMarketId() + "|" + s.getOutcomeId()),
                kafkaSink(
                        conf,
                        StreamTopic.ORDERS_DELTA,
                        OrderBookDelta.class,
                        d -> d.getMarketId() + "|" + d.getOutcomeId()),
                kafkaSink(conf, StreamTopic.QUARANTINE, Quarantined.class, QuarantineRecords::key));
    }

    /** A Kafka sink of one stream. */
    public static <T extends SpecificRecord> KafkaSink<T> kafkaSink(
            Configuration conf, StreamTopic stream, Class<T> type, RecordKey<T> key) {
        String topic = stream.topicName(conf.get(CanonicalJobOptions.OUTPUT_NAMESPACE));
        Properties producer = new Properties();
        producer.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(conf.get(CanonicalJobOptions.TRANSACTION_TIMEOUT).toMillis()));
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return KafkaSink.<T>builder()
                .setBootstrapServers(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(new AvroRecordSerializer<>(stream, topic, type, key))
                .setDeliveryGuarantee(deliveryMode(conf).guarantee())
                .setTransactionalIdPrefix(
                        conf.get(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX)
                                + "-"
                                + stream.streamName())
                .setKafkaProducerConfig(producer)
                .build();
    }

    /**
     * Runs the job against Kafka. Arguments: {@code --config-dir DIR} and {@code --key value}
     * overrides (docs/operations.md).
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.fromArgs(args);
        StreamExecutionEnvironment env = environment(conf);
        Outputs outputs = build(input(env, kafkaSource(conf)), Settings.from(conf));
        sinkTo(outputs, kafkaSinks(conf));
        env.execute(NAME);
    }
}
