package io.marketstreams.jobs;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.market.MarketProcessor;
import io.marketstreams.jobs.flink.EventCatalogFunction;
import io.marketstreams.jobs.flink.EventLinkerFunction;
import io.marketstreams.jobs.flink.EventResolutionFunction;
import io.marketstreams.jobs.flink.EventSignal;
import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkChangeDeserializer;
import io.marketstreams.jobs.flink.LinkRecordIntake;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.MarketFunction;
import io.marketstreams.jobs.flink.MarketStateOperator;
import io.marketstreams.jobs.flink.QuarantineRecords;
import io.marketstreams.jobs.flink.RawFrameDeserializer;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.VenueMessageDeserializer;
import io.marketstreams.jobs.flink.VenueMessageRouter;
import io.marketstreams.jobs.kafka.AvroRecordSerializer;
import io.marketstreams.jobs.kafka.RecordKey;
import io.marketstreams.jobs.kafka.SourceRange;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canonical job: {@code venue.messages} in, canonical streams and {@code quarantine} out.
 *
 * <p>The topology ({@link #build}) takes its input stream and returns its output streams, so tests
 * run it on bounded sources and collecting sinks; {@link #main} only wires the Kafka source and
 * sinks from configuration.
 */
public final class CanonicalJob {
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalJob.class);

    /** Job name shown in the Flink UI. */
    public static final String NAME = "marketstreams-canonical";

    /** Max parallelism when the configuration sets none: the number of key groups. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    private CanonicalJob() {}

    /** The job's output streams, one per canonical stream plus quarantine. */
    public record Outputs(
            DataStream<Event> events,
            DataStream<EventResolution> eventResolutions,
            DataStream<Market> markets,
            DataStream<MarketSnapshot> marketSnapshots,
            DataStream<MarketUpdate> marketUpdates,
            DataStream<MarketStateChange> marketStates,
            DataStream<MarketResolution> marketResolutions,
            DataStream<OrderBookSnapshot> bookSnapshots,
            DataStream<OrderBookDelta> bookDeltas,
            DataStream<Trade> trades,
            DataStream<Quarantined> quarantine) {}

    /** Where the outputs go, one sink per stream. */
    public record Sinks(
            Sink<Event> events,
            Sink<EventResolution> eventResolutions,
            Sink<Market> markets,
            Sink<MarketSnapshot> marketSnapshots,
            Sink<MarketUpdate> marketUpdates,
            Sink<MarketStateChange> marketStates,
            Sink<MarketResolution> marketResolutions,
            Sink<OrderBookSnapshot> bookSnapshots,
            Sink<OrderBookDelta> bookDeltas,
            Sink<Trade> trades,
            Sink<Quarantined> quarantine) {}

    /** Job settings the operators need, read from the configuration. */
    public record Settings(
            Duration dedupeRetention,
            Duration dedupeBucket,
            int maxLevelsPerSide,
            int snapshotEvery,
            int marketSnapshotEvery,
            Duration discoveryTimeout,
            Duration closedRetention,
            Duration outOfOrderness,
            Duration idleTimeout,
            boolean linkRules,
            int linkApplyThreshold,
            Duration linksIdleTimeout) {
        /** Reads the settings from a configuration. */
        public static Settings from(Configuration conf) {
            return new Settings(
                    conf.get(CanonicalJobOptions.DEDUPE_RETENTION),
                    conf.get(CanonicalJobOptions.DEDUPE_BUCKET),
                    conf.get(CanonicalJobOptions.BOOK_MAX_LEVELS),
                    conf.get(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY),
                    conf.get(CanonicalJobOptions.MARKET_SNAPSHOT_EVERY),
                    conf.get(CanonicalJobOptions.DISCOVERY_TIMEOUT),
                    conf.get(CanonicalJobOptions.CLOSED_RETENTION),
                    conf.get(CanonicalJobOptions.OUT_OF_ORDERNESS),
                    conf.get(CanonicalJobOptions.IDLE_TIMEOUT),
                    conf.get(CanonicalJobOptions.LINK_RULES),
                    conf.get(CanonicalJobOptions.LINK_APPLY_THRESHOLD),
                    conf.get(CanonicalJobOptions.LINKS_IDLE_TIMEOUT));
        }

        /** The defaults of {@link CanonicalJobOptions}. */
        public static Settings defaults() {
            return from(new Configuration());
        }

        MarketProcessor.Config market() {
            return new MarketProcessor.Config(
                    dedupeRetention,
                    dedupeBucket,
                    maxLevelsPerSide,
                    snapshotEvery,
                    marketSnapshotEvery,
                    discoveryTimeout,
                    closedRetention);
        }
    }

    /**
     * Reads the input from a source with the stable source uid. Event time is the records' ingest
     * time with a bounded out-of-orderness: the watermark orders the decisions that span keys
     * (orphan markets, event resolution) deterministically.
     */
    public static DataStream<Either<Quarantined, IngestedMessage>> input(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, IngestedMessage>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, IngestedMessage>> watermarks =
                withIdleness(
                        WatermarkStrategy
                                .<Either<Quarantined, IngestedMessage>>forBoundedOutOfOrderness(
                                        settings.outOfOrderness())
                                .withTimestampAssigner(
                                        (m, kafkaTimestamp) ->
                                                m.isRight()
                                                        ? m.right().message.getIngestTime()
                                                        : kafkaTimestamp),
                        settings);
        return env.fromSource(source, watermarks, Stages.SOURCE)
                .uid(Stages.SOURCE)
                .name(Stages.SOURCE);
    }

    /** Reads native frames from a source with the stable raw source uid. */
    public static DataStream<Either<Quarantined, IngestedFrame>> rawInput(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, IngestedFrame>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, IngestedFrame>> watermarks =
                withIdleness(
                        WatermarkStrategy
                                .<Either<Quarantined, IngestedFrame>>forBoundedOutOfOrderness(
                                        settings.outOfOrderness())
                                .withTimestampAssigner(
                                        (f, kafkaTimestamp) ->
                                                f.isRight()
                                                        ? f.right().receiveTime
                                                        : kafkaTimestamp),
                        settings);
        return env.fromSource(source, watermarks, Stages.RAW_SOURCE)
                .uid(Stages.RAW_SOURCE)
                .name(Stages.RAW_SOURCE);
    }

    /**
     * Reads curated link changes with the stable links source uid. Event time is each change's
     * effective time; the topic is mostly quiet, so it stops holding the watermark back after
     * {@code marketstreams.links.idle-timeout} without records.
     */
    public static DataStream<Either<Quarantined, LinkerInput>> linksInput(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, LinkerInput>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, LinkerInput>> watermarks =
                WatermarkStrategy.<Either<Quarantined, LinkerInput>>forMonotonousTimestamps()
                        .withTimestampAssigner(
                                (in, kafkaTimestamp) ->
                                        in.isRight()
                                                ? in.right().link.getEffectiveTime()
                                                : kafkaTimestamp);
        Duration idle = settings.linksIdleTimeout();
        if (idle != null && !idle.isZero()) {
            watermarks = watermarks.withIdleness(idle);
        }
        // One reader for the one-partition topic: a reader without a split would hold the
        // watermark back until it counts as idle.
        return env.fromSource(source, watermarks, Stages.LINKS_SOURCE)
                .uid(Stages.LINKS_SOURCE)
                .name(Stages.LINKS_SOURCE)
                .setParallelism(1);
    }

    private static <T> WatermarkStrategy<T> withIdleness(
            WatermarkStrategy<T> strategy, Settings settings) {
        Duration idle = settings.idleTimeout();
        return idle == null || idle.isZero() ? strategy : strategy.withIdleness(idle);
    }

    /** Builds the topology on normalized input. */
    public static Outputs build(
            DataStream<Either<Quarantined, IngestedMessage>> input, Settings settings) {
        return build(input, null, settings);
    }

    /**
     * Builds the topology on normalized input ({@code venue.messages}), native frames (the raw
     * topics), or both; either may be null. No curated links: automatic rules only.
     */
    public static Outputs build(
            DataStream<Either<Quarantined, IngestedMessage>> venueMessages,
            DataStream<Either<Quarantined, IngestedFrame>> rawFrames,
            Settings settings) {
        return build(venueMessages, rawFrames, null, settings);
    }

    /**
     * Builds the topology on normalized input, native frames, or both (either may be null), with
     * curated link changes from {@code links} (may be null).
     */
    public static Outputs build(
            DataStream<Either<Quarantined, IngestedMessage>> venueMessages,
            DataStream<Either<Quarantined, IngestedFrame>> rawFrames,
            DataStream<Either<Quarantined, LinkerInput>> links,
            Settings settings) {
        DataStream<Either<Quarantined, IngestedMessage>> input = venueMessages;
        DataStream<Quarantined> rawQuarantine = null;
        if (rawFrames != null) {
            SingleOutputStreamOperator<Either<Quarantined, IngestedMessage>> parsed =
                    rawFrames
                            .keyBy(RawFrameFunction::venue)
                            .process(new RawFrameFunction())
                            .uid(Stages.RAW_FRAMES)
                            .name(Stages.RAW_FRAMES);
            rawQuarantine = parsed.getSideOutput(RawFrameFunction.QUARANTINE);
            input = input == null ? parsed : input.union(parsed);
        }
        if (input == null) {
            throw new IllegalArgumentException("the job needs venue messages or raw frames");
        }
        SingleOutputStreamOperator<IngestedMessage> routed =
                input.process(new VenueMessageRouter()).uid(Stages.ROUTER).name(Stages.ROUTER);

        DataStream<LinkerInput> catalog =
                routed.getSideOutput(VenueMessageRouter.CATALOG)
                        .keyBy(message -> MarketIds.venueEventKeyOf(message.message))
                        .process(new EventCatalogFunction())
                        .uid(Stages.EVENT_CATALOG)
                        .name(Stages.EVENT_CATALOG);
        DataStream<Quarantined> linksQuarantine = null;
        if (links != null) {
            SingleOutputStreamOperator<LinkerInput> decoded =
                    links.process(new LinkRecordIntake())
                            .uid(Stages.LINKS_INTAKE)
                            .name(Stages.LINKS_INTAKE)
                            .setParallelism(links.getParallelism());
            linksQuarantine = decoded.getSideOutput(LinkRecordIntake.QUARANTINE);
            catalog = catalog.union(decoded);
        }
        // One instance: which venue events form one canonical event is a global decision.
        SingleOutputStreamOperator<EventSignal> linker =
                catalog.keyBy(in -> LinkerInput.GLOBAL)
                        .process(
                                new EventLinkerFunction(
                                        settings.linkRules(), settings.linkApplyThreshold()))
                        .uid(Stages.LINKER)
                        .name(Stages.LINKER)
                        .setParallelism(1)
                        .setMaxParallelism(1);

        SingleOutputStreamOperator<Trade> markets =
                routed.connect(linker)
                        .keyBy(message -> message.marketId, signal -> signal.marketId)
                        .transform(
                                Stages.MARKET,
                                TypeInformation.of(Trade.class),
                                new MarketStateOperator(new MarketFunction(settings.market())))
                        .uid(Stages.MARKET)
                        .name(Stages.MARKET);

        SingleOutputStreamOperator<EventResolution> eventResolutions =
                markets.getSideOutput(MarketFunction.EVENT_UPDATES)
                        .union(linker.getSideOutput(EventLinkerFunction.RELATIONS))
                        .keyBy(update -> update.eventId)
                        .process(new EventResolutionFunction())
                        .uid(Stages.EVENT_RESOLUTION)
                        .name(Stages.EVENT_RESOLUTION);

        DataStream<Quarantined> quarantine =
                routed.getSideOutput(VenueMessageRouter.QUARANTINE)
                        .union(markets.getSideOutput(MarketFunction.QUARANTINE))
                        .union(linkerQuarantine(linker, linksQuarantine));
        if (rawQuarantine != null) {
            quarantine = quarantine.union(rawQuarantine);
        }
        return new Outputs(
                // Keyed: the linker runs as one subtask, and a round-robin hand-over to the
                // sink's subtasks would reorder an event's revisions.
                linker.getSideOutput(EventLinkerFunction.EVENTS).keyBy(Event::getEventId),
                eventResolutions,
                markets.getSideOutput(MarketFunction.MARKETS),
                markets.getSideOutput(MarketFunction.MARKET_SNAPSHOTS),
                markets.getSideOutput(MarketFunction.UPDATES),
                markets.getSideOutput(MarketFunction.STATES),
                markets.getSideOutput(MarketFunction.RESOLUTIONS),
                markets.getSideOutput(MarketFunction.SNAPSHOTS),
                markets.getSideOutput(MarketFunction.DELTAS),
                markets,
                quarantine);
    }

    /**
     * The linker's and the links intake's quarantine records, keyed: both run as one subtask, and a
     * round-robin hand-over to the sink's subtasks would spread one key over partitions.
     */
    private static DataStream<Quarantined> linkerQuarantine(
            SingleOutputStreamOperator<EventSignal> linker, DataStream<Quarantined> intake) {
        DataStream<Quarantined> records = linker.getSideOutput(EventLinkerFunction.QUARANTINE);
        if (intake != null) {
            records = records.union(intake);
        }
        return records.keyBy(QuarantineRecords::key);
    }

    /** Attaches the sinks, each with its stable uid. */
    public static void sinkTo(Outputs outputs, Sinks sinks) {
        sinkTo(outputs, sinks, "");
    }

    /**
     * Attaches the sinks with {@code uidPrefix} before each sink uid. A replay uses its own prefix
     * so that, restored from a live savepoint, it does not take over the live sinks' transactions.
     */
    public static void sinkTo(Outputs outputs, Sinks sinks, String uidPrefix) {
        sink(outputs.events(), sinks.events(), StreamTopic.EVENTS_DISCOVERED, uidPrefix);
        sink(
                outputs.eventResolutions(),
                sinks.eventResolutions(),
                StreamTopic.EVENTS_RESOLVED,
                uidPrefix);
        sink(outputs.markets(), sinks.markets(), StreamTopic.MARKETS_DISCOVERED, uidPrefix);
        sink(
                outputs.marketSnapshots(),
                sinks.marketSnapshots(),
                StreamTopic.MARKETS_SNAPSHOTS,
                uidPrefix);
        sink(
                outputs.marketUpdates(),
                sinks.marketUpdates(),
                StreamTopic.MARKETS_UPDATED,
                uidPrefix);
        sink(
                outputs.marketStates(),
                sinks.marketStates(),
                StreamTopic.MARKET_STATE_UPDATED,
                uidPrefix);
        sink(
                outputs.marketResolutions(),
                sinks.marketResolutions(),
                StreamTopic.MARKETS_RESOLVED,
                uidPrefix);
        sink(
                outputs.bookSnapshots(),
                sinks.bookSnapshots(),
                StreamTopic.ORDERS_SNAPSHOT,
                uidPrefix);
        sink(outputs.bookDeltas(), sinks.bookDeltas(), StreamTopic.ORDERS_DELTA, uidPrefix);
        sink(outputs.trades(), sinks.trades(), StreamTopic.TRADES_EXECUTED, uidPrefix);
        sink(outputs.quarantine(), sinks.quarantine(), StreamTopic.QUARANTINE, uidPrefix);
    }

    private static <T> void sink(
            DataStream<T> stream, Sink<T> sink, StreamTopic topic, String uidPrefix) {
        String uid = uidPrefix + Stages.sink(topic.streamName());
        stream.sinkTo(sink).uid(uid).name(uid);
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
    public static KafkaSource<Either<Quarantined, IngestedMessage>> kafkaSource(
            Configuration conf) {
        return CanonicalJob.<Either<Quarantined, IngestedMessage>>kafkaSourceBuilder(conf)
                .setTopics(
                        StreamTopic.VENUE_MESSAGES.topicName(
                                conf.get(CanonicalJobOptions.INPUT_NAMESPACE)))
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setDeserializer(new VenueMessageDeserializer())
                .build();
    }

    /** The Kafka source of the raw topics {@code raw.kalshi} and {@code raw.polymarket}. */
    public static KafkaSource<Either<Quarantined, IngestedFrame>> rawKafkaSource(
            Configuration conf) {
        String namespace = conf.get(CanonicalJobOptions.INPUT_NAMESPACE);
        return CanonicalJob.<Either<Quarantined, IngestedFrame>>kafkaSourceBuilder(conf)
                .setTopics(
                        StreamTopic.RAW_KALSHI.topicName(namespace),
                        StreamTopic.RAW_POLYMARKET.topicName(namespace))
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setDeserializer(new RawFrameDeserializer())
                .build();
    }

    /**
     * A Kafka source builder with what every source of the platform shares: bootstrap servers,
     * {@code read_committed}, the configured range ({@link SourceRange}). Callers add topics, group
     * id and deserializer.
     */
    public static <T> KafkaSourceBuilder<T> kafkaSourceBuilder(Configuration conf) {
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

    /**
     * Builds the job on the Kafka inputs the configuration names ({@code
     * marketstreams.source.inputs}).
     */
    public static Outputs buildOnKafka(StreamExecutionEnvironment env, Configuration conf) {
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
        String links = StreamTopic.LINKS.topicName(conf.get(CanonicalJobOptions.INPUT_NAMESPACE));
        boolean curated;
        try {
            curated =
                    TopicProvisioner.exists(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS), links);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics to look for " + links, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted looking for " + links, e);
        }
        if (!curated) {
            // A Kafka source over a missing topic never finishes (bounded) and never delivers
            // what is created later: without the topic the job links by rules alone, and says so.
            LOG.warn(
                    "topic {} does not exist: no curated links, automatic rules only (create it"
                            + " with TopicProvisioner or bin/links-load and restart)",
                    links);
        }
        return build(
                venueMessages ? input(env, kafkaSource(conf), settings) : null,
                raw ? rawInput(env, rawKafkaSource(conf), settings) : null,
                curated ? linksInput(env, linksKafkaSource(conf), settings) : null,
                settings);
    }

    /**
     * The Kafka source of curated link changes ({@code links}, read_committed). It always starts
     * from the earliest offset (unless restored): the link table is the whole compacted topic.
     */
    public static KafkaSource<Either<Quarantined, LinkerInput>> linksKafkaSource(
            Configuration conf) {
        return CanonicalJob.<Either<Quarantined, LinkerInput>>kafkaSourceBuilder(conf)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setTopics(
                        StreamTopic.LINKS.topicName(conf.get(CanonicalJobOptions.INPUT_NAMESPACE)))
                .setGroupId(conf.get(CanonicalJobOptions.GROUP_ID))
                .setDeserializer(new LinkChangeDeserializer())
                .build();
    }

    /** Kafka sinks of every output stream, per the configuration. */
    public static Sinks kafkaSinks(Configuration conf) {
        return new Sinks(
                kafkaSink(conf, StreamTopic.EVENTS_DISCOVERED, Event.class, Event::getEventId),
                kafkaSink(
                        conf,
                        StreamTopic.EVENTS_RESOLVED,
                        EventResolution.class,
                        EventResolution::getEventId),
                kafkaSink(conf, StreamTopic.MARKETS_DISCOVERED, Market.class, Market::getMarketId),
                kafkaSink(
                        conf,
                        StreamTopic.MARKETS_SNAPSHOTS,
                        MarketSnapshot.class,
                        MarketSnapshot::getMarketId),
                kafkaSink(
                        conf,
                        StreamTopic.MARKETS_UPDATED,
                        MarketUpdate.class,
                        MarketUpdate::getMarketId),
                kafkaSink(
                        conf,
                        StreamTopic.MARKET_STATE_UPDATED,
                        MarketStateChange.class,
                        MarketStateChange::getMarketId),
                kafkaSink(
                        conf,
                        StreamTopic.MARKETS_RESOLVED,
                        MarketResolution.class,
                        MarketResolution::getMarketId),
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
                kafkaSink(conf, StreamTopic.TRADES_EXECUTED, Trade.class, Trade::getMarketId),
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
        sinkTo(buildOnKafka(env, conf), kafkaSinks(conf));
        env.execute(NAME);
    }
}
