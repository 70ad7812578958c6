package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting;
import java.util.Map;

/**
 * The two accounting identities of a run of the canonical job (docs/operations.md), asserted on the
 * job's accumulators: every record is emitted, quarantined or dropped as a duplicate; every native
 * frame is parsed, ignored, quarantined or dropped as a repeat.
 */
public final class AccountingIdentities {
    private AccountingIdentities() {}

    /**
     * Asserts {@code records.in = records.emitted + records.quarantined + records.duplicates} and
     * returns {@code records.in}.
     */
    public static long assertRecordsAccountedFor(Map<String, Object> accumulators) {
        long in = count(accumulators, RecordAccounting.Names.IN);
        assertThat(in)
                .as("records in = emitted + quarantined + duplicates")
                .isEqualTo(
                        count(accumulators, RecordAccounting.Names.EMITTED)
                                + count(accumulators, RecordAccounting.Names.QUARANTINED)
                                + count(accumulators, RecordAccounting.Names.DUPLICATES));
        return in;
    }

    /**
     * Asserts {@code raw.frames.in = parsed + ignored + quarantined + duplicates} with all {@code
     * framesWritten} frames read, and the record identity.
     */
    public static void assertFramesAccountedFor(
            Map<String, Object> accumulators, long framesWritten) {
        long in = count(accumulators, RawFrameFunction.Names.IN);
        assertThat(in).as("frames read").isEqualTo(framesWritten);
        assertThat(in)
                .as("frames in = parsed + ignored + quarantined + duplicates")
                .isEqualTo(
                        count(accumulators, RawFrameFunction.Names.PARSED)
                                + count(accumulators, RawFrameFunction.Names.IGNORED)
                                + count(accumulators, RawFrameFunction.Names.QUARANTINED)
                                + count(accumulators, RawFrameFunction.Names.DUPLICATES));
        assertRecordsAccountedFor(accumulators);
    }

    /** An accumulator's count; 0 when no operator ever counted it (created on first use). */
    public static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
