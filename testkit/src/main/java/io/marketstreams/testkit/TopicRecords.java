package io.marketstreams.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every committed record of a topic with a plain Kafka consumer ({@code read_committed}, no
 * consumer group): from the beginning up to the last stable offset at the time of the call.
 */
public final class TopicRecords {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private TopicRecords() {}

    /** Every committed record of the topic, partition by partition, in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic) {
        return readAll(bootstrapServers, List.of(topic)).get(topic);
    }

    /**
     * Every committed record of each topic, partition by partition, in offset order, read with one
     * consumer (a consumer per topic cost about half a second each on the embedded broker).
     */
    public static Map<String, List<ConsumerRecord<byte[], byte[]>>> readAll(
            String bootstrapServers, Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
            topics.forEach(t -> records.put(t, new ArrayList<>()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!reached(consumer, end, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topics + " to their end offsets " + end);
                }
                consumer.poll(POLL).forEach(r -> records.get(r.topic()).add(r));
            }
            records.values()
                    .forEach(
                            list ->
                                    list.sort(
                                            (a, b) ->
                                                    a.partition() != b.partition()
                                                            ? Integer.compare(
                                                                    a.partition(), b.partition())
                                                            : Long.compare(
                                                                    a.offset(), b.offset())));
            return records;
        }
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> end,
            Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }
}
