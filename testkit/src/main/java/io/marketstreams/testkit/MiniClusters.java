package io.marketstreams.testkit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster a test class registers, one shape for the whole project:
 *
 * <pre>
 * &#64;RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
 * </pre>
 *
 * <p>One TaskManager with {@link #SLOTS} slots: the canonical job runs at parallelism 2 with its
 * global operators at 1, so four slots take it with room for a second job of the same test (a
 * replay, the lake job) while the first is cancelled. Jobs carry their own settings (state backend,
 * checkpoints, restart strategy) in their configuration, so the cluster needs none: a checkpoint
 * interval set only here is not applied (docs/running.md).
 */
public final class MiniClusters {
    /** Task slots of the one TaskManager. */
    public static final int SLOTS = 4;

    private MiniClusters() {}

    /** The standard cluster. */
    public static MiniClusterExtension extension() {
        return extension(SLOTS, new Configuration());
    }

    /**
     * A cluster with {@code slots} slots and extra cluster settings (e.g. a metrics reporter, which
     * only a cluster configuration can set).
     */
    public static MiniClusterExtension extension(int slots, Configuration cluster) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(cluster)
                        .build());
    }
}
