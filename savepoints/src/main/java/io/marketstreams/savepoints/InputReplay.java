package io.marketstreams.savepoints;

import io.marketstreams.client.BookReplica;
import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkChangeDeserializer;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.VenueMessageDeserializer;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Outputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replays the canonical job's input from the earliest offset up to a savepoint's input position
 * (exclusive) through the job's own topology ({@link CanonicalJob#build}) on a local, bounded run,
 * and keeps what the verification compares: every book rebuilt by the client library ({@link
 * BookReplica}) from the replayed {@code orders.snapshot} and {@code orders.delta}, and each
 * market's {@code markets.discovered}, {@code market.state.updated} and {@code markets.resolved}.
 *
 * <p>The output goes to a collecting sink in this process, never to Kafka: the live topics are only
 * read (with their own group id and no offset commits).
 */
public final class InputReplay {
    /** Consumer group of the replay's reads; it commits nothing. */
    public static final String GROUP_ID = "marketstreams-savepoint-verify";

    private InputReplay() {}

    /**
     * What the replay emitted.
     *
     * @param books per book key, the client's book after every replayed record
     * @param records per book key, the replayed snapshots and deltas in sequence order
     * @param markets per market id, its {@code markets.discovered} record
     * @param lastStateChange per market id, its {@code market.state.updated} record with the
     *     highest {@code state_sequence}
     * @param lastResolution per market id, its {@code markets.resolved} record with the highest
     *     revision
     */
    public record Result(
            Map<String, BookReplica> books,
            Map<String, List<Object>> records,
            Map<String, Market> markets,
            Map<String, MarketStateChange> lastStateChange,
            Map<String, MarketResolution> lastResolution) {

        /**
         * The client's book after only the records up to {@code sequence}: where the replay was
         * when the job had emitted that far.
         */
        public BookReplica bookAt(String key, long sequence) {
            BookReplica replica = new BookReplica(key);
            for (Object r : records.getOrDefault(key, List.of())) {
                if (InputReplay.sequence(r) > sequence) {
                    break;
                }
                apply(replica, r);
            }
            return replica;
        }
    }

    /**
     * Replays the input of each source up to its offsets ({@link SourceOffsets#read}) with the
     * job's configuration (bootstrap servers and operator settings; checkpointing, restore path and
     * state backend are replaced by the replay's own).
     */
    public static Result run(Map<String, Map<TopicPartition, Long>> offsets, Configuration jobConf)
            throws Exception {
        Map<TopicPartition, Long> venue = offsets.getOrDefault(Stages.SOURCE, Map.of());
        Map<TopicPartition, Long> raw = offsets.getOrDefault(Stages.RAW_SOURCE, Map.of());
        Map<TopicPartition, Long> links = offsets.getOrDefault(Stages.LINKS_SOURCE, Map.of());
        if (venue.isEmpty() && raw.isEmpty()) {
            throw new IllegalArgumentException(
                    "the savepoint holds no Kafka source position (no split of "
                            + Stages.SOURCE
                            + " or "
                            + Stages.RAW_SOURCE
                            + ")");
        }
        DataStream<ReplayRecord> collected = replayTopology(jobConf, venue, raw, links);
        Map<String, List<Object>> records = new HashMap<>();
        Map<String, Market> markets = new TreeMap<>();
        Map<String, MarketStateChange> states = new TreeMap<>();
        Map<String, MarketResolution> resolutions = new TreeMap<>();
        collect(collected, records, markets, states, resolutions);
        return new Result(books(records), records, markets, states, resolutions);
    }

    /** The job's topology over bounded sources up to the offsets, collecting what is compared. */
    private static DataStream<ReplayRecord> replayTopology(
            Configuration jobConf,
            Map<TopicPartition, Long> venue,
            Map<TopicPartition, Long> raw,
            Map<TopicPartition, Long> links) {
        Settings settings = Settings.from(jobConf);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(replayConfiguration(jobConf));
        DataStream<Either<Quarantined, IngestedMessage>> venueInput =
                venue.isEmpty()
                        ? null
                        : Inputs.venueMessages(
                                env,
                                boundedSource(jobConf, venue, new VenueMessageDeserializer()),
                                settings);
        DataStream<Either<Quarantined, IngestedFrame>> rawInput =
                raw.isEmpty()
                        ? null
                        : Inputs.rawFrames(
                                env,
                                boundedSource(
                                        jobConf, raw, KafkaWiring.rawFrameDeserializer(jobConf)),
                                settings);
        // Curated links up to the savepoint's position too: they decide canonical event ids.
        DataStream<Either<Quarantined, LinkerInput>> linkInput =
                links.isEmpty()
                        ? null
                        : Inputs.links(
                                env,
                                boundedSource(jobConf, links, new LinkChangeDeserializer()),
                                settings);
        Outputs out =
                CanonicalTopology.build(new Inputs(venueInput, rawInput, linkInput), settings);
        TypeInformation<ReplayRecord> type = TypeInformation.of(ReplayRecord.class);
        return out.get(CanonicalStream.ORDERS_SNAPSHOT)
                .map(ReplayRecord::of, type)
                .union(
                        out.get(CanonicalStream.ORDERS_DELTA).map(ReplayRecord::of, type),
                        out.get(CanonicalStream.MARKETS_DISCOVERED).map(ReplayRecord::of, type),
                        out.get(CanonicalStream.MARKET_STATE_UPDATED).map(ReplayRecord::of, type),
                        out.get(CanonicalStream.MARKETS_RESOLVED).map(ReplayRecord::of, type));
    }

    private static void collect(
            DataStream<ReplayRecord> collected,
            Map<String, List<Object>> records,
            Map<String, Market> markets,
            Map<String, MarketStateChange> states,
            Map<String, MarketResolution> resolutions)
            throws Exception {
        try (CloseableIterator<ReplayRecord> it =
                collected.executeAndCollect("savepoint-verify-replay")) {
            while (it.hasNext()) {
                ReplayRecord r = it.next();
                if (r.snapshot != null) {
                    records.computeIfAbsent(key(r.snapshot), k -> new ArrayList<>())
                            .add(r.snapshot);
                } else if (r.delta != null) {
                    records.computeIfAbsent(key(r.delta), k -> new ArrayList<>()).add(r.delta);
                } else if (r.market != null) {
                    markets.put(r.market.getMarketId(), r.market);
                } else if (r.stateChange != null) {
                    states.merge(
                            r.stateChange.getMarketId(),
                            r.stateChange,
                            (a, b) -> a.getStateSequence() >= b.getStateSequence() ? a : b);
                } else if (r.resolution != null) {
                    resolutions.merge(
                            r.resolution.getMarketId(),
                            r.resolution,
                            (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
                }
            }
        }
    }

    /** Every book rebuilt from its replayed records, as a client would. */
    private static Map<String, BookReplica> books(Map<String, List<Object>> records) {
        Map<String, BookReplica> books = new TreeMap<>();
        for (Map.Entry<String, List<Object>> e : records.entrySet()) {
            // The two streams of a book interleave arbitrarily in the union; its sequence orders
            // them. A restating snapshot carries the sequence of the delta it follows, so on a tie
            // the delta goes first.
            e.getValue()
                    .sort(
                            Comparator.comparingLong(InputReplay::sequence)
                                    .thenComparingInt(r -> r instanceof OrderBookDelta ? 0 : 1));
            BookReplica replica = new BookReplica(e.getKey());
            for (Object r : e.getValue()) {
                apply(replica, r);
            }
            books.put(e.getKey(), replica);
        }
        return books;
    }

    /** The replay's own configuration: the job's settings, nothing that touches its storage. */
    static Configuration replayConfiguration(Configuration jobConf) {
        Configuration conf = new Configuration(jobConf);
        conf.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        conf.removeConfig(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        conf.removeConfig(CheckpointingOptions.SAVEPOINT_DIRECTORY);
        conf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        // The replay's state lives and dies with it; the heap backend decides exactly as RocksDB.
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        // The collecting sink has no uid; the replay is never restored.
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, true);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /**
     * A bounded source over exactly the savepoint's partitions: from the earliest offset to the
     * savepoint's position (exclusive), read_committed like the job's.
     */
    static <T> KafkaSource<T> boundedSource(
            Configuration jobConf,
            Map<TopicPartition, Long> stopAt,
            KafkaRecordDeserializationSchema<T> deserializer) {
        Properties props = new Properties();
        props.put("commit.offsets.on.checkpoint", "false");
        return KafkaWiring.<T>sourceBuilder(jobConf)
                .setPartitions(new HashSet<>(stopAt.keySet()))
                .setGroupId(GROUP_ID)
                .setProperties(props)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(resolveMarkers(jobConf, stopAt)))
                .setDeserializer(deserializer)
                .build();
    }

    /**
     * Replaces {@code EARLIEST_OFFSET} (a split assigned but not read yet) by the partition's
     * earliest offset; other markers have no position to replay to.
     */
    private static Map<TopicPartition, Long> resolveMarkers(
            Configuration jobConf, Map<TopicPartition, Long> stopAt) {
        Map<TopicPartition, Long> resolved = new HashMap<>(stopAt);
        List<TopicPartition> unread = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : stopAt.entrySet()) {
            if (e.getValue() == KafkaPartitionSplit.EARLIEST_OFFSET) {
                unread.add(e.getKey());
            } else if (e.getValue() < 0) {
                throw new IllegalArgumentException(
                        "partition "
                                + e.getKey()
                                + " has no concrete position in the savepoint (marker "
                                + e.getValue()
                                + ")");
            }
        }
        if (!unread.isEmpty()) {
            Properties props = new Properties();
            props.put(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    jobConf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS));
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                            props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                resolved.putAll(consumer.beginningOffsets(unread));
            }
        }
        return resolved;
    }

    static String key(OrderBookSnapshot s) {
        return s.getMarketId() + "|" + s.getOutcomeId();
    }

    static String key(OrderBookDelta d) {
        return d.getMarketId() + "|" + d.getOutcomeId();
    }

    static long sequence(Object record) {
        return record instanceof OrderBookDelta d
                ? d.getSequenceNumber()
                : ((OrderBookSnapshot) record).getSequenceStart();
    }

    static void apply(BookReplica replica, Object record) {
        if (record instanceof OrderBookDelta d) {
            replica.apply(d);
        } else {
            replica.apply((OrderBookSnapshot) record);
        }
    }
}
