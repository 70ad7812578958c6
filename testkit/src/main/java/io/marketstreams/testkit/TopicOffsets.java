package io.marketstreams.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * End offsets of topics, and how far a consumer group has committed in them: how a test knows that
 * a job has read its input. A Flink Kafka source commits its offsets when a checkpoint completes,
 * so committed offsets at the end of every input partition mean a completed checkpoint covers all
 * input (and, with exactly-once sinks, all output of it is committed).
 */
public final class TopicOffsets {
    /** Orders partitions by topic, then partition number. */
    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private TopicOffsets() {}

    /**
     * The end offset of every partition of the topics (moved by any write, even an aborted
     * transaction's), sorted by {@link #ORDER}.
     */
    public static SortedMap<TopicPartition, Long> end(
            String bootstrapServers, Collection<String> topics) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach(
                            (topic, description) ->
                                    description
                                            .partitions()
                                            .forEach(
                                                    p ->
                                                            latest.put(
                                                                    new TopicPartition(
                                                                            topic, p.partition()),
                                                                    OffsetSpec.latest())));
            SortedMap<TopicPartition, Long> end = new TreeMap<>(ORDER);
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        }
    }

    /** The offsets {@code group} has committed; a partition it never committed is absent. */
    public static SortedMap<TopicPartition, Long> committed(String bootstrapServers, String group)
            throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            return committed(admin, group);
        }
    }

    /**
     * Waits until {@code group} has committed, in every partition of the topics, the end offset the
     * partition has now (a partition with no records needs no commit).
     */
    public static void awaitCommitted(
            String bootstrapServers, String group, Collection<String> topics, Duration timeout)
            throws Exception {
        SortedMap<TopicPartition, Long> end = end(bootstrapServers, topics);
        awaitCommits(
                bootstrapServers,
                group,
                timeout,
                "the end offsets " + end,
                committed ->
                        end.entrySet().stream()
                                .allMatch(
                                        e ->
                                                committed.getOrDefault(e.getKey(), 0L)
                                                        >= e.getValue()));
    }

    /**
     * Waits until {@code group}'s committed offsets, summed over the partitions of {@code from},
     * exceed the sum of {@code from}: some records after that position are covered by a commit.
     */
    public static void awaitCommittedBeyond(
            String bootstrapServers, String group, Map<TopicPartition, Long> from, Duration timeout)
            throws Exception {
        long fromTotal = from.values().stream().mapToLong(Long::longValue).sum();
        awaitCommits(
                bootstrapServers,
                group,
                timeout,
                "a commit beyond " + from,
                committed ->
                        from.keySet().stream().mapToLong(tp -> committed.getOrDefault(tp, 0L)).sum()
                                > fromTotal);
    }

    private static void awaitCommits(
            String bootstrapServers,
            String group,
            Duration timeout,
            String awaited,
            Predicate<Map<TopicPartition, Long>> done)
            throws Exception {
        Map<TopicPartition, Long> seen = new HashMap<>();
        try (Admin admin = admin(bootstrapServers)) {
            Await.until(
                    timeout,
                    () -> "input committed by " + group + ": " + seen + ", waiting for " + awaited,
                    () -> {
                        seen.clear();
                        seen.putAll(committed(admin, group));
                        return done.test(seen);
                    });
        }
    }

    private static SortedMap<TopicPartition, Long> committed(Admin admin, String group)
            throws Exception {
        SortedMap<TopicPartition, Long> committed = new TreeMap<>(ORDER);
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        offsets.forEach(
                (tp, offset) -> {
                    if (offset != null) {
                        committed.put(tp, offset.offset());
                    }
                });
        return committed;
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
