package io.marketstreams.harness;

import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.DeliveryMode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.FailOnceWhenArmed;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * One run of the canonical job from an input namespace to an output namespace on the harness's
 * broker, with the test configuration: RocksDB with incremental checkpoints every 300 ms,
 * exactly-once unless told otherwise, stable uids required, no generic types, parallelism 2, max
 * parallelism 128, restart strategy none, book snapshots every 25 records. Its consumer group is
 * {@code group-<out>} and its transactional id prefix {@code tx-<out>}.
 *
 * <p>Settings are changed with the fluent methods before the run {@linkplain #runBounded() runs
 * bounded} or {@linkplain #start() starts} unbounded; the output topics are created first.
 */
public final class JobRun {
    /** {@code marketstreams.source.inputs} of a run on {@code venue.messages}. */
    public static final String VENUE_MESSAGES = "venue-messages";

    /** {@code marketstreams.source.inputs} of a run on the raw topics (and {@code links}). */
    public static final String RAW = "raw";

    private final JobRuns runs;
    private final String in;
    private final String out;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String name;
    private Path restoreFrom;
    private FailOnceWhenArmed<?> injector;

    JobRun(JobRuns runs, String in, String out, String inputs) {
        this.runs = runs;
        this.in = in;
        this.out = out;
        this.name = "canonical-" + out;
        settings.put(CanonicalJobOptions.INPUT_NAMESPACE.key(), in);
        settings.put(CanonicalJobOptions.INPUTS.key(), inputs);
        settings.put(CanonicalJobOptions.STARTING_OFFSETS.key(), "earliest");
        settings.put(CanonicalJobOptions.TRANSACTION_TIMEOUT.key(), "2 min");
        settings.put(CanonicalJobOptions.DELIVERY.key(), "exactly-once");
        settings.put(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY.key(), "25");
        settings.put("state.backend.type", "rocksdb");
        settings.put("execution.checkpointing.incremental", "true");
        settings.put("execution.checkpointing.interval", "300 ms");
        settings.put("pipeline.auto-generate-uids", "false");
        settings.put("pipeline.generic-types", "false");
        settings.put("pipeline.object-reuse", "true");
        settings.put("pipeline.max-parallelism", "128");
        settings.put("parallelism.default", "2");
        settings.put("restart-strategy.type", "none");
    }

    /** The input namespace. */
    public String input() {
        return in;
    }

    /** The output namespace. */
    public String output() {
        return out;
    }

    /** The consumer group of the job's sources. */
    public String group() {
        return "group-" + out;
    }

    /** Sets a configuration key (a job option or a Flink setting). */
    public JobRun set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Sets several configuration keys. */
    public JobRun setAll(Map<String, String> values) {
        settings.putAll(values);
        return this;
    }

    /** The delivery guarantee of the sinks. */
    public JobRun delivery(DeliveryMode delivery) {
        return set(
                CanonicalJobOptions.DELIVERY.key(),
                delivery == DeliveryMode.EXACTLY_ONCE ? "exactly-once" : "at-least-once");
    }

    /** The Flink job name (metrics carry it as {@code job_name}). */
    public JobRun named(String jobName) {
        this.name = jobName;
        return this;
    }

    /** Restarts after a failure, {@code attempts} times at most, 100 ms apart. */
    public JobRun restartOnFailure(int attempts) {
        set("restart-strategy.type", "fixed-delay");
        set("restart-strategy.fixed-delay.attempts", String.valueOf(attempts));
        return set("restart-strategy.fixed-delay.delay", "100 ms");
    }

    /** Restores the run from a savepoint (or retained checkpoint). */
    public JobRun restoreFrom(Path savepoint) {
        this.restoreFrom = savepoint;
        return this;
    }

    /**
     * Passes the input through {@code injector} between the source and the topology (runs on {@code
     * venue.messages} only); combine with {@link #restartOnFailure(int)}.
     */
    public JobRun failingOnceWhenArmed(FailOnceWhenArmed<?> injector) {
        this.injector = injector;
        return this;
    }

    /**
     * The run's settings without the broker, the output namespace, its consumer group and
     * transactional ids, the boundedness and local paths: what a savepoint fixture records as the
     * settings it ran with.
     */
    public Map<String, String> settings() {
        return new LinkedHashMap<>(settings);
    }

    /** The configuration of the run as an unbounded job (what a live job would be given). */
    public Configuration configuration() {
        return configuration(false);
    }

    /** The complete configuration of the run. */
    public Configuration configuration(boolean bounded) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put(CanonicalJobOptions.BOOTSTRAP_SERVERS.key(), runs.bootstrap());
        all.put(CanonicalJobOptions.OUTPUT_NAMESPACE.key(), out);
        all.put(CanonicalJobOptions.GROUP_ID.key(), group());
        all.put(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(), "tx-" + out);
        all.put(CanonicalJobOptions.BOUNDED.key(), String.valueOf(bounded));
        all.put(
                "execution.checkpointing.dir",
                runs.work()
                        .resolve("checkpoints")
                        .resolve(out.isEmpty() ? "live" : out)
                        .toUri()
                        .toString());
        Configuration conf = Configuration.fromMap(all);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        return conf;
    }

    /** Runs the job over everything its input holds now and returns its result. */
    public JobExecutionResult runBounded() throws Exception {
        runs.provisionOutputs(out);
        return CanonicalJobWiring.environment(configuration(true), injector).execute(name);
    }

    /** Starts the job unbounded; stop it through the returned handle. */
    public RunningJob start() throws Exception {
        runs.provisionOutputs(out);
        return new RunningJob(
                this,
                CanonicalJobWiring.environment(configuration(false), injector).executeAsync(name));
    }

    /** The input topics the run reads that exist (the links topic is optional). */
    List<String> inputTopics() throws Exception {
        List<StreamTopic> topics =
                settings.get(CanonicalJobOptions.INPUTS.key()).equals(VENUE_MESSAGES)
                        ? List.of(StreamTopic.VENUE_MESSAGES)
                        : List.of(
                                StreamTopic.RAW_KALSHI,
                                StreamTopic.RAW_POLYMARKET,
                                StreamTopic.LINKS);
        return runs.existing(topics.stream().map(t -> t.topicName(in)).toList());
    }

    JobRuns runs() {
        return runs;
    }
}
