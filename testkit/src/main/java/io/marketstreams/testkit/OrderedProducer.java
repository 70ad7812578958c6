package io.marketstreams.testkit;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes test input to Kafka in exactly the order given, so that a test's records land at the same
 * offsets on every run: idempotent, {@code acks=all}, one request in flight.
 *
 * <p>Why one in flight: on a partition created a moment earlier the embedded broker answered the
 * first batches {@code NOT_LEADER} while accepting later in-flight batches of the same idempotent
 * producer, after which the retried first batches failed forever with {@code
 * OUT_OF_ORDER_SEQUENCE_NUMBER}.
 *
 * <p>It keeps the first failed send, not every pending one, so that a benchmark can write millions
 * of records through it; {@link #flush()} reports that failure.
 */
public final class OrderedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** A producer for a broker. */
    public OrderedProducer(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /**
     * A producer for a broker with producer settings over the ordered ones (e.g. a larger {@code
     * batch.size} for a bulk load); overriding the in-flight limit gives up the order guarantee.
     */
    public OrderedProducer(String bootstrapServers, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putAll(overrides);
        producer = new KafkaProducer<>(props);
    }

    /**
     * Queues one record behind the ones sent before it.
     *
     * @param timestamp the record's timestamp, epoch ms; null lets the producer stamp it
     */
    public OrderedProducer send(
            String topic, byte[] key, byte[] value, Iterable<Header> headers, Long timestamp) {
        producer.send(
                new ProducerRecord<>(topic, null, timestamp, key, value, headers),
                (metadata, e) -> {
                    if (e != null) {
                        firstFailure.compareAndSet(null, e);
                    }
                });
        return this;
    }

    /** Waits until every queued record is acknowledged; fails if one was not. */
    public void flush() {
        // flush() returns once every queued request completed, after their callbacks ran.
        producer.flush();
        Exception failure = firstFailure.getAndSet(null);
        if (failure != null) {
            throw new IllegalStateException("test input was not written", failure);
        }
    }

    /** Flushes and closes. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
