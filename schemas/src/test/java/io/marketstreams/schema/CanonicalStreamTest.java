package io.marketstreams.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The typed stream table agrees with the topic catalog and gives the documented keys. */
class CanonicalStreamTest {
    @Test
    void everyOutputTopicIsOneStreamWithTheTopicsSchema() {
        assertThat(CanonicalStream.ALL)
                .extracting(CanonicalStream::topic)
                .containsExactlyElementsOf(
                        Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList());
        for (CanonicalStream<?> s : CanonicalStream.ALL) {
            assertThat(org.apache.avro.specific.SpecificData.get().getSchema(s.type()))
                    .as(s.streamName())
                    .isEqualTo(s.topic().schema());
            assertThat(CanonicalStream.of(s.topic())).isSameAs(s);
        }
        assertThatThrownBy(() -> CanonicalStream.of(StreamTopic.RAW_KALSHI))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreTheEntityTheRecordDescribes() {
        OrderBookDelta delta = new OrderBookDelta();
        delta.setMarketId("kalshi:KXFED-25DEC-T4.00");
        delta.setOutcomeId("YES");
        assertThat(CanonicalStream.ORDERS_DELTA.keyOf(delta))
                .isEqualTo("kalshi:KXFED-25DEC-T4.00|YES");
        assertThat(CanonicalStream.of(delta)).isSameAs(CanonicalStream.ORDERS_DELTA);
        assertThat(BookKey.marketOf("kalshi:KXFED-25DEC-T4.00|YES"))
                .isEqualTo("kalshi:KXFED-25DEC-T4.00");

        Quarantined known = new Quarantined();
        known.setMarketId("polymarket:0xabc");
        known.setSourceTopic("raw.polymarket");
        known.setSourcePartition(1);
        assertThat(CanonicalStream.QUARANTINE.keyOf(known)).isEqualTo("polymarket:0xabc");
        known.setMarketId(null);
        assertThat(CanonicalStream.QUARANTINE.keyOf(known)).isEqualTo("raw.polymarket:1");

        Event event = new Event();
        event.setEventId("kalshi:KXFED-25DEC");
        assertThat(CanonicalStream.EVENTS_DISCOVERED.keyOfRecord(event))
                .isEqualTo("kalshi:KXFED-25DEC");
    }

    @Test
    void aDeserializedStreamIsItsConstant() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(CanonicalStream.TRADES_EXECUTED);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isSameAs(CanonicalStream.TRADES_EXECUTED);
        }
    }
}
