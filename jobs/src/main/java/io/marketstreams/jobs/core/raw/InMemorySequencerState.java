package io.marketstreams.jobs.core.raw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link SequencerState} in plain maps, for tests and tools. */
public final class InMemorySequencerState implements SequencerState {
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final Map<String, Long> marketSequence = new HashMap<>();
    private final Map<String, String> subscriptionOf = new TreeMap<>();
    private final Map<String, Boolean> gapPending = new HashMap<>();

    @Override
    public Long lastSequence(String subscription) {
        return lastSequence.get(subscription);
    }

    @Override
    public void lastSequence(String subscription, long sequence) {
        lastSequence.put(subscription, sequence);
    }

    @Override
    public Long marketSequence(String market) {
        return marketSequence.get(market);
    }

    @Override
    public void marketSequence(String market, long sequence) {
        marketSequence.put(market, sequence);
    }

    @Override
    public String subscriptionOf(String market) {
        return subscriptionOf.get(market);
    }

    @Override
    public void subscriptionOf(String market, String subscription) {
        subscriptionOf.put(market, subscription);
    }

    @Override
    public Iterable<String> marketsOf(String subscription) {
        List<String> markets = new ArrayList<>();
        subscriptionOf.forEach(
                (market, sid) -> {
                    if (sid.equals(subscription)) {
                        markets.add(market);
                    }
                });
        return markets;
    }

    @Override
    public boolean gapPending(String market) {
        return gapPending.getOrDefault(market, false);
    }

    @Override
    public void gapPending(String market, boolean pending) {
        gapPending.put(market, pending);
    }
}
