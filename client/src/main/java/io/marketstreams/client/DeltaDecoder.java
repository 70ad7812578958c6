package io.marketstreams.client;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.DecodeException;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.StreamTopic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes {@code orders.delta} values, the client's hottest path. Records written with the current
 * schema are read field by field straight off Avro's binary decoder into a reused record (Avro's
 * general reader spends most of the client's rebuild time); any other released writer schema goes
 * through the general, schema-resolving {@link AvroCodec}. Not thread-safe.
 */
public final class DeltaDecoder {
    private static final MutationAction[] ACTIONS = MutationAction.values();
    private static final BookSide[] SIDES = BookSide.values();
    private static final BookHealth[] HEALTH = BookHealth.values();

    private final AvroCodec<OrderBookDelta> general =
            AvroCodec.forStream(StreamTopic.ORDERS_DELTA, OrderBookDelta.class);
    private final long currentFingerprint = general.fingerprint();
    private final OrderBookDelta record = new OrderBookDelta();
    private final List<LevelMutation> mutations = new ArrayList<>();
    private final List<LevelMutation> pool = new ArrayList<>();
    private BinaryDecoder decoder;

    /**
     * Decodes a value written with the given schema fingerprint. The returned record is reused by
     * the next call: copy it to keep it.
     */
    public OrderBookDelta decode(byte[] bytes, long fingerprint) throws DecodeException {
        if (fingerprint != currentFingerprint) {
            return general.decode(bytes, fingerprint);
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        try {
            record.setMarketId(decoder.readString());
            record.setOutcomeId(decoder.readString());
            record.setVenueId(decoder.readString());
            record.setSequenceNumber(decoder.readLong());
            mutations.clear();
            int used = 0;
            for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    if (used == pool.size()) {
                        pool.add(new LevelMutation());
                    }
                    LevelMutation m = pool.get(used++);
                    m.setAction(ACTIONS[decoder.readEnum()]);
                    m.setSide(SIDES[decoder.readEnum()]);
                    m.setPrice(decoder.readLong());
                    m.setQuantity(decoder.readLong());
                    mutations.add(m);
                }
            }
            record.setMutations(mutations);
            record.setChecksum(decoder.readLong());
            record.setHealth(HEALTH[decoder.readEnum()]);
            record.setVenueSequence(decoder.readIndex() == 0 ? null : decoder.readLong());
            record.setVenueEventTime(decoder.readLong());
            record.setIngestTime(decoder.readLong());
            if (!decoder.isEnd()) {
                throw new DecodeException("trailing bytes after an OrderBookDelta");
            }
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("not a valid OrderBookDelta: " + e, e);
        }
        return record;
    }
}
