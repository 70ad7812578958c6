package io.marketstreams.jobs.kafka;

import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the catalog's topics ({@link StreamTopic}) in a namespace, idempotently: missing topics
 * are created with the catalog's partitions, cleanup policy and retention; existing topics are
 * checked and a cleanup policy that differs from the catalog is an error (a compacted stream on a
 * delete topic, or the reverse, silently breaks client bootstrap).
 */
public final class TopicProvisioner {
    private TopicProvisioner() {}

    /** What provisioning did. */
    public record Result(List<String> created, List<String> existing) {}

    /**
     * Ensures every catalog topic exists in the namespace.
     *
     * @param partitions partition count per topic (for example {@link
     *     StreamTopic#defaultPartitions()})
     */
    public static Result ensureTopics(
            String bootstrapServers, String namespace, ToIntFunction<StreamTopic> partitions)
            throws ExecutionException, InterruptedException {
        return ensureTopics(bootstrapServers, namespace, List.of(StreamTopic.values()), partitions);
    }

    /** Whether a topic exists on the cluster. */
    public static boolean exists(String bootstrapServers, String topic)
            throws ExecutionException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get().contains(topic);
        }
    }

    /** Ensures the given catalog topics exist in the namespace. */
    public static Result ensureTopics(
            String bootstrapServers,
            String namespace,
            Collection<StreamTopic> topics,
            ToIntFunction<StreamTopic> partitions)
            throws ExecutionException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> present = admin.listTopics().names().get();
            List<NewTopic> toCreate = new ArrayList<>();
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            for (StreamTopic topic : topics) {
                String name = topic.topicName(namespace);
                if (present.contains(name)) {
                    existing.add(name);
                    checkCleanupPolicy(admin, topic, name);
                    continue;
                }
                toCreate.add(
                        new NewTopic(name, partitions.applyAsInt(topic), (short) -1)
                                .configs(topicConfig(topic)));
                created.add(name);
            }
            if (!toCreate.isEmpty()) {
                try {
                    admin.createTopics(toCreate).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause()
                            instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                    // Another provisioner created it between list and create: that is fine.
                }
                awaitLeaders(admin, created);
            }
            return new Result(created, existing);
        }
    }

    /**
     * Waits until every partition of the new topics has a leader, so producers that start right
     * away do not race the topic's creation (seen on a fresh KRaft broker as NOT_LEADER errors
     * followed by idempotent-producer sequence errors).
     */
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            boolean ready = true;
            try {
                for (TopicDescription d :
                        admin.describeTopics(topics).allTopicNames().get().values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        if (p.leader() == null || p.leader().isEmpty()) {
                            ready = false;
                        }
                    }
                }
            } catch (ExecutionException e) {
                // Right after creation the broker may not know the topic yet: not ready.
                if (!(e.getCause()
                        instanceof
                        org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have no leaders after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    java.time.Duration.ofMillis(20).toNanos());
        }
    }

    /**
     * The topic-level configs the catalog prescribes; raw topics also accept records up to {@link
     * RawFrameWire#MAX_RECORD_BYTES}, so that a frame above the job's frame limit is kept and
     * quarantined with its size rather than refused at the adapter.
     */
    public static Map<String, String> topicConfig(StreamTopic topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().kafkaValue());
        config.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retentionMs()));
        if (topic.isRaw()) {
            config.put(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    String.valueOf(RawFrameWire.MAX_RECORD_BYTES));
        }
        return config;
    }

    private static void checkCleanupPolicy(Admin admin, StreamTopic topic, String name)
            throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.equals(topic.cleanupPolicy().kafkaValue())) {
            throw new IllegalStateException(
                    "topic "
                            + name
                            + " has cleanup.policy="
                            + policy
                            + " but the catalog says "
                            + topic.cleanupPolicy().kafkaValue());
        }
    }
}
