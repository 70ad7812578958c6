package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.raw.SequencerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;

/**
 * {@link SequencerState} over the keyed map state of the current venue ({@link
 * StateDescriptors.RawFrames}).
 */
final class FlinkSequencerState implements SequencerState {
    private final MapState<String, Long> lastSequence;
    private final MapState<String, Long> marketSequence;
    private final MapState<String, String> subscriptionOf;
    private final MapState<String, Boolean> gapPending;

    FlinkSequencerState(RuntimeContext context) {
        this.lastSequence = context.getMapState(StateDescriptors.RawFrames.lastSequence());
        this.marketSequence = context.getMapState(StateDescriptors.RawFrames.marketSequence());
        this.subscriptionOf = context.getMapState(StateDescriptors.RawFrames.marketSubscription());
        this.gapPending = context.getMapState(StateDescriptors.RawFrames.gapPending());
    }

    @Override
    public Long lastSequence(String subscription) {
        return get(lastSequence, subscription);
    }

    @Override
    public void lastSequence(String subscription, long sequence) {
        put(lastSequence, subscription, sequence);
    }

    @Override
    public Long marketSequence(String market) {
        return get(marketSequence, market);
    }

    @Override
    public void marketSequence(String market, long sequence) {
        put(marketSequence, market, sequence);
    }

    @Override
    public String subscriptionOf(String market) {
        return get(subscriptionOf, market);
    }

    @Override
    public void subscriptionOf(String market, String subscription) {
        put(subscriptionOf, market, subscription);
    }

    @Override
    public Iterable<String> marketsOf(String subscription) {
        List<String> markets = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : subscriptionOf.entries()) {
                if (e.getValue().equals(subscription)) {
                    markets.add(e.getKey());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        markets.sort(String::compareTo);
        return markets;
    }

    @Override
    public boolean gapPending(String market) {
        Boolean pending = get(gapPending, market);
        return pending != null && pending;
    }

    @Override
    public void gapPending(String market, boolean pending) {
        try {
            if (pending) {
                gapPending.put(market, true);
            } else {
                gapPending.remove(market);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <V> V get(MapState<String, V> state, String key) {
        try {
            return state.get(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <V> void put(MapState<String, V> state, String key, V value) {
        try {
            state.put(key, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
