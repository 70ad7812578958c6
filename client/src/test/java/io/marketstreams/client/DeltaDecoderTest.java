package io.marketstreams.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.OrderBookDelta;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeltaDecoderTest {
    private final AvroCodec<OrderBookDelta> codec = AvroCodec.of(OrderBookDelta.class);
    private final DeltaDecoder decoder = new DeltaDecoder();

    @Test
    void readsWhatAvroWritesForEveryShape() throws Exception {
        OrderBookDelta withMutations = BookReplicaTest.contractDelta(2);
        withMutations.setVenueSequence(77L);
        OrderBookDelta healthOnly = BookReplicaTest.delta(3, 5L, 30);

        for (OrderBookDelta d : new OrderBookDelta[] {withMutations, healthOnly, withMutations}) {
            OrderBookDelta decoded = decoder.decode(codec.encode(d), codec.fingerprint());
            assertThat(decoded).isEqualTo(d);
        }
    }

    @Test
    void rejectsTruncatedAndTrailingBytes() {
        byte[] bytes = codec.encode(BookReplicaTest.contractDelta(2));
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        Arrays.copyOf(bytes, bytes.length - 1),
                                        codec.fingerprint()))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        Arrays.copyOf(bytes, bytes.length + 1),
                                        codec.fingerprint()))
                .isInstanceOf(DecodeException.class);
    }
}
