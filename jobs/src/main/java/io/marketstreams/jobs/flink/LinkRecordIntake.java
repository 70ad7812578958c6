package io.marketstreams.jobs.flink;

import io.marketstreams.schema.Quarantined;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where records of the {@code links} topic enter the job (stateless, chained to the links source):
 * counts every one ({@code links.in}), sends undecodable ones to {@link #QUARANTINE}, and forwards
 * decoded link changes to the linker, which validates and applies them. The accounting identity of
 * link records, {@code links.in = links.applied + links.stale + links.quarantined}, spans both.
 */
public final class LinkRecordIntake
        extends ProcessFunction<Either<Quarantined, LinkerInput>, LinkerInput> {
    private static final long serialVersionUID = 1L;

    /** Side output of undecodable link records. */
    public static final OutputTag<Quarantined> QUARANTINE =
            new OutputTag<>("links-intake-quarantine") {};

    private transient RecordAccounting.Pair in;
    private transient RecordAccounting.Pair quarantined;

    @Override
    public void open(OpenContext openContext) {
        RecordAccounting accounting = new RecordAccounting(getRuntimeContext());
        in = accounting.counter(RecordAccounting.Names.LINKS_IN);
        quarantined = accounting.counter(RecordAccounting.Names.LINKS_QUARANTINED);
    }

    @Override
    public void processElement(
            Either<Quarantined, LinkerInput> record, Context ctx, Collector<LinkerInput> out) {
        in.inc();
        if (record.isLeft()) {
            quarantined.inc();
            ctx.output(QUARANTINE, record.left());
            return;
        }
        out.collect(record.right());
    }
}
