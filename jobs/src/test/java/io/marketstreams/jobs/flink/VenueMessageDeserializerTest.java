package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VenueMessageDeserializerTest {
    private final VenueMessageDeserializer deserializer = new VenueMessageDeserializer();
    private final AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);

    @BeforeEach
    void open() {
        deserializer.open(null);
    }

    static VenueMessage message() {
        return VenueMessage.newBuilder()
                .setVenueId("kalshi")
                .setVenueEventTime(1L)
                .setIngestTime(2L)
                .setPayload(
                        TradeReport.newBuilder()
                                .setVenueTradeId("t")
                                .setVenueMarketId("M")
                                .setOutcomeId("YES")
                                .setPrice(1)
                                .setQuantity(1)
                                .setTakerSide(TakerSide.BUY)
                                .build())
                .build();
    }

    private Either<Quarantined, IngestedMessage> read(
            byte[] value, String stream, byte[] fingerprint) {
        RecordHeaders headers = new RecordHeaders();
        if (stream != null) {
            headers.add(WireHeaders.STREAM, stream.getBytes(StandardCharsets.UTF_8));
        }
        if (fingerprint != null) {
            headers.add(WireHeaders.SCHEMA_FINGERPRINT, fingerprint);
        }
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "venue.messages",
                        3,
                        42L,
                        0L,
                        TimestampType.CREATE_TIME,
                        0,
                        value == null ? 0 : value.length,
                        "k".getBytes(StandardCharsets.UTF_8),
                        value,
                        headers,
                        java.util.Optional.empty());
        List<Either<Quarantined, IngestedMessage>> out = new ArrayList<>();
        deserializer.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(Either<Quarantined, IngestedMessage> m) {
                        out.add(m);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private byte[] fp() {
        return WireHeaders.fingerprintHeader(codec.fingerprint());
    }

    @Test
    void decodesAValidRecord() {
        Either<Quarantined, IngestedMessage> read =
                read(codec.encode(message()), "venue.messages", fp());

        assertThat(read.isRight()).isTrue();
        IngestedMessage m = read.right();
        assertThat(m.message).isEqualTo(message());
        assertThat(m.marketId).isEqualTo("kalshi:M");
        assertThat(m.sourcePartition).isEqualTo(3);
        assertThat(m.sourceOffset).isEqualTo(42L);
    }

    @Test
    void aMissingFingerprintIsMalformed() {
        assertMalformed(read(codec.encode(message()), "venue.messages", null), "missing header");
    }

    @Test
    void anotherStreamIsMalformed() {
        assertMalformed(
                read(codec.encode(message()), "trades.executed", fp()), "is not venue.messages");
    }

    @Test
    void anUnparsableFingerprintIsMalformed() {
        assertMalformed(
                read(
                        codec.encode(message()),
                        "venue.messages",
                        "xyz".getBytes(StandardCharsets.UTF_8)),
                "bad header");
    }

    @Test
    void anUnknownFingerprintIsMalformed() {
        assertMalformed(
                read(codec.encode(message()), "venue.messages", WireHeaders.fingerprintHeader(7L)),
                "unknown schema fingerprint");
    }

    @Test
    void garbageAndNullValuesAreMalformedWithTheirBytesKept() {
        byte[] garbage = "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8);
        Either<Quarantined, IngestedMessage> m = read(garbage, "venue.messages", fp());
        assertMalformed(m, "not a valid VenueMessage");
        assertThat(m.left().getPayload().array()).isEqualTo(garbage);

        assertMalformed(read(null, "venue.messages", fp()), "null value");
    }

    private static void assertMalformed(Either<Quarantined, IngestedMessage> m, String detail) {
        assertThat(m.isLeft()).isTrue();
        Quarantined q = m.left();
        assertThat(q.getReason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(q.getDetail()).contains(detail);
        assertThat(q.getSourceTopic()).isEqualTo("venue.messages");
        assertThat(q.getSourcePartition()).isEqualTo(3);
        assertThat(q.getSourceOffset()).isEqualTo(42L);
        assertThat(q.getStage()).isEqualTo(Stages.DECODER);
    }
}
