package io.marketstreams.jobs.core.trades;

import java.util.HashMap;
import java.util.Map;

/** {@link TradeTapeState} of one market in plain maps: for tests and replays. */
public final class InMemoryTradeTapeState implements TradeTapeState {
    private TapeCursor cursor;
    private final Map<String, Long> fingerprints = new HashMap<>();
    private final Map<Long, String> idsBySequence = new HashMap<>();

    @Override
    public TapeCursor cursor() {
        return cursor == null ? null : cursor.copy();
    }

    @Override
    public void cursor(TapeCursor cursor) {
        this.cursor = cursor.copy();
    }

    @Override
    public Long fingerprint(String venueTradeId) {
        return fingerprints.get(venueTradeId);
    }

    @Override
    public void remember(long tradeSequence, String venueTradeId, long fingerprint) {
        fingerprints.put(venueTradeId, fingerprint);
        idsBySequence.put(tradeSequence, venueTradeId);
    }

    @Override
    public void forget(long tradeSequence) {
        String id = idsBySequence.remove(tradeSequence);
        if (id != null) {
            fingerprints.remove(id);
        }
    }

    /** Number of remembered trade ids: the dedupe state size. */
    public int rememberedIds() {
        return fingerprints.size();
    }
}
