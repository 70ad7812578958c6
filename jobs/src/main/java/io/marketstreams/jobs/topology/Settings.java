package io.marketstreams.jobs.topology;

import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.core.market.MarketProcessor;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * What the canonical topology's operators need from the configuration ({@link CanonicalJobOptions},
 * documented in docs/operations.md).
 */
public record Settings(
        Duration dedupeRetention,
        Duration dedupeBucket,
        int maxLevelsPerSide,
        int snapshotEvery,
        int marketSnapshotEvery,
        Duration discoveryTimeout,
        Duration closedRetention,
        Duration outOfOrderness,
        Duration idleTimeout,
        boolean linkRules,
        int linkApplyThreshold,
        Duration linksIdleTimeout) {

    /** Reads the settings from a configuration. */
    public static Settings from(Configuration conf) {
        return new Settings(
                conf.get(CanonicalJobOptions.DEDUPE_RETENTION),
                conf.get(CanonicalJobOptions.DEDUPE_BUCKET),
                conf.get(CanonicalJobOptions.BOOK_MAX_LEVELS),
                conf.get(CanonicalJobOptions.BOOK_SNAPSHOT_EVERY),
                conf.get(CanonicalJobOptions.MARKET_SNAPSHOT_EVERY),
                conf.get(CanonicalJobOptions.DISCOVERY_TIMEOUT),
                conf.get(CanonicalJobOptions.CLOSED_RETENTION),
                conf.get(CanonicalJobOptions.OUT_OF_ORDERNESS),
                conf.get(CanonicalJobOptions.IDLE_TIMEOUT),
                conf.get(CanonicalJobOptions.LINK_RULES),
                conf.get(CanonicalJobOptions.LINK_APPLY_THRESHOLD),
                conf.get(CanonicalJobOptions.LINKS_IDLE_TIMEOUT));
    }

    /** The defaults of {@link CanonicalJobOptions}. */
    public static Settings defaults() {
        return from(new Configuration());
    }

    /** The market stage's part. */
    public MarketProcessor.Config market() {
        return new MarketProcessor.Config(
                dedupeRetention,
                dedupeBucket,
                maxLevelsPerSide,
                snapshotEvery,
                marketSnapshotEvery,
                discoveryTimeout,
                closedRetention);
    }
}
