package io.marketstreams.schema;

import java.io.Serializable;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The typed table of the platform's output streams — the ten canonical streams and {@code
 * quarantine}: each one's topic, record class and Kafka key (docs/topics.md, "Keys"). It is the one
 * source the job's outputs and sinks, the output checker, and the Parquet lake loop over; adding a
 * stream is adding a constant here and to {@link #ALL}.
 *
 * @param <T> the stream's record class
 */
public final class CanonicalStream<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final CanonicalStream<Event> EVENTS_DISCOVERED =
            new CanonicalStream<>(StreamTopic.EVENTS_DISCOVERED, Event.class, Event::getEventId);
    public static final CanonicalStream<EventResolution> EVENTS_RESOLVED =
            new CanonicalStream<>(
                    StreamTopic.EVENTS_RESOLVED,
                    EventResolution.class,
                    EventResolution::getEventId);
    public static final CanonicalStream<Market> MARKETS_DISCOVERED =
            new CanonicalStream<>(
                    StreamTopic.MARKETS_DISCOVERED, Market.class, Market::getMarketId);
    public static final CanonicalStream<MarketSnapshot> MARKETS_SNAPSHOTS =
            new CanonicalStream<>(
                    StreamTopic.MARKETS_SNAPSHOTS,
                    MarketSnapshot.class,
                    MarketSnapshot::getMarketId);
    public static final CanonicalStream<MarketUpdate> MARKETS_UPDATED =
            new CanonicalStream<>(
                    StreamTopic.MARKETS_UPDATED, MarketUpdate.class, MarketUpdate::getMarketId);
    public static final CanonicalStream<MarketStateChange> MARKET_STATE_UPDATED =
            new CanonicalStream<>(
                    StreamTopic.MARKET_STATE_UPDATED,
                    MarketStateChange.class,
                    MarketStateChange::getMarketId);
    public static final CanonicalStream<MarketResolution> MARKETS_RESOLVED =
            new CanonicalStream<>(
                    StreamTopic.MARKETS_RESOLVED,
                    MarketResolution.class,
                    MarketResolution::getMarketId);
    public static final CanonicalStream<OrderBookSnapshot> ORDERS_SNAPSHOT =
            new CanonicalStream<>(
                    StreamTopic.ORDERS_SNAPSHOT, OrderBookSnapshot.class, BookKey::of);
    public static final CanonicalStream<OrderBookDelta> ORDERS_DELTA =
            new CanonicalStream<>(StreamTopic.ORDERS_DELTA, OrderBookDelta.class, BookKey::of);
    public static final CanonicalStream<Trade> TRADES_EXECUTED =
            new CanonicalStream<>(StreamTopic.TRADES_EXECUTED, Trade.class, Trade::getMarketId);
    public static final CanonicalStream<Quarantined> QUARANTINE =
            new CanonicalStream<>(
                    StreamTopic.QUARANTINE, Quarantined.class, CanonicalStream::quarantineKey);

    /** Every output stream, in topic-catalog order. */
    public static final List<CanonicalStream<?>> ALL =
            List.of(
                    EVENTS_DISCOVERED,
                    EVENTS_RESOLVED,
                    MARKETS_DISCOVERED,
                    MARKETS_SNAPSHOTS,
                    MARKETS_UPDATED,
                    MARKET_STATE_UPDATED,
                    MARKETS_RESOLVED,
                    ORDERS_SNAPSHOT,
                    ORDERS_DELTA,
                    TRADES_EXECUTED,
                    QUARANTINE);

    private final StreamTopic topic;
    private final Class<T> type;
    private final RecordKey<T> key;

    private CanonicalStream(StreamTopic topic, Class<T> type, RecordKey<T> key) {
        this.topic = topic;
        this.type = type;
        this.key = key;
    }

    /** The stream's topic (its name, schema, partitions, cleanup). */
    public StreamTopic topic() {
        return topic;
    }

    /** The stream's generated Avro record class. */
    public Class<T> type() {
        return type;
    }

    /** The Kafka key of the stream's records. */
    public RecordKey<T> key() {
        return key;
    }

    /** The stream name, which is also its topic name without a namespace. */
    public String streamName() {
        return topic.streamName();
    }

    /** The Kafka key of a record of this stream. */
    public String keyOf(T record) {
        return key.of(record);
    }

    /** The Kafka key of a record known only as a {@link SpecificRecord} of this stream's class. */
    public String keyOfRecord(SpecificRecord record) {
        return key.of(type.cast(record));
    }

    /** The stream of a topic; throws for topics that are not output streams. */
    public static CanonicalStream<?> of(StreamTopic topic) {
        for (CanonicalStream<?> stream : ALL) {
            if (stream.topic == topic) {
                return stream;
            }
        }
        throw new IllegalArgumentException(topic.streamName() + " is not an output stream");
    }

    /** The stream whose record class {@code record} is. */
    public static CanonicalStream<?> of(SpecificRecord record) {
        for (CanonicalStream<?> stream : ALL) {
            if (stream.type.isInstance(record)) {
                return stream;
            }
        }
        throw new IllegalArgumentException(
                record.getClass().getName() + " is not the record of an output stream");
    }

    /** A quarantine record's key: its market, else the source partition it was read from. */
    public static String quarantineKey(Quarantined record) {
        return record.getMarketId() != null
                ? record.getMarketId()
                : record.getSourceTopic() + ":" + record.getSourcePartition();
    }

    // The constants are the identities: a deserialized copy stands for its constant.
    private Object readResolve() {
        return of(topic);
    }

    @Override
    public String toString() {
        return streamName();
    }
}
