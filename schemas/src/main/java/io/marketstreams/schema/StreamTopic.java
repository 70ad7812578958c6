package io.marketstreams.schema;

import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * The topic catalog: every Kafka topic the platform reads or writes, with its record schema (none
 * for the raw topics of native frames), key, default partition count, cleanup policy and retention.
 * docs/topics.md is the same table in prose; a test keeps the two in step.
 *
 * <p>Topic names are the stream names. A namespace (for example {@code replay-7}) prefixes every
 * name so that replays and tests can write a separate set of topics on the same cluster.
 */
public enum StreamTopic {
    RAW_KALSHI("raw.kalshi", null, "venue id", 1, CleanupPolicy.DELETE, Duration.ofDays(30)),
    RAW_POLYMARKET(
            "raw.polymarket", null, "venue id", 1, CleanupPolicy.DELETE, Duration.ofDays(30)),
    LINKS(
            "links",
            LinkChange.getClassSchema(),
            "kind|venue_a:id_a|venue_b:id_b (docs/linking.md)",
            1,
            CleanupPolicy.COMPACT,
            null),
    VENUE_MESSAGES(
            "venue.messages",
            VenueMessage.getClassSchema(),
            "venue_id:venue_market_id (EventInfo: venue_id:event:venue_event_id)",
            8,
            CleanupPolicy.DELETE,
            Duration.ofDays(7)),
    EVENTS_DISCOVERED(
            "events.discovered",
            Event.getClassSchema(),
            "event_id",
            2,
            CleanupPolicy.COMPACT,
            null),
    EVENTS_RESOLVED(
            "events.resolved",
            EventResolution.getClassSchema(),
            "event_id",
            2,
            CleanupPolicy.COMPACT,
            null),
    MARKETS_DISCOVERED(
            "markets.discovered",
            Market.getClassSchema(),
            "market_id",
            4,
            CleanupPolicy.COMPACT,
            null),
    MARKETS_SNAPSHOTS(
            "markets.snapshots",
            MarketSnapshot.getClassSchema(),
            "market_id",
            4,
            CleanupPolicy.COMPACT,
            null),
    MARKETS_UPDATED(
            "markets.updated",
            MarketUpdate.getClassSchema(),
            "market_id",
            4,
            CleanupPolicy.DELETE,
            Duration.ofDays(90)),
    MARKET_STATE_UPDATED(
            "market.state.updated",
            MarketStateChange.getClassSchema(),
            "market_id",
            4,
            CleanupPolicy.DELETE,
            Duration.ofDays(90)),
    MARKETS_RESOLVED(
            "markets.resolved",
            MarketResolution.getClassSchema(),
            "market_id",
            4,
            CleanupPolicy.COMPACT,
            null),
    ORDERS_SNAPSHOT(
            "orders.snapshot",
            OrderBookSnapshot.getClassSchema(),
            "market_id|outcome_id",
            8,
            CleanupPolicy.COMPACT,
            null),
    ORDERS_DELTA(
            "orders.delta",
            OrderBookDelta.getClassSchema(),
            "market_id|outcome_id",
            8,
            CleanupPolicy.DELETE,
            Duration.ofDays(7)),
    TRADES_EXECUTED(
            "trades.executed",
            Trade.getClassSchema(),
            "market_id",
            8,
            CleanupPolicy.DELETE,
            Duration.ofDays(30)),
    QUARANTINE(
            "quarantine",
            Quarantined.getClassSchema(),
            "market_id, or source_topic:source_partition when the market is unknown",
            2,
            CleanupPolicy.DELETE,
            Duration.ofDays(30));

    /** Kafka {@code cleanup.policy} of a topic. */
    public enum CleanupPolicy {
        /** Keep the latest record per key: the topic is a bootstrap table. */
        COMPACT("compact"),
        /** Keep records for the retention period: the topic is an event log. */
        DELETE("delete");

        private final String kafkaValue;

        CleanupPolicy(String kafkaValue) {
            this.kafkaValue = kafkaValue;
        }

        /** The value of Kafka's {@code cleanup.policy} topic config. */
        public String kafkaValue() {
            return kafkaValue;
        }
    }

    private final String streamName;
    private final Schema schema;
    private final String key;
    private final int defaultPartitions;
    private final CleanupPolicy cleanupPolicy;
    private final Duration retention;

    StreamTopic(
            String streamName,
            Schema schema,
            String key,
            int defaultPartitions,
            CleanupPolicy cleanupPolicy,
            Duration retention) {
        this.streamName = streamName;
        this.schema = schema;
        this.key = key;
        this.defaultPartitions = defaultPartitions;
        this.cleanupPolicy = cleanupPolicy;
        this.retention = retention;
    }

    /** The stream name, which is also the topic name without a namespace. */
    public String streamName() {
        return streamName;
    }

    /** The topic name in a namespace; the empty namespace gives the plain stream name. */
    public String topicName(String namespace) {
        return namespace == null || namespace.isEmpty() ? streamName : namespace + "." + streamName;
    }

    /** The current (writer) schema of the topic's values. */
    /**
     * The Avro schema of the topic's values; null for the raw topics, whose values are native venue
     * frames exactly as received (see {@code RawFrameWire} in connectors).
     */
    public Schema schema() {
        return schema;
    }

    /** Whether the topic holds native venue frames rather than Avro records. */
    public boolean isRaw() {
        return schema == null;
    }

    /** Whether the canonical job writes the topic: the ten streams and quarantine. */
    public boolean isOutput() {
        return !isRaw() && !isInput();
    }

    /** Whether the canonical job reads the topic: raw frames, venue messages, curated links. */
    public boolean isInput() {
        return isRaw() || this == VENUE_MESSAGES || this == LINKS;
    }

    /** What the Kafka record key holds (UTF-8 string). */
    public String key() {
        return key;
    }

    /** Partition count used when the topic is created without an override. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /** The topic's cleanup policy. */
    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** Retention by time, or {@code -1} ms (forever) for compacted topics. */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    /** True for the ten canonical streams of the spec (not the input, not quarantine). */
    public boolean isCanonical() {
        return !isInput() && this != QUARANTINE;
    }

    /** Looks a topic up by stream name. */
    public static StreamTopic ofStreamName(String streamName) {
        for (StreamTopic topic : values()) {
            if (topic.streamName.equals(streamName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("Unknown stream: " + streamName);
    }
}
