package io.marketstreams.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) running in this JVM,
 * built from Kafka's own published test kit. Used by the tests and by the local runner; no Docker,
 * no download at run time.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /**
     * Upper bound of producer transaction timeouts the broker accepts. Flink's exactly-once
     * KafkaSink must stay below it (flink-conf sets 15 minutes).
     */
    public static final int TRANSACTION_MAX_TIMEOUT_MS = 3_600_000;

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker whose data lives in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafka start() throws Exception {
        return start(Files.createTempDirectory("marketstreams-kafka"));
    }

    /** Starts a broker whose data lives under {@code dataDir}. */
    public static EmbeddedKafka start(Path dataDir) throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dataDir)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        for (Map.Entry<String, Object> e : brokerConfig().entrySet()) {
            builder.setConfigProp(e.getKey(), e.getValue());
        }
        KafkaClusterTestKit cluster = builder.setDeleteOnClose(true).build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    private static Map<String, Object> brokerConfig() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "transaction.max.timeout.ms", String.valueOf(TRANSACTION_MAX_TIMEOUT_MS),
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                "log.cleaner.enable", "true");
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
