package io.marketstreams.connectors.live;

import static io.marketstreams.connectors.live.KalshiAdapterTest.T0;
import static io.marketstreams.connectors.live.KalshiAdapterTest.TICKERS;
import static io.marketstreams.connectors.live.KalshiAdapterTest.WAIT;
import static io.marketstreams.connectors.live.KalshiAdapterTest.kalshi;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The whole live path on a real broker (embedded KRaft): fake Kalshi, adapter, {@link
 * KafkaRawFrameSink}, the raw topic; read back with {@link RawFrameWire#read}, the frames are the
 * ones received, in order, under the venue key.
 */
class KalshiAdapterKafkaITCase {

    @Test
    void framesLandInTheRawTopicInTheWireFormat() throws Exception {
        List<String> first = Fixtures.frames("kalshi/session-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        String topic = "it.raw.kalshi";
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first, second), 1))) {
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
            KafkaRawFrameSink kafkaSink = new KafkaRawFrameSink(kafka.bootstrapServers(), "it");
            assertThat(kafkaSink.topic("kalshi")).isEqualTo(topic);
            CollectingSink seen = CollectingSink.forwardingTo(kafkaSink);
            ConnectionSettings settings =
                    ConnectionSettings.of(server.url(), "kalshi")
                            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                            .withIdleTimeout(Duration.ZERO)
                            .withClock(new StepClock(T0));
            List<RawFrame> sent;
            try (KalshiAdapter adapter = new KalshiAdapter(settings, TICKERS, seen)) {
                adapter.start();
                seen.awaitFrames(first.size(), WAIT);
                server.peer(1).close();
                sent = seen.awaitFrames(first.size() + second.size(), WAIT);
            }
            seen.close();

            List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, topic, sent.size());
            // One key (the venue): one partition, so the frames of all connections keep their
            // order; checked per connection, and the key of every record.
            for (String connection : List.of("kalshi-1", "kalshi-2")) {
                List<RawFrame> expected =
                        sent.stream().filter(f -> f.connectionId().equals(connection)).toList();
                List<RawFrame> got = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("kalshi");
                    if (!header(r, RawFrameWire.CONNECTION_ID).equals(connection)) {
                        continue;
                    }
                    assertThat(header(r, RawFrameWire.STREAM)).isEqualTo("raw.kalshi");
                    RawFrame frame =
                            RawFrameWire.read(
                                    "kalshi",
                                    r.value(),
                                    name -> {
                                        Header h = r.headers().lastHeader(name);
                                        return h == null ? null : h.value();
                                    });
                    got.add(frame);
                }
                assertThat(got).containsExactlyElementsOf(expected);
            }
            assertThat(records).hasSize(first.size() + second.size());
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(
            EmbeddedKafka kafka, String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
