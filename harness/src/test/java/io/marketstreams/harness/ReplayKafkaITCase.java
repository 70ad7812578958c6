package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.ReplayJob;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.TopicOffsets;
import io.marketstreams.testkit.TopicRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replays ({@link ReplayJob}) on embedded Kafka + MiniCluster + RocksDB + exactly-once, over the
 * seeded simulator's native frames: the live job writes the un-namespaced outputs; a replay of the
 * same range into its own namespace writes the same records per key byte for byte and leaves the
 * live topics exactly as they were; a replay stopped in the middle (at offsets, or at a Kafka
 * timestamp) writes what a run over an input that ended there writes.
 *
 * <p>The middle comparison is against a run over the input as it stood at the middle, run to its
 * end, not against the live output: a bounded run ends with the final watermark, which fires every
 * pending event-time timer (discovery timeouts, event resolutions), while a job that keeps reading
 * fires them only as later input moves the watermark.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayKafkaITCase {
    private static final int FRAMES = 1000;
    private static final String INPUT = "rp-in";
    private static final String MIDDLE_REFERENCE = "rp-middle";
    private static final String LIVE = "";
    private static final List<StreamTopic> RAW =
            List.of(StreamTopic.RAW_KALSHI, StreamTopic.RAW_POLYMARKET);

    private JobRuns runs;
    private final List<RawFrame> frames = new ArrayList<>();
    private int firstHalf;
    private Map<TopicPartition, Long> middleOffsets;
    private long middleTimestamp;
    private long liveRecords;
    private Map<TopicPartition, Long> liveEndOffsets;

    @BeforeAll
    void liveRunAndReferenceRun() throws Exception {
        runs = JobRuns.start();
        VenueSimulator simulator =
                new VenueSimulator(
                        11L,
                        SimulatorOptions.defaults()
                                .withFaultRate(0.03)
                                .withLifecycleSteps(FRAMES * 3 / 4));
        for (int i = 0; i < FRAMES; i++) {
            frames.add(simulator.next());
        }
        frames.addAll(simulator.finish());
        firstHalf = frames.size() / 2;
        List<RawFrame> first = frames.subList(0, firstHalf);
        List<RawFrame> second = frames.subList(firstHalf, frames.size());

        runs.provisionRaw(INPUT);
        runs.produceFrames(INPUT, first);
        // The middle as an operator would find it: the end offsets after the first half, and a
        // Kafka (producer) timestamp after every first-half record and at or before every later
        // one.
        middleOffsets = endOffsets(rawTopics(INPUT));
        assertThat(middleOffsets.values().stream().mapToLong(l -> l).sum()).isEqualTo(firstHalf);
        middleTimestamp =
                rawTopics(INPUT).stream()
                                .flatMap(t -> TopicRecords.readAll(runs.bootstrap(), t).stream())
                                .mapToLong(ConsumerRecord::timestamp)
                                .max()
                                .orElseThrow()
                        + 1;
        // The reference: the job over the input as it stood at the middle, run to its end. Same
        // topics as the replays, because quarantine records carry their input's topic name.
        runs.rawFrames(INPUT, MIDDLE_REFERENCE).runBounded();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.currentTimeMillis() < middleTimestamp) {
            assertThat(System.nanoTime()).as("the clock passes the middle").isLessThan(deadline);
            Thread.onSpinWait();
        }
        runs.produceFrames(INPUT, second);
        AccountingIdentities.assertFramesAccountedFor(
                runs.rawFrames(INPUT, LIVE).runBounded().getAllAccumulatorResults(), frames.size());
        liveRecords = runs.outputCount(LIVE);
        liveEndOffsets = endOffsets(outputTopics(LIVE));
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    /** The live job's configuration: what an operator's {@code config.yaml} would hold. */
    private Configuration liveConfiguration() {
        return runs.rawFrames(INPUT, LIVE)
                .set(CanonicalJobOptions.STARTING_OFFSETS.key(), "committed-or-earliest")
                .configuration();
    }

    private JobExecutionResult replay(String namespace, String from, String to) throws Exception {
        Configuration conf = ReplayJob.configure(liveConfiguration(), namespace, from, to);
        return ReplayJob.run(conf, t -> JobRuns.OUTPUT_PARTITIONS);
    }

    @Test
    void aReplayOfTheLiveRangeEqualsTheLiveOutputPerKeyInItsOwnTopics() throws Exception {
        JobExecutionResult result = replay("replay1", "earliest", "latest");

        AccountingIdentities.assertFramesAccountedFor(
                result.getAllAccumulatorResults(), frames.size());
        assertThat(runs.outputCount("replay1")).isEqualTo(liveRecords).isPositive();
        runs.assertSameOutput(LIVE, "replay1", false);
        assertThat(endOffsets(outputTopics(LIVE)))
                .as("not one record, marker or aborted write reached a live topic")
                .isEqualTo(liveEndOffsets);

        // A second replay into the same namespace would append to the first: refused.
        assertThatThrownBy(() -> replay("replay1", "earliest", "latest"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("namespace 'replay1' already holds records");
    }

    @Test
    void aReplayStoppedAtOffsetsEqualsARunOverTheInputUpToThem() throws Exception {
        String stop =
                middleOffsets.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey().topic()
                                                + ":"
                                                + e.getKey().partition()
                                                + ":"
                                                + e.getValue())
                        .collect(Collectors.joining(",", "offsets:", ""));
        JobExecutionResult result = replay("replay2", "earliest", stop);

        AccountingIdentities.assertFramesAccountedFor(result.getAllAccumulatorResults(), firstHalf);
        runs.assertSameOutput(MIDDLE_REFERENCE, "replay2", false);
        assertThat(runs.outputCount("replay2")).isLessThan(liveRecords);
        assertThat(endOffsets(outputTopics(LIVE))).isEqualTo(liveEndOffsets);
    }

    @Test
    void aReplayStoppedAtATimestampEqualsARunOverTheInputBeforeIt() throws Exception {
        JobExecutionResult result = replay("replay3", "earliest", "timestamp:" + middleTimestamp);

        AccountingIdentities.assertFramesAccountedFor(result.getAllAccumulatorResults(), firstHalf);
        runs.assertSameOutput(MIDDLE_REFERENCE, "replay3", false);
        assertThat(endOffsets(outputTopics(LIVE))).isEqualTo(liveEndOffsets);
    }

    private static List<String> rawTopics(String namespace) {
        return RAW.stream().map(t -> t.topicName(namespace)).toList();
    }

    private static List<String> outputTopics(String namespace) {
        return JobRuns.OUTPUTS.stream().map(t -> t.topicName(namespace)).toList();
    }

    /** End offsets of every partition of the topics (moved by any write, even an aborted one). */
    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        return TopicOffsets.end(runs.bootstrap(), topics);
    }
}
