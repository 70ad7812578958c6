package io.marketstreams.savepoints;

import io.marketstreams.jobs.flink.Stages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.common.TopicPartition;

/**
 * The input position of a savepoint: for every Kafka partition the canonical job's sources had been
 * assigned, the offset of the next record it would have read.
 *
 * <p>A {@code KafkaSource} keeps its position in the operator list state {@value #READER_STATE} of
 * its source operator ({@code SourceOperator} of Flink's runtime): one {@code byte[]} per split,
 * {@code SimpleVersionedSerialization.writeVersionAndSerialize} of {@link
 * KafkaPartitionSplitSerializer}, whose starting offset is the reader's current position. Both
 * sources of the job are read: {@value Stages#SOURCE} ({@code venue.messages}) and {@value
 * Stages#RAW_SOURCE} (the raw topics); a source the job did not have is absent.
 */
public final class SourceOffsets {
    /** Name of the split state of Flink's {@code SourceOperator}. */
    public static final String READER_STATE = "SourceReaderState";

    private SourceOffsets() {}

    /**
     * Offsets per source uid, then per partition, sorted by topic and partition. A negative offset
     * is one of {@link KafkaPartitionSplit}'s markers ({@code EARLIEST_OFFSET}: the split was
     * assigned but nothing was read yet).
     */
    public static Map<String, Map<TopicPartition, Long>> read(String savepointPath)
            throws Exception {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(savepointPath);
        Map<String, Map<TopicPartition, Long>> bySource = new TreeMap<>();
        for (String uid : List.of(Stages.SOURCE, Stages.RAW_SOURCE, Stages.LINKS_SOURCE)) {
            if (hasState(metadata, uid)) {
                bySource.put(uid, read(savepointPath, uid));
            }
        }
        return bySource;
    }

    private static boolean hasState(CheckpointMetadata metadata, String uid) {
        var id = OperatorIdentifier.forUid(uid).getOperatorId();
        for (OperatorState state : metadata.getOperatorStates()) {
            if (state.getOperatorID().equals(id) && state.hasSubtaskStates()) {
                return true;
            }
        }
        return false;
    }

    private static Map<TopicPartition, Long> read(String savepointPath, String uid)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader savepoint =
                SavepointReader.read(env, savepointPath, new EmbeddedRocksDBStateBackend());
        List<byte[]> splits = new ArrayList<>();
        try (CloseableIterator<byte[]> it =
                savepoint
                        .readListState(
                                OperatorIdentifier.forUid(uid),
                                READER_STATE,
                                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                        .executeAndCollect("savepoint-source-offsets-" + uid)) {
            it.forEachRemaining(splits::add);
        }
        KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();
        Map<TopicPartition, Long> offsets =
                new TreeMap<>(
                        Comparator.comparing(TopicPartition::topic)
                                .thenComparingInt(TopicPartition::partition));
        for (byte[] bytes : splits) {
            KafkaPartitionSplit split;
            try {
                split = SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, bytes);
            } catch (IOException e) {
                throw new IllegalStateException(
                        uid + " holds a split that is not a Kafka split: " + e.getMessage(), e);
            }
            Long previous = offsets.put(split.getTopicPartition(), split.getStartingOffset());
            if (previous != null) {
                throw new IllegalStateException(
                        "partition " + split.getTopicPartition() + " appears twice in " + uid);
            }
        }
        return offsets;
    }
}
