package io.marketstreams.jobs.kafka;

import io.marketstreams.jobs.CanonicalJobOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The range of input a Kafka source reads: where it starts ({@code
 * marketstreams.source.starting-offsets}) and, for a bounded run, where it stops ({@code
 * marketstreams.source.stop-at}, or {@code marketstreams.source.bounded} for the end offsets at job
 * start). Replays and tests use it to read exactly a given stretch of the raw or {@code
 * venue.messages} topics.
 *
 * <p>Positions:
 *
 * <ul>
 *   <li>{@code earliest}, {@code latest}, {@code committed-or-earliest} (start only);
 *   <li>{@code timestamp:<epoch-ms>}: per partition, the first record whose Kafka timestamp is at
 *       or after the instant, or the partition's end if there is none. As a stop it is exclusive:
 *       the source reads the records before that one;
 *   <li>{@code offsets:<topic>:<partition>:<offset>,...}: explicit offsets with full topic names
 *       (namespace included). As a start, partitions it does not list start at their beginning; as
 *       a stop, each offset is exclusive (the first offset not read), a topic it names must have
 *       every partition listed, and topics it does not name at all (another input, the {@code
 *       links} table) stop at their end offsets at job start.
 * </ul>
 *
 * <p>A restored job ignores both: its splits continue from, and stop at, what its checkpoint holds.
 */
public final class SourceRange {
    private static final String TIMESTAMP = "timestamp:";
    private static final String OFFSETS = "offsets:";

    private final Position start;
    private final Position stop;

    private SourceRange(Position start, Position stop) {
        this.start = start;
        this.stop = stop;
    }

    /**
     * Reads and validates the range of a configuration; errors name the option and the accepted
     * forms.
     */
    public static SourceRange from(Configuration conf) {
        Position start =
                parse(
                        CanonicalJobOptions.STARTING_OFFSETS.key(),
                        conf.get(CanonicalJobOptions.STARTING_OFFSETS),
                        true);
        String stopValue = conf.get(CanonicalJobOptions.STOP_AT).trim();
        Position stop;
        if (!stopValue.isEmpty()) {
            stop = parse(CanonicalJobOptions.STOP_AT.key(), stopValue, false);
        } else if (conf.get(CanonicalJobOptions.BOUNDED)) {
            stop = Position.LATEST;
        } else {
            stop = null;
        }
        if (start.offsets != null && stop != null && stop.offsets != null) {
            for (Map.Entry<TopicPartition, Long> e : stop.offsets.entrySet()) {
                Long from = start.offsets.get(e.getKey());
                if (from != null && e.getValue() < from) {
                    throw new IllegalArgumentException(
                            CanonicalJobOptions.STOP_AT.key()
                                    + " stops "
                                    + e.getKey()
                                    + " at "
                                    + e.getValue()
                                    + ", before its starting offset "
                                    + from);
                }
            }
        }
        return new SourceRange(start, stop);
    }

    /** Where the source starts reading when it has no checkpointed offsets. */
    public OffsetsInitializer startingOffsets() {
        return start.initializer(true);
    }

    /** Where the source stops, if it is bounded. */
    public Optional<OffsetsInitializer> stoppingOffsets() {
        return stop == null ? Optional.empty() : Optional.of(stop.initializer(false));
    }

    @Override
    public String toString() {
        return "from " + start.text + (stop == null ? " (unbounded)" : " to " + stop.text);
    }

    private static Position parse(String option, String raw, boolean isStart) {
        String value = raw.trim();
        switch (value) {
            case "earliest":
                if (isStart) {
                    return Position.EARLIEST;
                }
                break;
            case "latest":
                return Position.LATEST;
            case "committed-or-earliest":
                if (isStart) {
                    return Position.COMMITTED_OR_EARLIEST;
                }
                break;
            default:
                if (value.startsWith(TIMESTAMP)) {
                    return Position.timestamp(option, value);
                }
                if (value.startsWith(OFFSETS)) {
                    return Position.offsets(option, value);
                }
        }
        throw new IllegalArgumentException(
                option
                        + " must be "
                        + (isStart ? "committed-or-earliest, earliest, latest, " : "latest, ")
                        + "timestamp:<epoch-ms> or offsets:<topic>:<partition>:<offset>,..., not '"
                        + raw
                        + "'");
    }

    /** One parsed position; {@code timestamp} or {@code offsets} set for those forms. */
    private static final class Position {
        static final Position EARLIEST = new Position("earliest", null, null);
        static final Position LATEST = new Position("latest", null, null);
        static final Position COMMITTED_OR_EARLIEST =
                new Position("committed-or-earliest", null, null);

        final String text;
        final Long timestamp;
        final Map<TopicPartition, Long> offsets;

        private Position(String text, Long timestamp, Map<TopicPartition, Long> offsets) {
            this.text = text;
            this.timestamp = timestamp;
            this.offsets = offsets;
        }

        static Position timestamp(String option, String value) {
            String number = value.substring(TIMESTAMP.length());
            long ms;
            try {
                ms = Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        option
                                + ": '"
                                + number
                                + "' is not an epoch-millisecond timestamp (timestamp:<epoch-ms>)");
            }
            if (ms < 0) {
                throw new IllegalArgumentException(
                        option + ": timestamp " + ms + " is negative (timestamp:<epoch-ms>)");
            }
            return new Position(value, ms, null);
        }

        static Position offsets(String option, String value) {
            String list = value.substring(OFFSETS.length());
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            for (String item : list.split(",", -1)) {
                String entry = item.trim();
                // Topic names cannot hold ':' (Kafka allows [a-zA-Z0-9._-]), so the last two
                // colons separate partition and offset.
                int offsetColon = entry.lastIndexOf(':');
                int partitionColon = offsetColon < 0 ? -1 : entry.lastIndexOf(':', offsetColon - 1);
                if (partitionColon <= 0) {
                    throw badOffsets(option, entry, "expected <topic>:<partition>:<offset>");
                }
                String topic = entry.substring(0, partitionColon);
                if (!topic.matches("[a-zA-Z0-9._-]+")) {
                    throw badOffsets(option, entry, "'" + topic + "' is not a Kafka topic name");
                }
                int partition;
                long offset;
                try {
                    partition = Integer.parseInt(entry.substring(partitionColon + 1, offsetColon));
                    offset = Long.parseLong(entry.substring(offsetColon + 1));
                } catch (NumberFormatException e) {
                    throw badOffsets(option, entry, "partition and offset must be numbers");
                }
                if (partition < 0 || offset < 0) {
                    throw badOffsets(option, entry, "partition and offset must not be negative");
                }
                if (offsets.put(new TopicPartition(topic, partition), offset) != null) {
                    throw badOffsets(option, entry, "the partition is listed twice");
                }
            }
            return new Position(value, null, offsets);
        }

        private static IllegalArgumentException badOffsets(
                String option, String entry, String why) {
            return new IllegalArgumentException(
                    option + ": bad entry '" + entry + "' in offsets list: " + why);
        }

        OffsetsInitializer initializer(boolean isStart) {
            if (timestamp != null) {
                return new AtTimestamp(timestamp);
            }
            if (offsets != null) {
                return new AtOffsets(new HashMap<>(offsets), isStart);
            }
            switch (text) {
                case "earliest":
                    return OffsetsInitializer.earliest();
                case "latest":
                    return OffsetsInitializer.latest();
                default:
                    return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            }
        }
    }

    /**
     * Per partition the first offset at or after a Kafka timestamp, or the end offset. Written out
     * rather than taken from the connector so that the documented meaning is the tested one.
     */
    static final class AtTimestamp implements OffsetsInitializer {
        private static final long serialVersionUID = 1L;
        private final long timestamp;

        AtTimestamp(long timestamp) {
            this.timestamp = timestamp;
        }

        @Override
        public Map<TopicPartition, Long> getPartitionOffsets(
                Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, timestamp));
            Map<TopicPartition, OffsetAndTimestamp> found = retriever.offsetsForTimes(query);
            Map<TopicPartition, Long> end = retriever.endOffsets(partitions);
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                result.put(p, at != null ? at.offset() : end.get(p));
            }
            return result;
        }

        @Override
        public OffsetResetStrategy getAutoOffsetResetStrategy() {
            // Only consulted if a position vanished (retention) under the running replay: fail
            // rather than silently read another range.
            return OffsetResetStrategy.NONE;
        }
    }

    /**
     * Explicit offsets, checked against each partition's current beginning and end: a position
     * outside them would make the consumer reset (start) or wait forever (stop).
     */
    static final class AtOffsets implements OffsetsInitializer {
        private static final long serialVersionUID = 1L;
        private final HashMap<TopicPartition, Long> offsets;
        private final boolean isStart;

        AtOffsets(HashMap<TopicPartition, Long> offsets, boolean isStart) {
            this.offsets = offsets;
            this.isStart = isStart;
        }

        @Override
        public Map<TopicPartition, Long> getPartitionOffsets(
                Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
            String option =
                    isStart
                            ? CanonicalJobOptions.STARTING_OFFSETS.key()
                            : CanonicalJobOptions.STOP_AT.key();
            Set<String> named = new HashSet<>();
            offsets.keySet().forEach(p -> named.add(p.topic()));
            // A forgotten partition of a named topic would silently cut or extend the range.
            List<TopicPartition> unlisted =
                    partitions.stream()
                            .filter(p -> named.contains(p.topic()) && !offsets.containsKey(p))
                            .sorted((a, b) -> a.toString().compareTo(b.toString()))
                            .toList();
            if (!isStart && !unlisted.isEmpty()) {
                throw new IllegalArgumentException(
                        option
                                + " lists no stop offset for "
                                + unlisted
                                + "; a stop needs every partition of the topics it names");
            }
            Map<TopicPartition, Long> beginning = retriever.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = retriever.endOffsets(partitions);
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition p : partitions) {
                Long offset = offsets.get(p);
                if (offset == null) {
                    result.put(p, isStart ? beginning.get(p) : end.get(p));
                    continue;
                }
                if (offset < beginning.get(p) || offset > end.get(p)) {
                    throw new IllegalArgumentException(
                            option
                                    + ": offset "
                                    + offset
                                    + " of "
                                    + p
                                    + " is outside the partition's offsets: its beginning is "
                                    + beginning.get(p)
                                    + ", its end "
                                    + end.get(p));
                }
                result.put(p, offset);
            }
            return result;
        }

        @Override
        public OffsetResetStrategy getAutoOffsetResetStrategy() {
            return OffsetResetStrategy.NONE;
        }
    }
}
