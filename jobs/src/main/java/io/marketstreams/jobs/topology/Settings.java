package io.marketstreams.jobs.topology;

import io.marketstreams.connectors.raw.InputLimits;
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
        Duration linksIdleTimeout,
        InputLimits inputLimits) {

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
                conf.get(CanonicalJobOptions.LINKS_IDLE_TIMEOUT),
                inputLimits(conf));
    }

    /**
     * The raw stage's input limits; the levels limit is the books' ({@code
     * marketstreams.books.max-levels-per-side}), so both stages mean the same by it.
     */
    private static InputLimits inputLimits(Configuration conf) {
        long frameBytes = conf.get(CanonicalJobOptions.RAW_MAX_FRAME_BYTES).getBytes();
        if (frameBytes < 1 || frameBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    CanonicalJobOptions.RAW_MAX_FRAME_BYTES.key()
                            + " must be between 1 byte and 2 GiB, not "
                            + frameBytes);
        }
        return new InputLimits(
                (int) frameBytes,
                conf.get(CanonicalJobOptions.RAW_MAX_JSON_DEPTH),
                conf.get(CanonicalJobOptions.RAW_MAX_NUMBER_LENGTH),
                conf.get(CanonicalJobOptions.RAW_MAX_ID_LENGTH),
                conf.get(CanonicalJobOptions.RAW_MAX_TEXT_LENGTH),
                conf.get(CanonicalJobOptions.RAW_MAX_OUTCOMES),
                conf.get(CanonicalJobOptions.BOOK_MAX_LEVELS));
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
