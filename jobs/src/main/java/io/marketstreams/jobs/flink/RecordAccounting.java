package io.marketstreams.jobs.flink;

import io.marketstreams.schema.ReasonCode;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The counts behind the accounting identity {@code in = emitted + quarantined + duplicates}, kept
 * both as Flink metrics (for dashboards, per operator) and as job accumulators (for run summaries
 * and tests, summed over the job). Accumulator names are in {@link Names}.
 */
public final class RecordAccounting {
    /** Accumulator names. */
    public static final class Names {
        /** Input records read from venue.messages. */
        public static final String IN = "records.in";

        /** Input records whose effect was emitted on a canonical stream. */
        public static final String EMITTED = "records.emitted";

        /** Input records quarantined, all reasons. */
        public static final String QUARANTINED = "records.quarantined";

        /** Input records dropped as exact duplicates. */
        public static final String DUPLICATES = "records.duplicates";

        /** Prefix of per-reason quarantine counts: {@code quarantined.REASON}. */
        public static final String QUARANTINED_PREFIX = "quarantined.";

        /**
         * Curated link records read from the {@code links} topic; their own identity is {@code
         * links.in = links.applied + links.stale + links.quarantined}.
         */
        public static final String LINKS_IN = "links.in";

        /** Link records applied to the link table. */
        public static final String LINKS_APPLIED = "links.applied";

        /** Link records ignored because their revision was not above the stored one. */
        public static final String LINKS_STALE = "links.stale";

        /** Link records quarantined (undecodable or invalid). */
        public static final String LINKS_QUARANTINED = "links.quarantined";

        /** Prefix of per-stream output record counts: {@code out.STREAM}. */
        public static final String OUT_PREFIX = "out.";

        private Names() {}
    }

    private final RuntimeContext context;
    private final MetricGroup metrics;
    private final Map<ReasonCode, Pair> quarantinedByReason = new EnumMap<>(ReasonCode.class);
    private Pair quarantinedTotal;

    public RecordAccounting(RuntimeContext context) {
        this.context = context;
        this.metrics = context.getMetricGroup().addGroup("marketstreams");
    }

    /** A counter kept as both a metric and an accumulator. */
    public Pair counter(String name) {
        LongCounter accumulator = context.getLongCounter(name);
        Counter metric = metrics.counter(name.replace('.', '_'));
        return new Pair(metric, accumulator);
    }

    /** Counts one quarantined input record with its reason. */
    public void quarantined(ReasonCode reason) {
        if (quarantinedTotal == null) {
            quarantinedTotal = counter(Names.QUARANTINED);
        }
        quarantinedByReason
                .computeIfAbsent(reason, r -> counter(Names.QUARANTINED_PREFIX + r.name()))
                .inc();
        quarantinedTotal.inc();
    }

    /** A metric and an accumulator incremented together. */
    public static final class Pair {
        private final Counter metric;
        private final LongCounter accumulator;

        Pair(Counter metric, LongCounter accumulator) {
            this.metric = metric;
            this.accumulator = accumulator;
        }

        public void inc() {
            metric.inc();
            accumulator.add(1L);
        }
    }
}
