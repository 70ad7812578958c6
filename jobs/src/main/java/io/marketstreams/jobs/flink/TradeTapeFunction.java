package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.jobs.core.trades.TradeDecision;
import io.marketstreams.jobs.core.trades.TradeTape;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.time.Duration;
import java.util.Set;
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
 * Keyed by market: holds each market's trade tape in keyed state (RocksDB in production) and lets
 * {@link TradeTape} decide. State per market: a {@link TapeCursor} ({@code cursor}), the remembered
 * venue trade ids with their content fingerprints ({@code fingerprints}), and the remembered ids by
 * trade sequence ({@code ids-by-sequence}, for eviction).
 */
public final class TradeTapeFunction extends KeyedProcessFunction<String, IngestedMessage, Trade> {
    private static final long serialVersionUID = 1L;

    /** Side output of rejected trades. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("trade-quarantine") {};

    /** Outcomes of a market until market discovery provides them: binary markets. */
    static final Set<String> BINARY_OUTCOMES = Set.of("YES", "NO");

    private final Duration retention;
    private final Duration bucket;

    private transient TradeTape tape;
    private transient FlinkTapeState state;
    private transient AvroCodec<VenueMessage> codec;
    private transient RecordAccounting accounting;
    private transient RecordAccounting.Pair emitted;
    private transient RecordAccounting.Pair duplicates;
    private transient RecordAccounting.Pair out;

    public TradeTapeFunction(Duration retention, Duration bucket) {
        this.retention = retention;
        this.bucket = bucket;
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
        codec = AvroCodec.of(VenueMessage.class);
        accounting = new RecordAccounting(getRuntimeContext());
        emitted = accounting.counter(RecordAccounting.Names.EMITTED);
        duplicates = accounting.counter(RecordAccounting.Names.DUPLICATES);
        out =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX
                                + StreamTopic.TRADES_EXECUTED.streamName());
    }

    @Override
    public void processElement(IngestedMessage input, Context ctx, Collector<Trade> collector) {
        TradeDecision decision =
                tape.process(
                        input.message,
                        (TradeReport) input.message.getPayload(),
                        BINARY_OUTCOMES,
                        state);
        if (decision instanceof TradeDecision.Emit emit) {
            emitted.inc();
            out.inc();
            collector.collect(emit.trade());
        } else if (decision instanceof TradeDecision.ExactDuplicate) {
            duplicates.inc();
        } else if (decision instanceof TradeDecision.Reject reject) {
            accounting.quarantined(reject.rejection().reason());
            ctx.output(
                    QUARANTINE,
                    QuarantineRecords.rejected(
                            input, reject.rejection(), Stages.TRADE_TAPE, codec));
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
