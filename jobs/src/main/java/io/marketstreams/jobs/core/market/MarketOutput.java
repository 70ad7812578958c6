package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.schema.StreamTopic;
import org.apache.avro.specific.SpecificRecord;

/**
 * One thing {@link MarketProcessor} decided, for the operator around it to carry out, in the order
 * decided. The operator maps each kind to Flink: outputs, quarantine, the event stage, timers and
 * counters; the processor itself never touches Flink.
 */
public sealed interface MarketOutput {

    /** A record of one of the market stage's canonical streams. */
    record Emit(StreamTopic stream, SpecificRecord record) implements MarketOutput {}

    /** The input is quarantined with the rejection. */
    record Quarantine(VenueInput input, Rejection rejection) implements MarketOutput {}

    /** An update for the resolution stage of the update's event. */
    record ToEvent(EventMarketUpdate update) implements MarketOutput {}

    /** Calls {@link MarketProcessor#onTimer} when the watermark passes {@code time}. */
    record Timer(long time) implements MarketOutput {}

    /** The input was applied (its effect is in the outputs) or dropped as an exact repeat. */
    record Count(Disposition disposition) implements MarketOutput {}

    /** What happened to an input that was neither quarantined nor held. */
    enum Disposition {
        APPLIED,
        DUPLICATE
    }
}
