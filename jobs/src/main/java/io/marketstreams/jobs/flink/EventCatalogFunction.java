package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.catalog.EventCatalog;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by venue event ({@code venue_id:venue_event_id}): the filter in front of the global linker.
 * It forwards a venue event's description when it is new or changed ({@link EventCatalog} decides;
 * unchanged repeats are counted as duplicates) and each market's first sighting under the venue
 * event, so the single linker instance sees only what can change its decisions.
 *
 * <p>State per venue event: {@code event} (the last description, as a one-venue {@link Event}),
 * {@code markets} (market ids forwarded).
 */
public final class EventCatalogFunction
        extends KeyedProcessFunction<String, IngestedMessage, LinkerInput> {
    private static final long serialVersionUID = 1L;

    private transient EventCatalog catalog;
    private transient ValueState<Event> event;
    private transient MapState<String, Boolean> markets;
    private transient RecordAccounting.Pair emitted;
    private transient RecordAccounting.Pair duplicates;

    @Override
    public void open(OpenContext openContext) {
        catalog = new EventCatalog();
        event = getRuntimeContext().getState(StateDescriptors.EventCatalog.event());
        markets = getRuntimeContext().getMapState(StateDescriptors.EventCatalog.markets());
        RecordAccounting accounting = new RecordAccounting(getRuntimeContext());
        emitted = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
    }

    @Override
    public void processElement(IngestedMessage input, Context ctx, Collector<LinkerInput> linker)
            throws Exception {
        Object payload = input.message.getPayload();
        if (payload instanceof EventInfo info) {
            EventCatalog.Result result = catalog.apply(event.value(), input.message, info);
            if (result.disposition() == EventCatalog.Disposition.DUPLICATE) {
                duplicates.inc();
                return;
            }
            emitted.inc();
            event.update(result.event());
            linker.collect(LinkerInput.of(input));
        } else if (payload instanceof MarketInfo && !markets.contains(input.marketId)) {
            // The market operator counts market infos; this copy only tells the linker.
            markets.put(input.marketId, true);
            linker.collect(LinkerInput.of(input));
        }
    }
}
