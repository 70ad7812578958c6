package io.marketstreams.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.jobs.CanonicalJobOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The range options: every accepted form resolves to the documented offsets against a partition
 * layout, every malformed value is refused with the option's name and the accepted forms.
 */
class SourceRangeTest {
    private static final TopicPartition P0 = new TopicPartition("x.raw.kalshi", 0);
    private static final TopicPartition P1 = new TopicPartition("x.raw.kalshi", 1);
    private static final List<TopicPartition> BOTH = List.of(P0, P1);

    /** Partition 0 holds offsets [10, 50), partition 1 [0, 8); timestamps only in partition 0. */
    private static final OffsetsInitializer.PartitionOffsetsRetriever LAYOUT =
            new OffsetsInitializer.PartitionOffsetsRetriever() {
                @Override
                public Map<TopicPartition, Long> committedOffsets(
                        Collection<TopicPartition> partitions) {
                    return Map.of();
                }

                @Override
                public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
                    return Map.of(P0, 50L, P1, 8L);
                }

                @Override
                public Map<TopicPartition, Long> beginningOffsets(
                        Collection<TopicPartition> partitions) {
                    return Map.of(P0, 10L, P1, 0L);
                }

                @Override
                public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                        Map<TopicPartition, Long> timestamps) {
                    Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
                    found.put(P0, new OffsetAndTimestamp(30L, timestamps.get(P0) + 7));
                    found.put(P1, null);
                    return found;
                }
            };

    private static SourceRange range(String start, String stop, boolean bounded) {
        Configuration conf = new Configuration();
        if (start != null) {
            conf.set(CanonicalJobOptions.STARTING_OFFSETS, start);
        }
        if (stop != null) {
            conf.set(CanonicalJobOptions.STOP_AT, stop);
        }
        conf.set(CanonicalJobOptions.BOUNDED, bounded);
        return SourceRange.from(conf);
    }

    @Test
    void withoutStopOrBoundedTheSourceIsUnbounded() {
        assertThat(range(null, null, false).stoppingOffsets()).isEmpty();
        assertThat(range(null, null, true).stoppingOffsets()).isPresent();
        assertThat(range(null, "timestamp:5", false).stoppingOffsets())
                .as("stop-at alone makes the source bounded")
                .isPresent();
    }

    @Test
    void aTimestampResolvesToTheFirstRecordAtOrAfterItOrTheEnd() {
        SourceRange r = range("timestamp:1000", "timestamp:2000", false);
        Map<TopicPartition, Long> expected = Map.of(P0, 30L, P1, 8L);
        assertThat(r.startingOffsets().getPartitionOffsets(BOTH, LAYOUT)).isEqualTo(expected);
        assertThat(r.stoppingOffsets().orElseThrow().getPartitionOffsets(BOTH, LAYOUT))
                .isEqualTo(expected);
    }

    @Test
    void explicitOffsetsStartUnlistedPartitionsAtTheirBeginning() {
        SourceRange r =
                range(
                        "offsets:x.raw.kalshi:0:20",
                        "offsets:x.raw.kalshi:0:40,x.raw.kalshi:1:8",
                        false);
        assertThat(r.startingOffsets().getPartitionOffsets(BOTH, LAYOUT))
                .isEqualTo(Map.of(P0, 20L, P1, 0L));
        assertThat(r.stoppingOffsets().orElseThrow().getPartitionOffsets(BOTH, LAYOUT))
                .isEqualTo(Map.of(P0, 40L, P1, 8L));
    }

    @Test
    void aStopLeavesTopicsItDoesNotNameAtTheirEnd() {
        TopicPartition links = new TopicPartition("links", 0);
        OffsetsInitializer.PartitionOffsetsRetriever withLinks =
                new OffsetsInitializer.PartitionOffsetsRetriever() {
                    @Override
                    public Map<TopicPartition, Long> committedOffsets(
                            Collection<TopicPartition> partitions) {
                        return Map.of();
                    }

                    @Override
                    public Map<TopicPartition, Long> endOffsets(
                            Collection<TopicPartition> partitions) {
                        return Map.of(links, 3L);
                    }

                    @Override
                    public Map<TopicPartition, Long> beginningOffsets(
                            Collection<TopicPartition> partitions) {
                        return Map.of(links, 0L);
                    }

                    @Override
                    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                            Map<TopicPartition, Long> timestamps) {
                        return Map.of();
                    }
                };
        OffsetsInitializer stop =
                range("earliest", "offsets:x.raw.kalshi:0:40,x.raw.kalshi:1:8", false)
                        .stoppingOffsets()
                        .orElseThrow();
        assertThat(stop.getPartitionOffsets(List.of(links), withLinks))
                .isEqualTo(Map.of(links, 3L));
    }

    @Test
    void aStopMustListEveryPartitionOfTheTopicsItNames() {
        OffsetsInitializer stop =
                range("earliest", "offsets:x.raw.kalshi:0:40", false)
                        .stoppingOffsets()
                        .orElseThrow();
        assertThatThrownBy(() -> stop.getPartitionOffsets(BOTH, LAYOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marketstreams.source.stop-at")
                .hasMessageContaining("x.raw.kalshi-1");
    }

    @Test
    void offsetsOutsideThePartitionAreRefused() {
        OffsetsInitializer beforeBeginning =
                range("offsets:x.raw.kalshi:0:5", null, false).startingOffsets();
        assertThatThrownBy(() -> beforeBeginning.getPartitionOffsets(BOTH, LAYOUT))
                .hasMessageContaining("offset 5 of x.raw.kalshi-0")
                .hasMessageContaining("beginning is 10");
        OffsetsInitializer beyondEnd =
                range("earliest", "offsets:x.raw.kalshi:0:51,x.raw.kalshi:1:0", false)
                        .stoppingOffsets()
                        .orElseThrow();
        assertThatThrownBy(() -> beyondEnd.getPartitionOffsets(BOTH, LAYOUT))
                .hasMessageContaining("offset 51 of x.raw.kalshi-0")
                .hasMessageContaining("end 50");
    }

    @Test
    void aStopBeforeItsStartIsRefused() {
        assertThatThrownBy(
                        () ->
                                range(
                                        "offsets:x.raw.kalshi:0:20",
                                        "offsets:x.raw.kalshi:0:19,x.raw.kalshi:1:8",
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before its starting offset 20");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "timestamp:",
                "timestamp:soon",
                "timestamp:-5",
                "offsets:",
                "offsets:raw.kalshi:0",
                "offsets:raw.kalshi:x:1",
                "offsets:raw.kalshi:0:-1",
                "offsets:raw/kalshi:0:1",
                "offsets:raw.kalshi:0:1,raw.kalshi:0:2",
                "offsets:raw.kalshi:0:1,"
            })
    void malformedStartsAreRefusedWithTheOptionName(String value) {
        assertThatThrownBy(() -> range(value, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marketstreams.source.starting-offsets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"earliest", "committed-or-earliest", "never", "timestamp:x"})
    void malformedStopsAreRefusedWithTheOptionName(String value) {
        assertThatThrownBy(() -> range("earliest", value, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marketstreams.source.stop-at");
    }

    @Test
    void anUnknownStartNamesTheAcceptedForms() {
        assertThatThrownBy(() -> range("yesterday", null, false))
                .hasMessage(
                        "marketstreams.source.starting-offsets must be committed-or-earliest,"
                                + " earliest, latest, timestamp:<epoch-ms> or"
                                + " offsets:<topic>:<partition>:<offset>,..., not 'yesterday'");
    }
}
