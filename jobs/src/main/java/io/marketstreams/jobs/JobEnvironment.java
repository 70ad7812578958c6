package io.marketstreams.jobs;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment every job of the platform runs in: Flink settings from the
 * configuration, and what the jobs require set explicitly — max parallelism (savepoints are split
 * by key group), checkpointing (exactly-once commits on checkpoints) and, in the low-latency mode,
 * a short network buffer timeout.
 */
public final class JobEnvironment {
    /** Max parallelism when the configuration sets none: the number of key groups. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Network buffer flush interval of the low-latency (at-least-once) mode. */
    public static final Duration LOW_LATENCY_BUFFER_TIMEOUT = Duration.ofMillis(5);

    private JobEnvironment() {}

    /** The environment for a configuration, configured by {@link #configure}. */
    public static StreamExecutionEnvironment of(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        configure(env, conf);
        return env;
    }

    /** Applies the job's required settings to an environment. */
    public static void configure(StreamExecutionEnvironment env, Configuration conf) {
        if (deliveryMode(conf) == DeliveryMode.AT_LEAST_ONCE
                && !conf.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            // Flink's default flushes network buffers every 100 ms: fine for exactly-once, whose
            // output waits for checkpoints anyway, too slow for live views.
            env.setBufferTimeout(LOW_LATENCY_BUFFER_TIMEOUT.toMillis());
        }
        env.setMaxParallelism(
                conf.getOptional(PipelineOptions.MAX_PARALLELISM).orElse(DEFAULT_MAX_PARALLELISM));
        Duration interval = conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        if (interval != null) {
            env.enableCheckpointing(interval.toMillis());
        } else if (deliveryMode(conf) == DeliveryMode.EXACTLY_ONCE) {
            throw new IllegalArgumentException(
                    "exactly-once delivery commits on checkpoints: set"
                            + " execution.checkpointing.interval");
        }
    }

    /** The configured delivery mode. */
    public static DeliveryMode deliveryMode(Configuration conf) {
        return DeliveryMode.parse(conf.get(CanonicalJobOptions.DELIVERY));
    }
}
