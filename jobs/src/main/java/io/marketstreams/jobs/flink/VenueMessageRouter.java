package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First stage after the source: counts every input record, sends undecodable records to quarantine
 * and routes each decoded message to the stage for its payload. Payload kinds whose streams are not
 * built yet are quarantined as {@code UNSUPPORTED_PAYLOAD}, never dropped.
 */
public final class VenueMessageRouter extends ProcessFunction<IngestedMessage, IngestedMessage> {
    private static final long serialVersionUID = 1L;

    /** Side output of quarantined input. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("router-quarantine") {};

    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair in;
    private transient AvroCodec<VenueMessage> codec;

    @Override
    public void open(OpenContext openContext) {
        accounting = new RecordAccounting(getRuntimeContext());
        in = accounting.counter(RecordAccounting.Names.IN);
        codec = AvroCodec.of(VenueMessage.class);
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
        if (payload instanceof TradeReport
                || payload instanceof BookSnapshot
                || payload instanceof BookDelta) {
            out.collect(input);
            return;
        }
        Rejection unsupported =
                new Rejection(
                        ReasonCode.UNSUPPORTED_PAYLOAD,
                        input.message.getPayload().getClass().getSimpleName()
                                + " is not processed by this job version");
        accounting.quarantined(unsupported.reason());
        ctx.output(
                QUARANTINE, QuarantineRecords.rejected(input, unsupported, Stages.ROUTER, codec));
    }
}
