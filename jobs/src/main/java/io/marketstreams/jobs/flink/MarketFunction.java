package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.VenueOutcomes;
import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookNormalizer;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.book.MarketBooks;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.LifecycleResult;
import io.marketstreams.jobs.core.lifecycle.MarketLifecycle;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.jobs.core.trades.TradeDecision;
import io.marketstreams.jobs.core.trades.TradeTape;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomeQuote;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * Keyed by market: every venue message about a market passes through this one operator, in the
 * market's input order, so rules that span streams (markets after their event, books after
 * discovery, no trades after close, books closed at resolution) are decided on one ordered history.
 * It holds the market's state in keyed state (RocksDB in production) and lets the functional core
 * decide: {@link MarketLifecycle} for discovery, states and resolution, {@link TradeTape} for
 * trades, {@link MarketBooks} for books.
 *
 * <p>Input that cannot be decided yet — anything about a market not yet discovered, and a market
 * info whose event the event stage has not yet confirmed — is held in {@code pending}, in input
 * order, and decided as soon as the market (or event) is known; whatever is still held when the
 * watermark passes its ingest time plus the discovery timeout is quarantined ({@code ORPHAN_MARKET}
 * for a market info, {@code UNKNOWN_MARKET} otherwise). Because held input is decided in input
 * order whenever its prerequisite arrives, the output does not depend on when the event stage's
 * signal arrives.
 *
 * <p>State per market: {@code books} (the market's {@link MarketBookSet}: lifecycle record, venue
 * cursor and one compact {@link BookState} per outcome, in one value so that a venue message costs
 * one read and one write); {@code pending} (held input); trade tape — {@code cursor} ({@link
 * TapeCursor}), {@code fingerprints} (venue trade id → content fingerprint), {@code
 * ids-by-sequence} (trade sequence → venue trade id). A resolved market's books and trade ids are
 * cleared when the watermark passes the resolution time plus the closed-state retention; its
 * lifecycle record stays, so later input is still judged.
 *
 * <p>Main output: {@code trades.executed}; side outputs: one per other stream it owns, {@link
 * #QUARANTINE}, and {@link #EVENT_UPDATES} for the event resolution stage.
 */
public final class MarketFunction extends KeyedProcessFunction<String, IngestedMessage, Trade> {
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

    /**
     * The market operator's settings.
     *
     * @param dedupeRetention how long trade ids are remembered (venue time)
     * @param dedupeBucket eviction granularity of trade ids
     * @param maxLevelsPerSide most levels per book side
     * @param snapshotEvery PERIODIC book snapshot every this many deltas
     * @param marketSnapshotEvery a {@code markets.snapshots} record every this many applied book or
     *     trade messages (besides one per discovery and lifecycle change)
     * @param discoveryTimeout event time input waits for its market or event before quarantine
     * @param closedRetention event time a resolved market's books and trade ids are kept
     */
    public record Config(
            Duration dedupeRetention,
            Duration dedupeBucket,
            int maxLevelsPerSide,
            int snapshotEvery,
            int marketSnapshotEvery,
            Duration discoveryTimeout,
            Duration closedRetention)
            implements Serializable {}

    private final Config config;

    private transient TradeTape tape;
    private transient FlinkTapeState state;
    private transient AvroCodec<VenueMessage> codec;
    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair emitted;
    private transient RecordAccounting.Pair duplicates;
    private transient Map<StreamTopic, RecordAccounting.Pair> out;
    private transient MarketBooks books;
    private transient MarketLifecycle lifecycle;
    private transient FlinkBookStore bookStore;
    private transient ListState<IngestedMessage> pending;
    private transient BookHealthGauges bookHealth;

    public MarketFunction(Config config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        tape = new TradeTape(config.dedupeRetention(), config.dedupeBucket());
        state =
                new FlinkTapeState(
                        getRuntimeContext()
                                .getState(
                                        new ValueStateDescriptor<>(
                                                "cursor", TypeInformation.of(TapeCursor.class))),
                        getRuntimeContext()
                                .getMapState(
                                        new MapStateDescriptor<>(
                                                "fingerprints", Types.STRING, Types.LONG)),
                        getRuntimeContext()
                                .getMapState(
                                        new MapStateDescriptor<>(
                                                "ids-by-sequence", Types.LONG, Types.STRING)));
        books = new MarketBooks(config.maxLevelsPerSide(), config.snapshotEvery());
        lifecycle = new MarketLifecycle();
        bookHealth =
                new BookHealthGauges(
                        getRuntimeContext().getMetricGroup().addGroup("marketstreams"));
        bookStore = new FlinkBookStore(getRuntimeContext().getState(booksDescriptor()), bookHealth);
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending", TypeInformation.of(IngestedMessage.class)));
        codec = AvroCodec.of(VenueMessage.class);
        accounting = new RecordAccounting(getRuntimeContext());
        emitted = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
        out = new EnumMap<>(StreamTopic.class);
        for (StreamTopic topic :
                List.of(
                        StreamTopic.TRADES_EXECUTED,
                        StreamTopic.ORDERS_SNAPSHOT,
                        StreamTopic.ORDERS_DELTA,
                        StreamTopic.MARKETS_DISCOVERED,
                        StreamTopic.MARKETS_UPDATED,
                        StreamTopic.MARKET_STATE_UPDATED,
                        StreamTopic.MARKETS_SNAPSHOTS,
                        StreamTopic.MARKETS_RESOLVED)) {
            out.put(
                    topic,
                    accounting.counter(RecordAccounting.Names.OUT_PREFIX + topic.streamName()));
        }
    }

    @Override
    public void processElement(IngestedMessage input, Context ctx, Collector<Trade> collector)
            throws Exception {
        try {
            MarketRecord rec = record();
            if (input.knownEventId != null) {
                if (!rec.knownEvents.containsKey(input.knownEventId)) {
                    rec.knownEvents.put(input.knownEventId, ctx.timestamp());
                    bookStore.markDirty();
                }
                if (input.canonicalEventId != null) {
                    linked(rec, input, ctx);
                }
                if (rec.pending > 0) {
                    drain(rec, ctx, collector, held());
                }
                return;
            }
            if (rec.pending == 0 && ready(rec, input)) {
                process(rec, input, ctx, collector);
                return;
            }
            pending.add(input);
            rec.pending++;
            bookStore.markDirty();
            ctx.timerService()
                    .registerEventTimeTimer(
                            input.message.getIngestTime() + config.discoveryTimeout().toMillis());
            if (ready(rec, input)) {
                // A discovering market info behind held input: decide them all now.
                drain(rec, ctx, collector, held());
            }
        } finally {
            bookStore.flush();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Trade> collector)
            throws Exception {
        try {
            MarketRecord rec = record();
            if (rec.cleanupTime != null && rec.cleanupTime <= timestamp && !rec.cleaned) {
                // Invisible in the output: a resolved market rejects book and trade input by its
                // state alone, so the books and trade ids are no longer needed.
                rec.cleaned = true;
                bookStore.clearBooks();
                state.clear();
            }
            if (rec.pending == 0) {
                return;
            }
            List<IngestedMessage> held = held();
            long timeout = config.discoveryTimeout().toMillis();
            while (!held.isEmpty() && held.get(0).message.getIngestTime() + timeout <= timestamp) {
                IngestedMessage expired = held.remove(0);
                rec.pending = held.size();
                boolean info = expired.message.getPayload() instanceof MarketInfo;
                quarantine(
                        expired,
                        new Rejection(
                                info ? ReasonCode.ORPHAN_MARKET : ReasonCode.UNKNOWN_MARKET,
                                (info
                                                ? "its event was not discovered"
                                                : "the market was not discovered")
                                        + " within "
                                        + config.discoveryTimeout()
                                        + " of event time"),
                        ctx);
                drain(rec, ctx, collector, held);
            }
            pending.update(held);
            rec.pending = held.size();
            bookStore.markDirty();
        } finally {
            bookStore.flush();
        }
    }

    /** The keyed state holding each market's {@link MarketBookSet}. */
    static ValueStateDescriptor<MarketBookSet> booksDescriptor() {
        return new ValueStateDescriptor<>("books", TypeInformation.of(MarketBookSet.class));
    }

    /** Books of this subtask by health; {@link MarketStateOperator} counts the restored ones. */
    BookHealthGauges bookHealth() {
        return bookHealth;
    }

    private MarketRecord record() {
        MarketBookSet set = bookStore.current();
        if (set.lifecycle == null) {
            set.lifecycle = new MarketRecord();
        }
        return set.lifecycle;
    }

    private List<IngestedMessage> held() throws Exception {
        List<IngestedMessage> held = new ArrayList<>();
        for (IngestedMessage m : pending.get()) {
            held.add(m);
        }
        return held;
    }

    /** Whether the input can be decided now. */
    private static boolean ready(MarketRecord rec, IngestedMessage input) {
        if (input.message.getPayload() instanceof MarketInfo info) {
            return rec.knownEvents.containsKey(
                    MarketIds.eventId(input.message.getVenueId(), info.getVenueEventId()));
        }
        return rec.discovered();
    }

    /**
     * Decides held input whose prerequisites are now known, in input order; a market info that
     * discovers the market goes first, because everything else about the market waits for it.
     */
    private void drain(
            MarketRecord rec, Context ctx, Collector<Trade> collector, List<IngestedMessage> held)
            throws Exception {
        int before = held.size();
        if (before != rec.pending) {
            throw new IllegalStateException(
                    rec.pending + " held inputs counted, " + before + " stored");
        }
        while (!held.isEmpty()) {
            int next = -1;
            if (!rec.discovered()) {
                for (int i = 0; i < held.size() && next < 0; i++) {
                    if (held.get(i).message.getPayload() instanceof MarketInfo
                            && ready(rec, held.get(i))) {
                        next = i;
                    }
                }
            } else if (ready(rec, held.get(0))) {
                next = 0;
            }
            if (next < 0) {
                break;
            }
            process(rec, held.remove(next), ctx, collector);
        }
        if (held.size() != before) {
            pending.update(held);
            rec.pending = held.size();
            bookStore.markDirty();
        }
    }

    private void process(
            MarketRecord rec, IngestedMessage input, Context ctx, Collector<Trade> collector) {
        if (rec.discovered()) {
            VenueOutcomes.toOutcomeIds(input.message, rec.market);
        }
        Object payload = input.message.getPayload();
        if (payload instanceof TradeReport report) {
            processTrade(rec, input, report, ctx, collector);
        } else if (payload instanceof BookSnapshot snapshot) {
            BookConvention convention = Venues.bookConvention(input.message.getVenueId());
            processBook(rec, input, BookNormalizer.snapshot(snapshot, convention), ctx);
        } else if (payload instanceof BookDelta delta) {
            BookConvention convention = Venues.bookConvention(input.message.getVenueId());
            processBook(rec, input, BookNormalizer.delta(delta, convention), ctx);
        } else if (payload instanceof MarketInfo info) {
            String venueEvent =
                    MarketIds.eventId(input.message.getVenueId(), info.getVenueEventId());
            long discoveryTime =
                    Math.max(input.message.getIngestTime(), rec.knownEvents.get(venueEvent));
            if (!rec.discovered() || !venueEvent.equals(rec.venueEventKey)) {
                // The id in effect at the discovery (or move) time, whenever the linker's signals
                // arrived; later assignments follow as re-points.
                rec.canonicalEvents.put(venueEvent, assignedAt(rec, venueEvent, discoveryTime));
            }
            LifecycleResult result = lifecycle.info(rec, input.message, info);
            if (result.discovered() != null) {
                rec.discoveryTime = discoveryTime;
            }
            lifecycleOutputs(rec, input, result, ctx);
            if (result.discovered() != null) {
                for (MarketRecord.EventAssignment a : List.copyOf(rec.eventAssignments)) {
                    if (a.venueEventKey.equals(venueEvent) && a.time > discoveryTime) {
                        repoint(rec, a, ctx);
                    }
                }
            }
        } else if (payload instanceof MarketStatus status) {
            lifecycleOutputs(rec, input, lifecycle.status(rec, input.message, status), ctx);
        } else if (payload instanceof Resolution resolution) {
            lifecycleOutputs(rec, input, lifecycle.resolve(rec, input.message, resolution), ctx);
        } else {
            quarantine(
                    input,
                    new Rejection(
                            ReasonCode.UNSUPPORTED_PAYLOAD,
                            payload.getClass().getSimpleName() + " reached the market operator"),
                    ctx);
        }
    }

    private void lifecycleOutputs(
            MarketRecord rec, IngestedMessage input, LifecycleResult result, Context ctx) {
        switch (result.disposition()) {
            case DUPLICATE -> {
                duplicates.inc();
                return;
            }
            case REJECTED -> {
                quarantine(input, result.rejection(), ctx);
                return;
            }
            case APPLIED -> emitted.inc();
        }
        bookStore.markDirty();
        if (result.discovered() != null) {
            emit(ctx, MARKETS, StreamTopic.MARKETS_DISCOVERED, result.discovered());
            toEvent(rec, input, EventMarketUpdate.Kind.DISCOVERED, ctx);
        }
        if (result.update() != null) {
            emit(ctx, UPDATES, StreamTopic.MARKETS_UPDATED, result.update());
        }
        if (result.stateChange() != null) {
            emit(ctx, STATES, StreamTopic.MARKET_STATE_UPDATED, result.stateChange());
            if (result.stateChange().getNewState() == MarketState.DISPUTED) {
                toEvent(rec, input, EventMarketUpdate.Kind.DISPUTED, ctx);
            }
        }
        if (result.resolution() != null) {
            emit(ctx, RESOLUTIONS, StreamTopic.MARKETS_RESOLVED, result.resolution());
            toEvent(rec, input, EventMarketUpdate.Kind.RESOLVED, ctx);
        }
        if (result.resolvesMarket() && !rec.booksClosed) {
            rec.booksClosed = true;
            for (OrderBookSnapshot closed :
                    books.close(input.message, rec.market.getMarketId(), bookStore)) {
                emit(ctx, SNAPSHOTS, StreamTopic.ORDERS_SNAPSHOT, closed);
            }
            rec.cleanupTime = orderTime(rec, input) + config.closedRetention().toMillis();
            ctx.timerService().registerEventTimeTimer(rec.cleanupTime);
        }
        if (result.discovered() != null
                || result.stateChange() != null
                || result.resolution() != null
                || result.update() != null) {
            marketSnapshot(rec, input, ctx);
        }
    }

    private void processTrade(
            MarketRecord rec,
            IngestedMessage input,
            TradeReport report,
            Context ctx,
            Collector<Trade> collector) {
        Rejection closed = lifecycle.admits(rec, MarketLifecycle.Traffic.TRADE);
        if (closed != null) {
            quarantine(input, closed, ctx);
            return;
        }
        TradeDecision decision = tape.process(input.message, report, outcomeIds(rec), state);
        if (decision instanceof TradeDecision.Emit emit) {
            emitted.inc();
            out.get(StreamTopic.TRADES_EXECUTED).inc();
            collector.collect(emit.trade());
            lifecycle.traded(
                    rec,
                    emit.trade().getOutcomeId(),
                    emit.trade().getPrice(),
                    input.message.getVenueEventTime());
            applied(rec, input, ctx);
        } else if (decision instanceof TradeDecision.ExactDuplicate) {
            duplicates.inc();
        } else if (decision instanceof TradeDecision.Reject reject) {
            quarantine(input, reject.rejection(), ctx);
        }
    }

    private void processBook(
            MarketRecord rec,
            IngestedMessage input,
            BookNormalizer.Result normalized,
            Context ctx) {
        Rejection closed = lifecycle.admits(rec, MarketLifecycle.Traffic.BOOK);
        if (closed != null) {
            quarantine(input, closed, ctx);
            return;
        }
        if (normalized.rejection() != null) {
            quarantine(input, normalized.rejection(), ctx);
            return;
        }
        MarketBooks.Result result =
                books.process(input.message, input.marketId, normalized.book(), bookStore);
        for (OrderBookDelta delta : result.deltas()) {
            emit(ctx, DELTAS, StreamTopic.ORDERS_DELTA, delta);
        }
        for (OrderBookSnapshot snapshot : result.snapshots()) {
            emit(ctx, SNAPSHOTS, StreamTopic.ORDERS_SNAPSHOT, snapshot);
        }
        switch (result.disposition()) {
            case APPLIED -> {
                emitted.inc();
                applied(rec, input, ctx);
            }
            case DUPLICATE -> duplicates.inc();
            case REJECTED -> quarantine(input, result.rejection(), ctx);
        }
    }

    /** Counts an applied book or trade message towards the periodic market snapshot. */
    private void applied(MarketRecord rec, IngestedMessage input, Context ctx) {
        rec.messagesSinceSnapshot++;
        bookStore.markDirty();
        if (rec.messagesSinceSnapshot >= config.marketSnapshotEvery()) {
            marketSnapshot(rec, input, ctx);
        }
    }

    private void marketSnapshot(MarketRecord rec, IngestedMessage input, Context ctx) {
        marketSnapshot(rec, input.message.getVenueEventTime(), input.message.getIngestTime(), ctx);
    }

    private void marketSnapshot(
            MarketRecord rec, long venueEventTime, long ingestTime, Context ctx) {
        List<OutcomeQuote> quotes = new ArrayList<>();
        for (Outcome o : rec.market.getOutcomes()) {
            BookState book = bookStore.book(o.getOutcomeId());
            OutcomeQuote.Builder quote =
                    OutcomeQuote.newBuilder()
                            .setOutcomeId(o.getOutcomeId())
                            .setOutcomeName(o.getOutcomeName());
            if (book != null) {
                quote.setBookSequence(book.sequence);
                if (book.bidPrices.length > 0) {
                    quote.setBestBid(new PriceLevel(book.bidPrices[0], book.bidQty[0]));
                }
                if (book.askPrices.length > 0) {
                    quote.setBestAsk(new PriceLevel(book.askPrices[0], book.askQty[0]));
                }
            }
            quotes.add(quote.build());
        }
        emit(
                ctx,
                MARKET_SNAPSHOTS,
                StreamTopic.MARKETS_SNAPSHOTS,
                lifecycle.snapshot(rec, quotes, venueEventTime, ingestTime));
    }

    private static long orderTime(MarketRecord rec, IngestedMessage input) {
        return Math.max(input.message.getIngestTime(), rec.discoveryTime);
    }

    /**
     * A linker signal: remembers the venue event's canonical id and, when it is this discovered
     * market's event and the id changed, re-points the market (docs/contract.md "Cross-venue
     * events"): a {@code markets.updated} patch, a {@code markets.snapshots} record, and the move
     * told to both events' resolution stages (left the old one; joined the new one with its current
     * resolution).
     */
    private void linked(MarketRecord rec, IngestedMessage signal, Context ctx) {
        MarketRecord.EventAssignment a =
                MarketRecord.EventAssignment.of(
                        signal.knownEventId,
                        signal.canonicalEventId,
                        signal.signalIngestTime,
                        signal.signalVenueTime);
        rec.eventAssignments.add(a);
        bookStore.markDirty();
        if (rec.discovered() && signal.knownEventId.equals(rec.venueEventKey)) {
            repoint(rec, a, ctx);
        }
    }

    /** The canonical id the linker gave a venue event at or before {@code time}. */
    private static String assignedAt(MarketRecord rec, String venueEvent, long time) {
        String id = venueEvent;
        for (MarketRecord.EventAssignment a : rec.eventAssignments) {
            if (a.venueEventKey.equals(venueEvent) && a.time <= time) {
                id = a.eventId;
            }
        }
        return id;
    }

    private void repoint(MarketRecord rec, MarketRecord.EventAssignment a, Context ctx) {
        rec.canonicalEvents.put(a.venueEventKey, a.eventId);
        String previous = rec.market.getEventId();
        LifecycleResult result = lifecycle.repoint(rec, a.eventId, a.venueTime, a.time);
        if (result.update() == null) {
            return;
        }
        emit(ctx, UPDATES, StreamTopic.MARKETS_UPDATED, result.update());
        long orderTime = Math.max(a.time, rec.discoveryTime);
        String now = rec.market.getEventId();
        toEvent(rec, previous, EventMarketUpdate.Kind.LEFT, orderTime, a.time, ctx);
        toEvent(rec, now, EventMarketUpdate.Kind.DISCOVERED, orderTime, a.time, ctx);
        if (rec.state == MarketState.DISPUTED) {
            toEvent(rec, now, EventMarketUpdate.Kind.DISPUTED, orderTime, a.time, ctx);
        } else if (rec.resolution != null) {
            toEvent(rec, now, EventMarketUpdate.Kind.RESOLVED, orderTime, a.time, ctx);
        }
        marketSnapshot(rec, a.venueTime, a.time, ctx);
    }

    private void toEvent(
            MarketRecord rec, IngestedMessage input, EventMarketUpdate.Kind kind, Context ctx) {
        toEvent(
                rec,
                rec.market.getEventId(),
                kind,
                orderTime(rec, input),
                input.message.getIngestTime(),
                ctx);
    }

    private void toEvent(
            MarketRecord rec,
            String eventId,
            EventMarketUpdate.Kind kind,
            long orderTime,
            long ingestTime,
            Context ctx) {
        EventMarketUpdate u = new EventMarketUpdate();
        u.eventId = eventId;
        u.marketId = rec.market.getMarketId();
        u.kind = kind;
        u.orderTime = orderTime;
        u.marketSequence = ++rec.eventUpdates;
        u.ingestTime = ingestTime;
        if (kind == EventMarketUpdate.Kind.RESOLVED) {
            MarketResolution r = rec.resolution;
            u.resolvedOutcomeId = r.getResolvedOutcomeId();
            u.confidence = r.getConfidenceLevel();
            u.resolutionTime = r.getResolutionTime();
            u.resolutionSource = r.getResolutionSource();
        }
        ctx.output(EVENT_UPDATES, u);
    }

    private static Set<String> outcomeIds(MarketRecord rec) {
        Set<String> ids = new HashSet<>();
        for (Outcome o : rec.market.getOutcomes()) {
            ids.add(o.getOutcomeId());
        }
        return ids;
    }

    private <T> void emit(Context ctx, OutputTag<T> tag, StreamTopic topic, T record) {
        out.get(topic).inc();
        ctx.output(tag, record);
    }

    private void quarantine(IngestedMessage input, Rejection rejection, Context ctx) {
        accounting.quarantined(rejection.reason());
        ctx.output(QUARANTINE, QuarantineRecords.rejected(input, rejection, Stages.MARKET, codec));
    }

    /**
     * {@link MarketBookStore} over one keyed {@link MarketBookSet} value per market: loaded on
     * first use for an element, written back once by {@link #flush()} when something changed.
     */
    private static final class FlinkBookStore implements MarketBookStore {
        private final ValueState<MarketBookSet> state;
        private final BookHealthGauges health;
        private MarketBookSet current;
        private boolean dirty;

        FlinkBookStore(ValueState<MarketBookSet> state, BookHealthGauges health) {
            this.state = state;
            this.health = health;
        }

        MarketBookSet current() {
            if (current == null) {
                try {
                    current = state.value();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (current == null) {
                    current = new MarketBookSet();
                }
                health.before(current);
            }
            return current;
        }

        @Override
        public BookCursor cursor() {
            return current().cursor;
        }

        @Override
        public void cursor(BookCursor value) {
            current().cursor = value;
            dirty = true;
        }

        @Override
        public BookState book(String outcomeId) {
            return current().books.get(outcomeId);
        }

        @Override
        public void book(String outcomeId, BookState book) {
            current().books.put(outcomeId, book);
            dirty = true;
        }

        @Override
        public Iterable<String> outcomes() {
            return new TreeSet<>(current().books.keySet());
        }

        void markDirty() {
            current();
            dirty = true;
        }

        /** Forgets the books and venue cursor; the lifecycle record stays. */
        void clearBooks() {
            current().books.clear();
            current().cursor = null;
            dirty = true;
        }

        /** Writes the market's books back if they changed, and forgets the loaded value. */
        void flush() {
            try {
                if (dirty) {
                    state.update(current);
                    health.after(current);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                current = null;
                dirty = false;
            }
        }
    }

    /** {@link TradeTapeState} over Flink keyed state of the current key. */
    private static final class FlinkTapeState implements TradeTapeState {
        private final ValueState<TapeCursor> cursor;
        private final MapState<String, Long> fingerprints;
        private final MapState<Long, String> idsBySequence;

        FlinkTapeState(
                ValueState<TapeCursor> cursor,
                MapState<String, Long> fingerprints,
                MapState<Long, String> idsBySequence) {
            this.cursor = cursor;
            this.fingerprints = fingerprints;
            this.idsBySequence = idsBySequence;
        }

        @Override
        public TapeCursor cursor() {
            try {
                return cursor.value();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void cursor(TapeCursor value) {
            try {
                cursor.update(value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Long fingerprint(String venueTradeId) {
            try {
                return fingerprints.get(venueTradeId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void remember(long tradeSequence, String venueTradeId, long fingerprint) {
            try {
                fingerprints.put(venueTradeId, fingerprint);
                idsBySequence.put(tradeSequence, venueTradeId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Forgets the market's trade tape. */
        void clear() {
            cursor.clear();
            fingerprints.clear();
            idsBySequence.clear();
        }

        @Override
        public void forget(long tradeSequence) {
            try {
                String id = idsBySequence.get(tradeSequence);
                if (id != null) {
                    fingerprints.remove(id);
                    idsBySequence.remove(tradeSequence);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
