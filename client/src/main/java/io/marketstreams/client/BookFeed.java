package io.marketstreams.client;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Live order books from Kafka: bootstraps every book from the compacted {@code orders.snapshot}
 * topic, then follows {@code orders.delta}, verifying sequence and checksum on every record (see
 * {@link BookReplica}). Deltas of a book without a snapshot yet are held back (up to a bound) and
 * replayed once its snapshot arrives; after a gap or mismatch the book recovers at its next
 * snapshot. Not thread-safe: call {@link #poll} from one thread.
 */
public final class BookFeed implements AutoCloseable {
    /** Receives what happened to each record. */
    public interface Listener {
        void onRecord(BookReplica book, BookReplica.Status status, long sequence, boolean snapshot);
    }

    private static final int MAX_HELD_DELTAS_PER_BOOK = 100_000;
    private static final Duration DELTA_REWIND = Duration.ofMinutes(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String snapshotTopic;
    private final String deltaTopic;
    private final Listener listener;
    private final AvroCodec<OrderBookSnapshot> snapshotCodec =
            AvroCodec.forStream(StreamTopic.ORDERS_SNAPSHOT, OrderBookSnapshot.class);
    private final Map<String, BookReplica> books = new HashMap<>();
    private final Map<String, Deque<OrderBookDelta>> held = new HashMap<>();
    private final DeltaDecoder deltaDecoder = new DeltaDecoder();
    private long undecodable;

    /**
     * @param bootstrapServers Kafka
     * @param namespace topic namespace ("" for the plain stream names)
     * @param listener receives every record's status
     */
    public BookFeed(String bootstrapServers, String namespace, Listener listener) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.snapshotTopic = StreamTopic.ORDERS_SNAPSHOT.topicName(namespace);
        this.deltaTopic = StreamTopic.ORDERS_DELTA.topicName(namespace);
        this.listener = listener;
        bootstrap();
    }

    /**
     * Reads the snapshot topic to its end, then positions on the delta topic shortly before the
     * oldest bootstrap snapshot was written, so no delta after any snapshot is missed.
     */
    private void bootstrap() {
        List<TopicPartition> snapshotPartitions = partitions(snapshotTopic);
        List<TopicPartition> deltaPartitions = partitions(deltaTopic);
        consumer.assign(snapshotPartitions);
        consumer.seekToBeginning(snapshotPartitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(snapshotPartitions);
        long oldest = Long.MAX_VALUE;
        while (!reached(end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                oldest = Math.min(oldest, r.timestamp());
                dispatch(r);
            }
        }
        List<TopicPartition> all = new ArrayList<>(snapshotPartitions);
        all.addAll(deltaPartitions);
        consumer.assign(all);
        Map<TopicPartition, Long> times = new HashMap<>();
        for (TopicPartition tp : deltaPartitions) {
            times.put(tp, oldest == Long.MAX_VALUE ? 0L : oldest - DELTA_REWIND.toMillis());
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition tp : deltaPartitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        if (oldest == Long.MAX_VALUE) {
            consumer.seekToBeginning(deltaPartitions);
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Polls once and applies what arrived; returns the number of records read. */
    public int poll(Duration timeout) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            dispatch(r);
            n++;
        }
        return n;
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        Header fp = r.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT);
        try {
            long fingerprint = WireHeaders.parseFingerprintHeader(fp == null ? null : fp.value());
            if (r.topic().equals(snapshotTopic)) {
                onSnapshot(snapshotCodec.decode(r.value(), fingerprint));
            } else {
                onDelta(deltaDecoder.decode(r.value(), fingerprint));
            }
        } catch (DecodeException | IllegalArgumentException e) {
            undecodable++;
        }
    }

    private void onSnapshot(OrderBookSnapshot snapshot) {
        String key = snapshot.getMarketId() + "|" + snapshot.getOutcomeId();
        BookReplica book = books.computeIfAbsent(key, BookReplica::new);
        BookReplica.Status status = book.apply(snapshot);
        listener.onRecord(book, status, snapshot.getSequenceStart(), true);
        Deque<OrderBookDelta> waiting = held.remove(key);
        if (waiting != null && book.hasBook()) {
            for (OrderBookDelta d : waiting) {
                if (d.getSequenceNumber() > book.sequence()) {
                    onDelta(d);
                }
            }
        }
    }

    private void onDelta(OrderBookDelta delta) {
        String key = delta.getMarketId() + "|" + delta.getOutcomeId();
        BookReplica book = books.computeIfAbsent(key, BookReplica::new);
        BookReplica.Status status = book.apply(delta);
        if (status == BookReplica.Status.NO_BOOK) {
            Deque<OrderBookDelta> waiting = held.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (waiting.size() == MAX_HELD_DELTAS_PER_BOOK) {
                waiting.removeFirst();
            }
            // The decoded record is reused for the next one: hold a copy.
            waiting.addLast(OrderBookDelta.newBuilder(delta).build());
        }
        listener.onRecord(book, status, delta.getSequenceNumber(), false);
    }

    /** The books by key {@code market_id|outcome_id}. */
    public Map<String, BookReplica> books() {
        return books;
    }

    /** Records that could not be decoded (wrong header or bytes). */
    public long undecodable() {
        return undecodable;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
