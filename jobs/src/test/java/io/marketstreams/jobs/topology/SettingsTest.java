package io.marketstreams.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.jobs.kafka.KafkaWiring;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The input limits as settings: their defaults, their keys, and what they size. */
class SettingsTest {

    @Test
    void theDefaultsAreTheConnectorsDefaultLimits() {
        assertThat(Settings.defaults().inputLimits()).isEqualTo(InputLimits.DEFAULTS);
    }

    @Test
    void everyLimitIsASettingAndTheLevelsAreTheBooksSetting() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "marketstreams.raw.max-frame-bytes", "64 kb",
                                "marketstreams.raw.max-json-depth", "7",
                                "marketstreams.raw.max-number-length", "30",
                                "marketstreams.raw.max-id-length", "40",
                                "marketstreams.raw.max-text-length", "900",
                                "marketstreams.raw.max-outcomes-per-market", "5",
                                "marketstreams.books.max-levels-per-side", "50"));

        Settings settings = Settings.from(conf);

        assertThat(settings.inputLimits()).isEqualTo(new InputLimits(65536, 7, 30, 40, 900, 5, 50));
        assertThat(settings.market().maxLevelsPerSide()).isEqualTo(50);
    }

    @Test
    void aFrameLimitBeyondAnArrayIsRefused() {
        Configuration conf =
                Configuration.fromMap(Map.of("marketstreams.raw.max-frame-bytes", "3 gb"));

        assertThatThrownBy(() -> Settings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marketstreams.raw.max-frame-bytes");
    }

    @Test
    void theRawSourceFetchesAtLeastOneFrameAtTheLimitPerPartition() {
        assertThat(KafkaWiring.rawFetchProperties(4 << 20))
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4194304")
                .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "8388608");
    }
}
