package io.marketstreams.savepoints.cluster;

import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The committed records of one output topic per key, in order, byte for byte (value and headers):
 * the form in which two runs of the job are compared (as the jobs module's byte-identical rerun
 * tests compare them).
 */
final class PerKeyOutput {
    private PerKeyOutput() {}

    /**
     * Per key: the records as strings of their bytes, in offset order. Quarantine records of one
     * key come from several operators whose interleaving is not ordered, so they are compared as a
     * sorted multiset.
     */
    static Map<String, List<String>> read(String bootstrap, String namespace, StreamTopic topic) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                TopicRecords.readAll(bootstrap, topic.topicName(namespace))) {
            StringBuilder record = new StringBuilder(Arrays.toString(r.value()));
            r.headers()
                    .forEach(
                            h ->
                                    record.append('|')
                                            .append(h.key())
                                            .append('=')
                                            .append(Arrays.toString(h.value())));
            byKey.computeIfAbsent(
                            new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(record.toString());
        }
        if (topic == StreamTopic.QUARANTINE) {
            byKey.values().forEach(list -> list.sort(String::compareTo));
        }
        return byKey;
    }
}
