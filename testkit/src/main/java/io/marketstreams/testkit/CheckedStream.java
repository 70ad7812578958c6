package io.marketstreams.testkit;

import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One output stream as the checker sees it: its topic, record class and Kafka key. The keys are
 * restated from docs/contract.md rather than taken from the job, so a wrong key in the job is
 * caught.
 *
 * @param <T> the stream's record class
 */
public record CheckedStream<T extends SpecificRecord>(
        StreamTopic topic, Class<T> type, Function<T, String> key) {

    /** Every output stream the checker reads, in the order it reads them. */
    public static final List<CheckedStream<?>> ALL =
            List.of(
                    new CheckedStream<>(
                            StreamTopic.TRADES_EXECUTED, Trade.class, Trade::getMarketId),
                    new CheckedStream<>(
                            StreamTopic.ORDERS_SNAPSHOT,
                            OrderBookSnapshot.class,
                            s -> s.getMarketId() + "|" + s.getOutcomeId()),
                    new CheckedStream<>(
                            StreamTopic.ORDERS_DELTA,
                            OrderBookDelta.class,
                            d -> d.getMarketId() + "|" + d.getOutcomeId()),
                    new CheckedStream<>(
                            StreamTopic.QUARANTINE,
                            Quarantined.class,
                            CheckedStream::quarantineKey),
                    new CheckedStream<>(
                            StreamTopic.EVENTS_DISCOVERED, Event.class, Event::getEventId),
                    new CheckedStream<>(
                            StreamTopic.EVENTS_RESOLVED,
                            EventResolution.class,
                            EventResolution::getEventId),
                    new CheckedStream<>(
                            StreamTopic.MARKETS_DISCOVERED, Market.class, Market::getMarketId),
                    new CheckedStream<>(
                            StreamTopic.MARKETS_SNAPSHOTS,
                            MarketSnapshot.class,
                            MarketSnapshot::getMarketId),
                    new CheckedStream<>(
                            StreamTopic.MARKETS_UPDATED,
                            MarketUpdate.class,
                            MarketUpdate::getMarketId),
                    new CheckedStream<>(
                            StreamTopic.MARKET_STATE_UPDATED,
                            MarketStateChange.class,
                            MarketStateChange::getMarketId),
                    new CheckedStream<>(
                            StreamTopic.MARKETS_RESOLVED,
                            MarketResolution.class,
                            MarketResolution::getMarketId));

    /** The stream whose record class {@code record} is. */
    public static CheckedStream<?> of(SpecificRecord record) {
        for (CheckedStream<?> stream : ALL) {
            if (stream.type().isInstance(record)) {
                return stream;
            }
        }
        throw new IllegalArgumentException(
                record.getClass().getName() + " is not the record of an output stream");
    }

    /** The Kafka key the contract gives {@code record}. */
    public static String keyOf(SpecificRecord record) {
        return of(record).keyOfRecord(record);
    }

    /** The key of a record of this stream's class. */
    public String keyOfRecord(SpecificRecord record) {
        return key.apply(type.cast(record));
    }

    private static String quarantineKey(Quarantined q) {
        return q.getMarketId() != null
                ? q.getMarketId()
                : q.getSourceTopic() + ":" + q.getSourcePartition();
    }
}
