package io.marketstreams.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.jobs.kafka.SourceRange;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The replay command line: what it derives from the namespace, and what it refuses (above all, any
 * way of writing to the live outputs).
 */
class ReplayJobTest {
    private static Configuration parse(String... args) {
        return ReplayJob.parse(args).configuration();
    }

    @Test
    void theNamespaceDerivesTopicsGroupAndTransactionalIdsAndTheRangeIsBounded() {
        Configuration conf =
                parse(
                        "--namespace", "replay1",
                        "--from", "timestamp:1767225600000",
                        "--to", "offsets:raw.kalshi:0:10,raw.kalshi:1:12",
                        "--bootstrap", "broker:9092",
                        "--marketstreams.source.inputs", "raw");
        assertThat(conf.get(CanonicalJobOptions.OUTPUT_NAMESPACE)).isEqualTo("replay1");
        assertThat(conf.get(CanonicalJobOptions.GROUP_ID))
                .isEqualTo("marketstreams-replay-replay1");
        assertThat(conf.get(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX))
                .isEqualTo("marketstreams-replay-replay1");
        assertThat(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS)).isEqualTo("broker:9092");
        assertThat(conf.get(CanonicalJobOptions.INPUTS)).isEqualTo("raw");
        assertThat(SourceRange.from(conf).toString())
                .isEqualTo(
                        "from timestamp:1767225600000 to offsets:raw.kalshi:0:10,raw.kalshi:1:12");
    }

    @Test
    void defaultsReplayEverythingUpToTheEndAndNoneLeavesABackfillUnbounded() {
        assertThat(SourceRange.from(parse("--namespace", "r")).toString())
                .isEqualTo("from earliest to latest");
        assertThat(SourceRange.from(parse("--namespace", "r", "--to", "none")).stoppingOffsets())
                .isEmpty();
    }

    @Test
    void theLiveNamespaceIsRefused() {
        assertThatThrownBy(() -> parse("--from", "earliest"))
                .hasMessageContaining("--namespace NAME is required");
        assertThatThrownBy(() -> parse("--namespace", ""))
                .hasMessageContaining("the empty namespace holds the live outputs");
        assertThatThrownBy(() -> parse("--namespace", "  "))
                .hasMessageContaining("the empty namespace holds the live outputs");
        Configuration live = new Configuration();
        live.set(CanonicalJobOptions.OUTPUT_NAMESPACE, "prod");
        assertThatThrownBy(() -> ReplayJob.configure(live, "prod", "earliest", "latest"))
                .hasMessageContaining("'prod' is the live output namespace");
        live.set(CanonicalJobOptions.GROUP_ID, "marketstreams-replay-x");
        assertThatThrownBy(() -> ReplayJob.configure(live, "x", "earliest", "latest"))
                .hasMessageContaining("choose another namespace");
    }

    @Test
    void settingsTheNamespaceOwnsCannotBePassedDirectly() {
        for (String key :
                new String[] {
                    "marketstreams.topics.output-namespace",
                    "marketstreams.kafka.group-id",
                    "marketstreams.kafka.transactional-id-prefix",
                    "marketstreams.source.starting-offsets",
                    "marketstreams.source.stop-at",
                    "marketstreams.source.bounded"
                }) {
            assertThatThrownBy(() -> parse("--namespace", "r", "--" + key, "x"))
                    .as(key)
                    .hasMessageContaining("--" + key + " is set by --namespace, --from and --to");
        }
    }

    @Test
    void badNamespacesRangesAndPartitionsAreRefused() {
        assertThatThrownBy(() -> parse("--namespace", "a/b"))
                .hasMessageContaining("is not a topic-name prefix");
        assertThatThrownBy(() -> parse("--namespace", ".hidden"))
                .hasMessageContaining("is not a topic-name prefix");
        assertThatThrownBy(() -> parse("--namespace", "r", "--from", "committed-or-earliest"))
                .hasMessageContaining("--from must be earliest, timestamp:<epoch-ms> or");
        assertThatThrownBy(() -> parse("--namespace", "r", "--from", "latest"))
                .hasMessageContaining("(a fixed position)");
        assertThatThrownBy(() -> parse("--namespace", "r", "--to", "timestamp:noon"))
                .hasMessageContaining("marketstreams.source.stop-at");
        assertThatThrownBy(() -> parse("--namespace", "r", "--partitions", "0"))
                .hasMessageContaining("--partitions must be a positive number");
        assertThatThrownBy(() -> parse("--namespace"))
                .hasMessageContaining("expected --option value pairs");
    }
}
