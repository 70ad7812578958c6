package io.marketstreams.jobs;

import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.topology.CanonicalTopology;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The canonical job: the raw topics and/or {@code venue.messages} (and {@code links}) in, the ten
 * canonical streams and {@code quarantine} out. The topology is {@link CanonicalTopology}, which
 * takes its inputs and returns its outputs so that tests run it on bounded sources and collecting
 * sinks; {@code main} only wires Kafka around it ({@link KafkaWiring}) in the environment the
 * configuration describes ({@link JobEnvironment}).
 */
public final class CanonicalJob {
    /** Job name shown in the Flink UI. */
    public static final String NAME = "marketstreams-canonical";

    private CanonicalJob() {}

    /**
     * Runs the job against Kafka. Arguments: {@code --config-dir DIR} and {@code --key value}
     * overrides (docs/operations.md).
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.fromArgs(args);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        KafkaWiring.buildAndSink(env, conf);
        env.execute(NAME);
    }
}
