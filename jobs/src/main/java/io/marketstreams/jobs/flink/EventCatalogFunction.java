package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.catalog.EventCatalog;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by canonical event: emits {@code events.discovered} ({@link EventCatalog} decides) and
 * tells each market of the event, once, that its event is discovered, so that the market stage
 * never discovers a market before its event. Markets seen before their event are remembered until
 * the event arrives.
 *
 * <p>State per event: {@code event} (the last emitted {@link Event}), {@code markets} (market id →
 * whether it was told).
 *
 * <p>Main output: signals for the market stage; side output {@link #EVENTS}.
 */
public final class EventCatalogFunction
        extends KeyedProcessFunction<String, IngestedMessage, IngestedMessage> {
    private static final long serialVersionUID = 1L;

    /** Side output of {@code events.discovered}. */
    public static final OutputTag<Event> EVENTS = new OutputTag<>("events-discovered") {};

    private transient EventCatalog catalog;
    private transient ValueState<Event> event;
    private transient MapState<String, Boolean> markets;
    private transient RecordAccounting.Pair emitted;
    private transient RecordAccounting.Pair duplicates;
    private transient RecordAccounting.Pair out;

    @Override
    public void open(OpenContext openContext) {
        catalog = new EventCatalog();
        event =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "event", TypeInformation.of(Event.class)));
        markets =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("markets", Types.STRING, Types.BOOLEAN));
        RecordAccounting accounting = new RecordAccounting(getRuntimeContext());
        emitted = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
        out =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX
                                + StreamTopic.EVENTS_DISCOVERED.streamName());
    }

    @Override
    public void processElement(
            IngestedMessage input, Context ctx, Collector<IngestedMessage> signals)
            throws Exception {
        Object payload = input.message.getPayload();
        String eventId = ctx.getCurrentKey();
        if (payload instanceof EventInfo info) {
            Event previous = event.value();
            EventCatalog.Result result = catalog.apply(previous, input.message, info);
            if (result.disposition() == EventCatalog.Disposition.DUPLICATE) {
                duplicates.inc();
                return;
            }
            emitted.inc();
            out.inc();
            event.update(result.event());
            ctx.output(EVENTS, result.event());
            if (previous == null) {
                List<String> waiting = new ArrayList<>();
                for (Map.Entry<String, Boolean> m : markets.entries()) {
                    if (!m.getValue()) {
                        waiting.add(m.getKey());
                    }
                }
                for (String marketId : waiting) {
                    markets.put(marketId, true);
                    signals.collect(IngestedMessage.eventKnown(marketId, eventId));
                }
            }
        } else if (payload instanceof MarketInfo) {
            Boolean told = markets.get(input.marketId);
            if (event.value() != null) {
                if (told == null || !told) {
                    markets.put(input.marketId, true);
                    signals.collect(IngestedMessage.eventKnown(input.marketId, eventId));
                }
            } else if (told == null) {
                markets.put(input.marketId, false);
            }
        }
    }
}
