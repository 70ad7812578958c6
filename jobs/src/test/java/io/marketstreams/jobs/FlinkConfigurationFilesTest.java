package io.marketstreams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.topology.Settings;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped configurations keep the savepoint-safety and state settings the design requires. */
class FlinkConfigurationFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void configurationIsSavepointSafe(String name) {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(
                        Path.of("..", "flink-conf", name).toAbsolutePath().toString());

        assertThat(conf.toMap())
                .containsEntry("pipeline.auto-generate-uids", "false")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("pipeline.max-parallelism", "128")
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsKey("execution.checkpointing.dir")
                .containsKey("execution.checkpointing.interval")
                .containsKey("restart-strategy.type");
        assertThat(JobEnvironment.deliveryMode(conf)).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(Settings.from(conf).dedupeRetention()).hasHours(24);
    }
}
