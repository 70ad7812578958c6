package io.marketstreams.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private final AvroCodec<Trade> codec =
            AvroCodec.forStream(StreamTopic.TRADES_EXECUTED, Trade.class);

    static Trade trade() {
        return Trade.newBuilder()
                .setTradeId("kalshi:t1")
                .setVenueTradeId("t1")
                .setMarketId("kalshi:KXFED-25DEC-T4.00")
                .setVenueId("kalshi")
                .setOutcomeId("YES")
                .setPrice(420_000)
                .setQuantity(12_340_000)
                .setTakerSide(TakerSide.BUY)
                .setTimestamp(1_767_225_600_123L)
                .setTradeSequence(1)
                .setIngestTime(1_767_225_600_200L)
                .build();
    }

    @Test
    void roundTripsAndEncodesDeterministically() throws Exception {
        byte[] first = codec.encode(trade());
        byte[] second = codec.encode(trade());

        assertThat(first).isEqualTo(second);
        assertThat(codec.decode(first)).isEqualTo(trade());
    }

    @Test
    void rejectsTruncatedBytes() {
        byte[] bytes = codec.encode(trade());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] bytes = codec.encode(trade());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

        assertThatThrownBy(() -> codec.decode(longer))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void rejectsUnknownFingerprint() {
        assertThatThrownBy(() -> codec.decode(codec.encode(trade()), 42L))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown schema fingerprint 000000000000002a");
    }

    @Test
    void rejectsGarbage() {
        byte[] garbage = "{\"trade_id\": \"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(garbage)).isInstanceOf(DecodeException.class);
    }

    @Test
    void decodesEveryReleasedWriterSchema() throws Exception {
        for (Schema released : ReleasedSchemas.versions(StreamTopic.TRADES_EXECUTED)) {
            long fingerprint = WireHeaders.fingerprint(released);
            assertThat(codec.canRead(fingerprint)).isTrue();

            GenericRecord record = new GenericData.Record(released);
            Trade t = trade();
            for (Schema.Field f : released.getFields()) {
                Object v = t.get(f.name());
                if (v instanceof Enum<?> e) {
                    v = new GenericData.EnumSymbol(f.schema(), e.name());
                }
                record.put(f.name(), v);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(released).write(record, encoder);
            encoder.flush();

            assertThat(codec.decode(out.toByteArray(), fingerprint)).isEqualTo(t);
        }
    }

    @Test
    void fingerprintHeaderRoundTrips() {
        long fp = codec.fingerprint();
        assertThat(WireHeaders.parseFingerprintHeader(WireHeaders.fingerprintHeader(fp)))
                .isEqualTo(fp);
        assertThatThrownBy(() -> WireHeaders.parseFingerprintHeader(new byte[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
