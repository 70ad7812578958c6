package io.marketstreams.testkit;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The committed records of one output topic per Kafka key, in offset order: the form in which two
 * runs of a job are compared byte for byte (docs/contract.md, "Determinism"). Each record is named
 * by the SHA-256 of its value and headers, so that equal records compare equal and a mismatch
 * prints short.
 *
 * <p>Quarantine records differ in one place between runs over different input topics — the source
 * topic they name — and come from several operators whose interleaving within a key is not ordered:
 * they are compared with the source topic replaced by {@code <input>}, as a sorted multiset.
 */
public final class PerKeyOutput {
    private PerKeyOutput() {}

    /** Per key, the digests of the committed records of {@code topic} in {@code namespace}. */
    public static Map<String, List<String>> read(
            String bootstrapServers, String namespace, StreamTopic topic) {
        return read(bootstrapServers, namespace, topic, false);
    }

    /**
     * As {@link #read(String, String, StreamTopic)}; with {@code dropRepeats}, a record equal to an
     * earlier one of its key is dropped, as a client dropping {@code seq <= last} would drop the
     * repeats of an at-least-once run.
     */
    public static Map<String, List<String>> read(
            String bootstrapServers, String namespace, StreamTopic topic, boolean dropRepeats) {
        return of(
                TopicRecords.readAll(bootstrapServers, topic.topicName(namespace)),
                topic,
                dropRepeats);
    }

    /** Per key, the digests of {@code records} of {@code topic}, in the given order. */
    public static Map<String, List<String>> of(
            List<ConsumerRecord<byte[], byte[]>> records, StreamTopic topic, boolean dropRepeats) {
        boolean quarantine = topic == StreamTopic.QUARANTINE;
        AvroCodec<Quarantined> codec = quarantine ? AvroCodec.of(Quarantined.class) : null;
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            byte[] value = r.value();
            if (quarantine) {
                Quarantined q;
                try {
                    q = codec.decode(value);
                } catch (DecodeException e) {
                    throw new IllegalStateException("undecodable quarantine record " + r, e);
                }
                key = key.replace(q.getSourceTopic(), "<input>");
                q.setSourceTopic("<input>");
                value = codec.encode(q);
            }
            String digest = digest(value, r.headers());
            List<String> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (!dropRepeats || !list.contains(digest)) {
                list.add(digest);
            }
        }
        if (quarantine) {
            byKey.values().forEach(list -> list.sort(String::compareTo));
        }
        return byKey;
    }

    /** SHA-256 (hex) of a record's value and its headers in order. */
    public static String digest(byte[] value, Iterable<Header> headers) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha, value);
        for (Header h : headers) {
            update(sha, h.key().getBytes(StandardCharsets.UTF_8));
            update(sha, h.value());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    // Length-prefixed, so that moving bytes between fields changes the digest.
    private static void update(MessageDigest sha, byte[] bytes) {
        int n = bytes == null ? -1 : bytes.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        if (bytes != null) {
            sha.update(bytes);
        }
    }
}
