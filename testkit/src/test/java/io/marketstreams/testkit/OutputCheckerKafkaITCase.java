package io.marketstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.Violation.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The Kafka front end: {@code new OutputChecker(bootstrap, namespace).check()} reads the topics of
 * one namespace from a real broker and finds what the in-memory check finds, for clean output and
 * for a broken one.
 */
class OutputCheckerKafkaITCase {
    @Test
    void readsANamespaceAndChecksItLikeTheInMemoryChecker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            readsAndChecks(kafka);
        }
    }

    private static void readsAndChecks(EmbeddedKafka kafka) throws Exception {
        CleanOutput broken = new CleanOutput();
        broken.delta(CleanOutput.M1_YES, 4)
                .setChecksum(broken.delta(CleanOutput.M1_YES, 4).getChecksum() ^ (1L << 40));
        write(kafka, "clean", new CleanOutput().output());
        write(kafka, "broken", broken.output());

        OutputChecker.Report clean = new OutputChecker(kafka.bootstrapServers(), "clean").check();
        OutputChecker.Report bad = new OutputChecker(kafka.bootstrapServers(), "broken").check();

        assertThat(clean.violations()).isEmpty();
        assertThat(clean.counts()).isEqualTo(new CleanOutput().output().counts());
        assertThat(clean.books())
                .containsOnlyKeys(CleanOutput.M1_YES, CleanOutput.M2_YES, CleanOutput.M2_NO);
        assertThat(bad.rules()).containsExactly(Rule.BOOK_CHECKSUM);
        assertThat(bad.violations())
                .isEqualTo(OutputChecker.inMemory().check(broken.output()).violations());
    }

    private static void write(EmbeddedKafka kafka, String namespace, DecodedOutput output)
            throws Exception {
        Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> wire =
                WireRecords.encode(output, namespace);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (StreamTopic topic : wire.keySet()) {
                topics.add(
                        new NewTopic(
                                topic.topicName(namespace), topic.defaultPartitions(), (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
        try (OrderedProducer producer = new OrderedProducer(kafka.bootstrapServers())) {
            wire.values().stream()
                    .flatMap(List::stream)
                    .forEach(r -> producer.send(r.topic(), r.key(), r.value(), r.headers(), null));
        }
    }
}
