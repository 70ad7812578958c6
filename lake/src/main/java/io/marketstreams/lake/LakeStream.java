package io.marketstreams.lake;

import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.io.Serializable;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One stream the lake writes: its topic, its record class and the record field that dates it (the
 * {@code date=} partition, UTC). The table is in docs/querying.md.
 *
 * @param stream the output stream (topic, record class)
 * @param timeField the Avro field name of the event time, for documentation and error messages
 * @param eventTime reads the event time (epoch milliseconds UTC); null when the record has none
 */
public record LakeStream<T extends SpecificRecordBase>(
        CanonicalStream<T> stream, String timeField, EventTime<T> eventTime)
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
                            CanonicalStream.EVENTS_DISCOVERED,
                            "venue_event_time",
                            Event::getVenueEventTime),
                    new LakeStream<>(
                            CanonicalStream.EVENTS_RESOLVED,
                            "resolution_time",
                            EventResolution::getResolutionTime),
                    new LakeStream<>(
                            CanonicalStream.MARKETS_DISCOVERED,
                            "venue_event_time",
                            Market::getVenueEventTime),
                    new LakeStream<>(
                            CanonicalStream.MARKETS_SNAPSHOTS,
                            "snapshot_time",
                            MarketSnapshot::getSnapshotTime),
                    new LakeStream<>(
                            CanonicalStream.MARKETS_UPDATED,
                            "venue_event_time",
                            MarketUpdate::getVenueEventTime),
                    new LakeStream<>(
                            CanonicalStream.MARKET_STATE_UPDATED,
                            "timestamp",
                            MarketStateChange::getTimestamp),
                    new LakeStream<>(
                            CanonicalStream.MARKETS_RESOLVED,
                            "resolution_time",
                            MarketResolution::getResolutionTime),
                    new LakeStream<>(
                            CanonicalStream.ORDERS_SNAPSHOT,
                            "venue_event_time",
                            OrderBookSnapshot::getVenueEventTime),
                    new LakeStream<>(
                            CanonicalStream.ORDERS_DELTA,
                            "venue_event_time",
                            OrderBookDelta::getVenueEventTime),
                    new LakeStream<>(
                            CanonicalStream.TRADES_EXECUTED, "timestamp", Trade::getTimestamp),
                    new LakeStream<>(
                            CanonicalStream.QUARANTINE,
                            "venue_event_time, else ingest_time",
                            q ->
                                    q.getVenueEventTime() != null
                                            ? q.getVenueEventTime()
                                            : q.getIngestTime()));

    static {
        if (!ALL.stream().map(LakeStream::stream).toList().equals(CanonicalStream.ALL)) {
            throw new IllegalStateException("the lake must write every output stream, in order");
        }
    }

    /** The stream's topic. */
    public StreamTopic topic() {
        return stream.topic();
    }

    /** The stream's record class. */
    public Class<T> type() {
        return stream.type();
    }

    /** The stream's name, which is the {@code stream=} directory. */
    public String name() {
        return stream.streamName();
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
