package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.market.MarketOutput;
import io.marketstreams.jobs.core.market.MarketProcessor;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The {@code market-state} operator's function, keyed by market: venue messages about the market
 * (input 1) and the linker's event signals for it (input 2) go to {@link MarketProcessor}, which
 * decides against the market's keyed state ({@link FlinkMarketStore}); this shell only carries its
 * decisions out — records to the outputs below, quarantine, updates for the event stage, timers and
 * counters.
 *
 * <p>Main output: {@code trades.executed}; side outputs: one per other stream it owns, {@link
 * #QUARANTINE}, and {@link #EVENT_UPDATES} for the event resolution stage.
 */
public final class MarketFunction
        extends KeyedCoProcessFunction<String, IngestedMessage, EventSignal, Trade> {
    private static final long serialVersionUID = 1L;

    /** Side output of rejected input. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("market-quarantine") {};

    /** Side output of {@code orders.snapshot}. */
    public static final OutputTag<OrderBookSnapshot> SNAPSHOTS =
            new OutputTag<>("orders-snapshot") {};

    /** Side output of {@code orders.delta}. */
    public static final OutputTag<OrderBookDelta> DELTAS = new OutputTag<>("orders-delta") {};

    /** Side output of {@code markets.discovered}. */
    public static final OutputTag<Market> MARKETS = new OutputTag<>("markets-discovered") {};

    /** Side output of {@code markets.updated}. */
    public static final OutputTag<MarketUpdate> UPDATES = new OutputTag<>("markets-updated") {};

    /** Side output of {@code market.state.updated}. */
    public static final OutputTag<MarketStateChange> STATES =
            new OutputTag<>("market-state-updated") {};

    /** Side output of {@code markets.snapshots}. */
    public static final OutputTag<MarketSnapshot> MARKET_SNAPSHOTS =
            new OutputTag<>("markets-snapshots") {};

    /** Side output of {@code markets.resolved}. */
    public static final OutputTag<MarketResolution> RESOLUTIONS =
            new OutputTag<>("markets-resolved") {};

    /** Side output towards the event resolution stage. */
    public static final OutputTag<EventMarketUpdate> EVENT_UPDATES =
            new OutputTag<>("event-market-updates") {};

    private static final Map<StreamTopic, OutputTag<?>> SIDE_OUTPUTS = sideOutputs();

    private final MarketProcessor.Config config;

    private transient MarketProcessor processor;
    private transient FlinkMarketStore store;
    private transient BookHealthGauges bookHealth;
    private transient AvroCodec<VenueMessage> codec;
    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair applied;
    private transient RecordAccounting.Pair duplicates;
    private transient Map<StreamTopic, RecordAccounting.Pair> out;

    public MarketFunction(MarketProcessor.Config config) {
        this.config = config;
    }

    private static Map<StreamTopic, OutputTag<?>> sideOutputs() {
        Map<StreamTopic, OutputTag<?>> tags = new EnumMap<>(StreamTopic.class);
        tags.put(StreamTopic.ORDERS_SNAPSHOT, SNAPSHOTS);
        tags.put(StreamTopic.ORDERS_DELTA, DELTAS);
        tags.put(StreamTopic.MARKETS_DISCOVERED, MARKETS);
        tags.put(StreamTopic.MARKETS_UPDATED, UPDATES);
        tags.put(StreamTopic.MARKET_STATE_UPDATED, STATES);
        tags.put(StreamTopic.MARKETS_SNAPSHOTS, MARKET_SNAPSHOTS);
        tags.put(StreamTopic.MARKETS_RESOLVED, RESOLUTIONS);
        return tags;
    }

    @Override
    public void open(OpenContext openContext) {
        processor = new MarketProcessor(config);
        bookHealth =
                new BookHealthGauges(
                        getRuntimeContext().getMetricGroup().addGroup("marketstreams"));
        store = new FlinkMarketStore(getRuntimeContext(), bookHealth);
        codec = AvroCodec.of(VenueMessage.class);
        accounting = new RecordAccounting(getRuntimeContext());
        applied = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
        out = new EnumMap<>(StreamTopic.class);
        out.put(StreamTopic.TRADES_EXECUTED, counter(StreamTopic.TRADES_EXECUTED));
        SIDE_OUTPUTS.keySet().forEach(topic -> out.put(topic, counter(topic)));
    }

    private RecordAccounting.Pair counter(StreamTopic topic) {
        return accounting.counter(RecordAccounting.Names.OUT_PREFIX + topic.streamName());
    }

    @Override
    public void processElement1(IngestedMessage input, Context ctx, Collector<Trade> trades) {
        try {
            carryOut(processor.onInput(input.toInput(), store), ctx, trades);
        } finally {
            store.flush();
        }
    }

    @Override
    public void processElement2(EventSignal signal, Context ctx, Collector<Trade> trades) {
        try {
            carryOut(
                    processor.onEventAssigned(signal.assignment(), ctx.timestamp(), store),
                    ctx,
                    trades);
        } finally {
            store.flush();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Trade> trades) {
        try {
            carryOut(processor.onTimer(timestamp, store), ctx, trades);
        } finally {
            store.flush();
        }
    }

    /** Books of this subtask by health; {@link MarketStateOperator} counts the restored ones. */
    BookHealthGauges bookHealth() {
        return bookHealth;
    }

    @SuppressWarnings("unchecked")
    private void carryOut(List<MarketOutput> decided, Context ctx, Collector<Trade> trades) {
        for (MarketOutput o : decided) {
            if (o instanceof MarketOutput.Emit emit) {
                out.get(emit.stream()).inc();
                if (emit.stream() == StreamTopic.TRADES_EXECUTED) {
                    trades.collect((Trade) emit.record());
                } else {
                    ctx.output((OutputTag<Object>) SIDE_OUTPUTS.get(emit.stream()), emit.record());
                }
            } else if (o instanceof MarketOutput.Quarantine q) {
                accounting.quarantined(q.rejection().reason());
                ctx.output(
                        QUARANTINE,
                        QuarantineRecords.rejected(q.input(), q.rejection(), Stages.MARKET, codec));
            } else if (o instanceof MarketOutput.ToEvent e) {
                ctx.output(EVENT_UPDATES, e.update());
            } else if (o instanceof MarketOutput.Timer t) {
                ctx.timerService().registerEventTimeTimer(t.time());
            } else if (o instanceof MarketOutput.Count c) {
                (c.disposition() == MarketOutput.Disposition.APPLIED ? applied : duplicates).inc();
            }
        }
    }
}
