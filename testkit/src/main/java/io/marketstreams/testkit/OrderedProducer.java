package io.marketstreams.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 */
public final class OrderedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    /** A producer for a broker. */
    public OrderedProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(props);
    }

    /**
     * Queues one record behind the ones sent before it.
     *
     * @param timestamp the record's timestamp, epoch ms; null lets the producer stamp it
     */
    public OrderedProducer send(
            String topic, byte[] key, byte[] value, Iterable<Header> headers, Long timestamp) {
        pending.add(
                producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers)));
        return this;
    }

    /** Waits until every queued record is acknowledged; fails on the first that was not. */
    public void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing test input", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("test input was not written", e.getCause());
        } finally {
            pending.clear();
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
