package io.marketstreams.savepoints.compat;

import io.marketstreams.harness.JobRun;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.Await;
import io.marketstreams.testkit.OrderedProducer;
import io.marketstreams.testkit.PerKeyOutput;
import io.marketstreams.testkit.TopicRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of the canonical job over a compatibility fixture's input on the harness's broker: the
 * fixture's input namespace, the raw topics and {@code links}, the fixture's job settings.
 */
final class CompatibilityRuns {
    private final JobRuns runs;
    private final Map<String, String> jobSettings;

    CompatibilityRuns(JobRuns runs, Map<String, String> jobSettings) {
        this.runs = runs;
        this.jobSettings = jobSettings;
    }

    /**
     * The job settings of a new fixture over the harness's test configuration: the simulator's raw
     * frames and links, exactly-once.
     */
    static Map<String, String> defaultJobSettings() {
        Map<String, String> s = new HashMap<>();
        s.put(CanonicalJobOptions.MARKET_SNAPSHOT_EVERY.key(), "40");
        // The input ends: its quiet partitions must not hold the watermark back in the unbounded
        // runs, or the decisions that wait for event time would wait forever.
        // Long, because idleness is processing time: an input marked idle before its first record
        // would let the watermark pass its records, and change decisions.
        s.put(CanonicalJobOptions.IDLE_TIMEOUT.key(), "30 s");
        s.put(CanonicalJobOptions.LINKS_IDLE_TIMEOUT.key(), "30 s");
        return s;
    }

    void provision() throws Exception {
        runs.provisionRaw(CompatibilityFixture.INPUT_NAMESPACE);
    }

    void produce(List<InputRecord> records) {
        OrderedProducer producer = runs.producer();
        for (InputRecord r : records) {
            producer.send(
                    r.topic(CompatibilityFixture.INPUT_NAMESPACE),
                    r.key(),
                    r.value(),
                    r.headers(),
                    r.timestamp());
        }
        producer.flush();
    }

    /** The run writing {@code out}, with the fixture's settings. */
    JobRun run(String out) {
        return runs.rawFrames(CompatibilityFixture.INPUT_NAMESPACE, out)
                .setAll(jobSettings)
                .named("compat-" + out);
    }

    /** Waits until a topic of a namespace holds at least {@code records} committed records. */
    void awaitOutput(String namespace, StreamTopic topic, int records) throws Exception {
        String name = topic.topicName(namespace);
        Await.until(
                JobRuns.TIMEOUT,
                () -> records + " records on " + name,
                () -> TopicRecords.readAll(runs.bootstrap(), name).size() >= records);
    }

    /** Per stream and key, the digests of the committed output of a namespace. */
    CompatibilityFixture.Output output(String namespace) {
        CompatibilityFixture.Output output = new CompatibilityFixture.Output();
        for (StreamTopic t : JobRuns.OUTPUTS) {
            Map<String, List<String>> byKey = PerKeyOutput.read(runs.bootstrap(), namespace, t);
            if (!byKey.isEmpty()) {
                output.byStream.put(t, byKey);
            }
        }
        return output;
    }
}
