package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * {@link TradeTapeState} over the keyed state of the current market ({@link
 * StateDescriptors.Market}): one point read or write per operation, so no per-trade cost grows with
 * the dedupe window.
 */
final class FlinkTapeState implements TradeTapeState {
    private final ValueState<TapeCursor> cursor;
    private final MapState<String, Long> fingerprints;
    private final MapState<Long, String> idsBySequence;

    FlinkTapeState(RuntimeContext context) {
        this.cursor = context.getState(StateDescriptors.Market.tapeCursor());
        this.fingerprints = context.getMapState(StateDescriptors.Market.fingerprints());
        this.idsBySequence = context.getMapState(StateDescriptors.Market.idsBySequence());
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

    /** Forgets the market's trade tape. */
    void clear() {
        cursor.clear();
        fingerprints.clear();
        idsBySequence.clear();
    }
}
