package io.marketstreams.connectors.live;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes frames to the raw topic of their venue ({@code raw.kalshi}, {@code raw.polymarket}, in an
 * optional namespace) in the {@link RawFrameWire} format: key = venue id, value = the frame's bytes
 * and the wire headers (the receive time is a header; the record timestamp is the producer's).
 *
 * <p>The producer is idempotent with {@code acks=all} and one request in flight per broker
 * connection, so retries neither duplicate nor reorder a connection's frames.
 */
public final class KafkaRawFrameSink implements RawFrameSink {
    private final Producer<byte[], byte[]> producer;
    private final String namespace;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * Creates a sink with its own producer.
     *
     * @param bootstrapServers the Kafka {@code bootstrap.servers}
     * @param namespace topic namespace; empty for the plain topic names (see {@code
     *     StreamTopic.topicName})
     */
    public KafkaRawFrameSink(String bootstrapServers, String namespace) {
        this(new KafkaProducer<>(producerProperties(bootstrapServers)), namespace);
    }

    /** Creates a sink over a given producer (owned by the sink: closed with it). */
    public KafkaRawFrameSink(Producer<byte[], byte[]> producer, String namespace) {
        this.producer = producer;
        this.namespace = namespace == null ? "" : namespace;
    }

    /**
     * The producer settings the sink uses: idempotent, acks=all, one request in flight, requests up
     * to {@link RawFrameWire#MAX_RECORD_BYTES}.
     */
    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence alone keeps order with up to 5 in flight; 1 keeps it under any broker
        // behaviour and costs little at venue feed rates.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Frames above the job's frame limit are still written (the job quarantines them with
        // their size); the raw topics accept records up to the same size.
        p.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(RawFrameWire.MAX_RECORD_BYTES));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "marketstreams-live-ingest");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** The topic a venue's frames go to. */
    public String topic(String venueId) {
        String stream = RawFrameWire.streamName(venueId);
        return namespace.isEmpty() ? stream : namespace + "." + stream;
    }

    @Override
    public void accept(RawFrame frame) {
        rethrowFailure();
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, byte[]> h : RawFrameWire.headers(frame).entrySet()) {
            headers.add(new RecordHeader(h.getKey(), h.getValue()));
        }
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic(frame.venueId()),
                        null,
                        // The producer's clock, not the receive time: a replayed capture or the
                        // simulator carries old receive times, and time-based retention would
                        // delete such records as soon as their segment rolls. The receive time
                        // travels in its header.
                        null,
                        RawFrameWire.key(frame),
                        frame.payload(),
                        headers);
        producer.send(
                record,
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
    }

    // Delivery errors arrive asynchronously; report one at the next call, once, so the adapter
    // re-subscribes (a fresh snapshot follows the hole) and then goes on writing.
    private void rethrowFailure() {
        Exception e = failure.getAndSet(null);
        if (e != null) {
            throw new IllegalStateException("an earlier raw frame was not written", e);
        }
    }
}
