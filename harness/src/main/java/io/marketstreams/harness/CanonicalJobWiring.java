package io.marketstreams.harness;

import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.SourceRecords;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.jobs.topology.Inputs;
import io.marketstreams.jobs.topology.Settings;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.testkit.FailOnceWhenArmed;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The one place where the harness builds the canonical job, so that a change of the job's wiring
 * ({@link JobEnvironment}, {@link KafkaWiring}, {@link CanonicalTopology}) changes this class and
 * no test.
 */
final class CanonicalJobWiring {
    /** Uid (and name) of the failure injector between the source and the topology. */
    static final String INJECTOR_UID = "test-fault-injector";

    private CanonicalJobWiring() {}

    /**
     * The environment of the job as {@link CanonicalJob#main} builds it: on the Kafka inputs the
     * configuration names (curated links when the input namespace has a {@code links} topic), with
     * the Kafka sinks. With an injector, the job reads {@code venue.messages} only, through the
     * injector placed between the source and the topology.
     */
    static StreamExecutionEnvironment environment(
            Configuration conf, FailOnceWhenArmed<?> injector) {
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        if (injector == null) {
            KafkaWiring.buildAndSink(env, conf);
        } else {
            CanonicalTopology.sinkTo(
                    CanonicalTopology.build(
                            Inputs.ofVenueMessages(injected(env, conf, injector)),
                            Settings.from(conf)),
                    KafkaWiring.sinks(conf));
        }
        return env;
    }

    private static DataStream<Either<Quarantined, IngestedMessage>> injected(
            StreamExecutionEnvironment env, Configuration conf, FailOnceWhenArmed<?> injector) {
        if (!conf.get(CanonicalJobOptions.INPUTS).equals(JobRun.VENUE_MESSAGES)) {
            throw new IllegalArgumentException(
                    "the failure injector sits behind the venue.messages source: a run with"
                            + " injector reads venue messages only");
        }
        return Inputs.venueMessages(env, KafkaWiring.venueMessagesSource(conf), Settings.from(conf))
                .map(passThrough(injector))
                .returns(SourceRecords.type(IngestedMessage.class))
                .uid(INJECTOR_UID)
                .name(INJECTOR_UID);
    }

    /**
     * The injector as a function of the source's records. It passes any record through unchanged,
     * so callers need not name the source's record type, which the job's wiring may change.
     */
    @SuppressWarnings("unchecked")
    private static <T> FailOnceWhenArmed<T> passThrough(FailOnceWhenArmed<?> injector) {
        return (FailOnceWhenArmed<T>) injector;
    }
}
