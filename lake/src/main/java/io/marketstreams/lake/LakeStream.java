package io.marketstreams.lake;

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
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One stream the lake writes: its topic, its record class and the record field that dates it (the
 * {@code date=} partition, UTC). The table is in docs/querying.md.
 *
 * @param topic the stream's topic
 * @param type the generated record class of the stream's schema
 * @param timeField the Avro field name of the event time, for documentation and error messages
 * @param eventTime reads the event time (epoch milliseconds UTC); null when the record has none
 */
public record LakeStream<T extends SpecificRecordBase>(
        StreamTopic topic, Class<T> type, String timeField, EventTime<T> eventTime)
        implements Serializable {

    /** Reads a record's event time; null when unknown (only quarantine records can lack it). */
    @FunctionalInterface
    public interface EventTime<T> extends Serializable {
        /** Epoch milliseconds UTC, or null. */
        Long of(T record);
    }

    /** The streams the lake writes: the ten canonical streams and quarantine. */
    public static final List<LakeStream<?>> ALL =
            List.of(
                    new LakeStream<>(
                            StreamTopic.EVENTS_DISCOVERED,
                            Event.class,
                            "venue_event_time",
                            Event::getVenueEventTime),
                    new LakeStream<>(
                            StreamTopic.EVENTS_RESOLVED,
                            EventResolution.class,
                            "resolution_time",
                            EventResolution::getResolutionTime),
                    new LakeStream<>(
                            StreamTopic.MARKETS_DISCOVERED,
                            Market.class,
                            "venue_event_time",
                            Market::getVenueEventTime),
                    new LakeStream<>(
                            StreamTopic.MARKETS_SNAPSHOTS,
                            MarketSnapshot.class,
                            "snapshot_time",
                            MarketSnapshot::getSnapshotTime),
                    new LakeStream<>(
                            StreamTopic.MARKETS_UPDATED,
                            MarketUpdate.class,
                            "venue_event_time",
                            MarketUpdate::getVenueEventTime),
                    new LakeStream<>(
                            StreamTopic.MARKET_STATE_UPDATED,
                            MarketStateChange.class,
                            "timestamp",
                            MarketStateChange::getTimestamp),
                    new LakeStream<>(
                            StreamTopic.MARKETS_RESOLVED,
                            MarketResolution.class,
                            "resolution_time",
                            MarketResolution::getResolutionTime),
                    new LakeStream<>(
                            StreamTopic.ORDERS_SNAPSHOT,
                            OrderBookSnapshot.class,
                            "venue_event_time",
                            OrderBookSnapshot::getVenueEventTime),
                    new LakeStream<>(
                            StreamTopic.ORDERS_DELTA,
                            OrderBookDelta.class,
                            "venue_event_time",
                            OrderBookDelta::getVenueEventTime),
                    new LakeStream<>(
                            StreamTopic.TRADES_EXECUTED,
                            Trade.class,
                            "timestamp",
                            Trade::getTimestamp),
                    new LakeStream<>(
                            StreamTopic.QUARANTINE,
                            Quarantined.class,
                            "venue_event_time, else ingest_time",
                            q ->
                                    q.getVenueEventTime() != null
                                            ? q.getVenueEventTime()
                                            : q.getIngestTime()));

    static {
        List<StreamTopic> outputs =
                Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();
        if (!ALL.stream().map(LakeStream::topic).toList().equals(outputs)) {
            throw new IllegalStateException("the lake must write every output stream, in order");
        }
    }

    /** The stream's name, which is the {@code stream=} directory. */
    public String name() {
        return topic.streamName();
    }

    /** uid of the stream's Kafka source in the lake job. */
    public String sourceUid() {
        return "lake-source-" + name();
    }

    /** uid of the stream's Parquet sink in the lake job. */
    public String sinkUid() {
        return "lake-sink-" + name();
    }
}
