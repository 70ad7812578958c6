package io.marketstreams.testkit;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Output records as Kafka holds them, without a broker: each value plain Avro binary with the
 * platform's headers, keyed by entity id, in the partition Kafka's default partitioner picks
 * (murmur2 of the key over the topic's default partition count), read back partition by partition
 * in offset order, as {@link TopicRecords} reads a topic. Keys interleave differently from the
 * emission order; per key the order is kept, which is all the contract promises.
 */
final class WireRecords {
    private WireRecords() {}

    /** Every stream's records encoded for the topics of {@code namespace}. */
    static Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> encode(
            DecodedOutput output, String namespace) {
        Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> topics = new LinkedHashMap<>();
        output.byStream()
                .forEach((topic, records) -> topics.put(topic, encode(topic, records, namespace)));
        return topics;
    }

    private static List<ConsumerRecord<byte[], byte[]>> encode(
            StreamTopic topic, List<SpecificRecord> records, String namespace) {
        Map<Integer, Long> nextOffset = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> encoded = new ArrayList<>();
        for (SpecificRecord record : records) {
            byte[] key =
                    CanonicalStream.of(record).keyOfRecord(record).getBytes(StandardCharsets.UTF_8);
            int partition = Utils.toPositive(Utils.murmur2(key)) % topic.defaultPartitions();
            long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
            ConsumerRecord<byte[], byte[]> consumed =
                    new ConsumerRecord<>(
                            topic.topicName(namespace),
                            partition,
                            offset,
                            key,
                            valueOf(topic, record));
            consumed.headers()
                    .add(WireHeaders.STREAM, topic.streamName().getBytes(StandardCharsets.UTF_8));
            consumed.headers()
                    .add(
                            WireHeaders.SCHEMA_FINGERPRINT,
                            WireHeaders.fingerprintHeader(WireHeaders.fingerprint(topic.schema())));
            encoded.add(consumed);
        }
        encoded.sort(
                Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset));
        return encoded;
    }

    @SuppressWarnings("unchecked")
    private static byte[] valueOf(StreamTopic topic, SpecificRecord record) {
        AvroCodec<SpecificRecord> codec =
                AvroCodec.forStream(topic, (Class<SpecificRecord>) record.getClass());
        return codec.encode(record);
    }
}
