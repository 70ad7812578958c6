package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.catalog.EventResolutionRules;
import io.marketstreams.jobs.core.catalog.EventResolutionState;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by canonical event: reconciles the event's markets into {@code events.resolved} ({@link
 * EventResolutionRules} decides).
 *
 * <p>Its input comes from many market keys, whose arrival order varies from run to run. To stay
 * deterministic the stage buffers updates and applies them in order of their deterministic {@code
 * orderTime} (then market id, then per-market number) once the watermark has passed that time, i.e.
 * once every update at or before it has arrived.
 *
 * <p>State per event: {@code buffer} (updates not yet applied), {@code resolution} ({@link
 * EventResolutionState}).
 */
public final class EventResolutionFunction
        extends KeyedProcessFunction<String, EventMarketUpdate, EventResolution> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<EventMarketUpdate> ORDER =
            Comparator.<EventMarketUpdate>comparingLong(u -> u.orderTime)
                    .thenComparing(u -> u.marketId)
                    .thenComparingLong(u -> u.marketSequence);

    private transient EventResolutionRules rules;
    private transient ListState<EventMarketUpdate> buffer;
    private transient ValueState<EventResolutionState> resolution;
    private transient RecordAccounting.Pair out;

    @Override
    public void open(OpenContext openContext) {
        rules = new EventResolutionRules();
        buffer = getRuntimeContext().getListState(StateDescriptors.EventResolution.buffer());
        resolution = getRuntimeContext().getState(StateDescriptors.EventResolution.resolution());
        out =
                new RecordAccounting(getRuntimeContext())
                        .counter(
                                RecordAccounting.Names.OUT_PREFIX
                                        + StreamTopic.EVENTS_RESOLVED.streamName());
    }

    @Override
    public void processElement(
            EventMarketUpdate update, Context ctx, Collector<EventResolution> collector)
            throws Exception {
        buffer.add(update);
        ctx.timerService().registerEventTimeTimer(update.orderTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EventResolution> collector)
            throws Exception {
        List<EventMarketUpdate> due = new ArrayList<>();
        List<EventMarketUpdate> later = new ArrayList<>();
        for (EventMarketUpdate u : buffer.get()) {
            (u.orderTime <= timestamp ? due : later).add(u);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        EventResolutionState state = resolution.value();
        if (state == null) {
            state = new EventResolutionState();
        }
        for (EventMarketUpdate u : due) {
            if (rules.apply(state, u)) {
                EventResolution record = rules.evaluate(state, ctx.getCurrentKey(), u.ingestTime);
                if (record != null) {
                    out.inc();
                    collector.collect(record);
                }
            }
        }
        resolution.update(state);
        buffer.update(later);
    }
}
