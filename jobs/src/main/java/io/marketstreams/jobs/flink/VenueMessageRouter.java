package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First stage after the source: counts every input record, sends undecodable records to quarantine
 * and routes each decoded message to the stage for its payload: events to the event stage ({@link
 * #CATALOG}, keyed there by {@link MarketIds#venueEventKeyOf}), market infos to both stages,
 * everything else to the market stage.
 */
public final class VenueMessageRouter
        extends ProcessFunction<Either<Quarantined, IngestedMessage>, IngestedMessage> {
    private static final long serialVersionUID = 1L;

    /** Side output of quarantined input. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("router-quarantine") {};

    /** Side output of catalog records (events, and copies of market infos) for the event stage. */
    public static final OutputTag<IngestedMessage> CATALOG = new OutputTag<>("catalog") {};

    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair in;

    @Override
    public void open(OpenContext openContext) {
        accounting = new RecordAccounting(getRuntimeContext());
        in = accounting.counter(RecordAccounting.Names.IN);
    }

    @Override
    public void processElement(
            Either<Quarantined, IngestedMessage> record,
            Context ctx,
            Collector<IngestedMessage> out) {
        in.inc();
        if (record.isLeft()) {
            accounting.quarantined(record.left().getReason());
            ctx.output(QUARANTINE, record.left());
            return;
        }
        IngestedMessage input = record.right();
        Object payload = input.message.getPayload();
        if (payload instanceof EventInfo) {
            ctx.output(CATALOG, input);
            return;
        }
        if (payload instanceof MarketInfo) {
            // The market stage decides and counts the market; the event stage learns from it
            // which markets the event has, to tell them when their event is discovered.
            ctx.output(CATALOG, input);
        }
        out.collect(input);
    }
}
