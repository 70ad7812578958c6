package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.book.BookConvention;
import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookNormalizer;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.book.MarketBooks;
import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.jobs.core.trades.TradeDecision;
import io.marketstreams.jobs.core.trades.TradeTape;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
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
 * Keyed by market: every venue message about a market passes through this one operator, in the
 * market's input order, so rules that span streams (books after discovery, no trades after close)
 * are decided on one ordered history. It holds the market's state in keyed state (RocksDB in
 * production) and lets the functional core decide: {@link TradeTape} for trades, {@link
 * MarketBooks} for books.
 *
 * <p>State per market: trade tape — {@code cursor} ({@link TapeCursor}), {@code fingerprints}
 * (venue trade id → content fingerprint), {@code ids-by-sequence} (trade sequence → venue trade
 * id); books — {@code books} (the market's {@link MarketBookSet}: venue cursor and one compact
 * {@link BookState} per outcome, in one value so that a venue message costs one read and one
 * write).
 *
 * <p>Main output: {@code trades.executed}; side outputs: {@link #SNAPSHOTS}, {@link #DELTAS},
 * {@link #QUARANTINE}.
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

    /** Outcomes of a market until market discovery provides them: binary markets. */
    static final Set<String> BINARY_OUTCOMES = Set.of("YES", "NO");

    private final Duration retention;
    private final Duration bucket;
    private final int maxLevelsPerSide;
    private final int snapshotEvery;

    private transient TradeTape tape;
    private transient FlinkTapeState state;
    private transient AvroCodec<VenueMessage> codec;
    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair emitted;
    private transient RecordAccounting.Pair duplicates;
    private transient RecordAccounting.Pair out;
    private transient RecordAccounting.Pair snapshotsOut;
    private transient RecordAccounting.Pair deltasOut;
    private transient MarketBooks books;
    private transient FlinkBookStore bookStore;

    public MarketFunction(
            Duration retention, Duration bucket, int maxLevelsPerSide, int snapshotEvery) {
        this.retention = retention;
        this.bucket = bucket;
        this.maxLevelsPerSide = maxLevelsPerSide;
        this.snapshotEvery = snapshotEvery;
    }

    @Override
    public void open(OpenContext openContext) {
        tape = new TradeTape(retention, bucket);
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
        books = new MarketBooks(maxLevelsPerSide, snapshotEvery);
        bookStore =
                new FlinkBookStore(
                        getRuntimeContext()
                                .getState(
                                        new ValueStateDescriptor<>(
                                                "books", TypeInformation.of(MarketBookSet.class))));
        codec = AvroCodec.of(VenueMessage.class);
        accounting = new RecordAccounting(getRuntimeContext());
        emitted = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
        out =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX
                                + StreamTopic.TRADES_EXECUTED.streamName());
        snapshotsOut =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX
                                + StreamTopic.ORDERS_SNAPSHOT.streamName());
        deltasOut =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX + StreamTopic.ORDERS_DELTA.streamName());
    }

    @Override
    public void processElement(IngestedMessage input, Context ctx, Collector<Trade> collector) {
        Object payload = input.message.getPayload();
        if (payload instanceof TradeReport report) {
            processTrade(input, report, ctx, collector);
        } else if (payload instanceof BookSnapshot snapshot) {
            BookConvention convention = BookConvention.of(input.message.getVenueId());
            processBook(input, BookNormalizer.snapshot(snapshot, convention), ctx);
        } else if (payload instanceof BookDelta delta) {
            BookConvention convention = BookConvention.of(input.message.getVenueId());
            processBook(input, BookNormalizer.delta(delta, convention), ctx);
        } else {
            quarantine(
                    input,
                    new Rejection(
                            ReasonCode.UNSUPPORTED_PAYLOAD,
                            payload.getClass().getSimpleName() + " reached the market operator"),
                    ctx);
        }
    }

    private void processTrade(
            IngestedMessage input, TradeReport report, Context ctx, Collector<Trade> collector) {
        TradeDecision decision = tape.process(input.message, report, BINARY_OUTCOMES, state);
        if (decision instanceof TradeDecision.Emit emit) {
            emitted.inc();
            out.inc();
            collector.collect(emit.trade());
        } else if (decision instanceof TradeDecision.ExactDuplicate) {
            duplicates.inc();
        } else if (decision instanceof TradeDecision.Reject reject) {
            quarantine(input, reject.rejection(), ctx);
        }
    }

    private void processBook(IngestedMessage input, BookNormalizer.Result normalized, Context ctx) {
        if (normalized.rejection() != null) {
            quarantine(input, normalized.rejection(), ctx);
            return;
        }
        MarketBooks.Result result;
        try {
            result = books.process(input.message, input.marketId, normalized.book(), bookStore);
        } finally {
            bookStore.flush();
        }
        for (OrderBookDelta delta : result.deltas()) {
            deltasOut.inc();
            ctx.output(DELTAS, delta);
        }
        for (OrderBookSnapshot snapshot : result.snapshots()) {
            snapshotsOut.inc();
            ctx.output(SNAPSHOTS, snapshot);
        }
        switch (result.disposition()) {
            case APPLIED -> emitted.inc();
            case DUPLICATE -> duplicates.inc();
            case REJECTED -> quarantine(input, result.rejection(), ctx);
        }
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
        private MarketBookSet current;
        private boolean dirty;

        FlinkBookStore(ValueState<MarketBookSet> state) {
            this.state = state;
        }

        private MarketBookSet current() {
            if (current == null) {
                try {
                    current = state.value();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (current == null) {
                    current = new MarketBookSet();
                }
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

        /** Writes the market's books back if they changed, and forgets the loaded value. */
        void flush() {
            try {
                if (dirty) {
                    state.update(current);
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
