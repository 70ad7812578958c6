package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First stage after the source: counts every input record, sends undecodable records to quarantine
 * and routes each decoded message to the stage for its payload: events to the event stage ({@link
 * #CATALOG}), market infos to both stages, everything else to the market stage.
 */
public final class VenueMessageRouter extends ProcessFunction<IngestedMessage, IngestedMessage> {
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
    public void processElement(IngestedMessage input, Context ctx, Collector<IngestedMessage> out) {
        in.inc();
        if (input.malformed != null) {
            accounting.quarantined(input.malformed.getReason());
            ctx.output(QUARANTINE, input.malformed);
            return;
        }
        Object payload = input.message.getPayload();
        if (payload instanceof EventInfo info) {
            input.eventId = MarketIds.eventId(input.message.getVenueId(), info.getVenueEventId());
            ctx.output(CATALOG, input);
            return;
        }
        if (payload instanceof MarketInfo info) {
            // The market stage decides and counts the market; the event stage needs a copy to
            // learn the event's markets and to tell them when their event is discovered.
            ctx.output(
                    CATALOG,
                    input.copyForCatalog(
                            MarketIds.eventId(input.message.getVenueId(), info.getVenueEventId())));
        }
        out.collect(input);
    }
}
