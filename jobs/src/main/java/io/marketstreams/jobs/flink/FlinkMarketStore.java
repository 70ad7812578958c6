package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.book.MarketBookSetStore;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.market.MarketOutbox;
import io.marketstreams.jobs.core.market.MarketStore;
import io.marketstreams.jobs.core.market.VenueInput;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;

/**
 * {@link MarketStore} over the keyed state of the current market ({@link StateDescriptors.Market}).
 * The market's {@link MarketBookSet} is loaded on first use within a callback and written back once
 * by {@link #flush()} if it changed; the books-by-health gauges see the difference. The outbox is
 * loaded and written back the same way, on its own.
 */
final class FlinkMarketStore implements MarketStore {
    private final ValueState<MarketBookSet> value;
    private final ListState<IngestedMessage> pending;
    private final ValueState<MarketOutbox> outboxState;
    private final FlinkTapeState tape;
    private final BookHealthGauges health;
    private final MarketBookStore books;
    private MarketBookSet current;
    private boolean dirty;
    private MarketOutbox outbox;
    private boolean outboxLoaded;
    private boolean outboxDirty;

    FlinkMarketStore(RuntimeContext context, BookHealthGauges health) {
        this.value = context.getState(StateDescriptors.Market.books());
        this.pending = context.getListState(StateDescriptors.Market.pending());
        this.outboxState = context.getState(StateDescriptors.Market.outbox());
        this.tape = new FlinkTapeState(context);
        this.health = health;
        this.books = new MarketBookSetStore(this::current, this::changed);
    }

    private MarketBookSet current() {
        if (current == null) {
            try {
                current = value.value();
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
    public MarketRecord record() {
        MarketBookSet set = current();
        if (set.lifecycle == null) {
            set.lifecycle = new MarketRecord();
        }
        return set.lifecycle;
    }

    @Override
    public MarketBookStore books() {
        return books;
    }

    @Override
    public TradeTapeState tape() {
        return tape;
    }

    @Override
    public void changed() {
        current();
        dirty = true;
    }

    @Override
    public List<VenueInput> held() {
        List<VenueInput> held = new ArrayList<>();
        try {
            for (IngestedMessage m : pending.get()) {
                held.add(m.toInput());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return held;
    }

    @Override
    public void hold(VenueInput input) {
        try {
            pending.add(IngestedMessage.of(input));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void replaceHeld(List<VenueInput> remaining) {
        List<IngestedMessage> stored = new ArrayList<>(remaining.size());
        for (VenueInput input : remaining) {
            stored.add(IngestedMessage.of(input));
        }
        try {
            pending.update(stored);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MarketOutbox outbox() {
        if (!outboxLoaded) {
            try {
                outbox = outboxState.value();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            outboxLoaded = true;
        }
        return outbox;
    }

    @Override
    public void saveOutbox(MarketOutbox outbox) {
        this.outbox = outbox;
        outboxLoaded = true;
        outboxDirty = true;
    }

    @Override
    public void clearBooksAndTape() {
        current().books.clear();
        current().cursor = null;
        tape.clear();
        dirty = true;
    }

    /**
     * Writes the market's value back if it changed (clears it when it holds nothing), and forgets
     * the loaded value.
     */
    void flush() {
        flushOutbox();
        try {
            if (dirty) {
                // A market whose held input all timed out before it was ever discovered or
                // signalled keeps no state: reading none gives an equal blank value.
                if (current.blank()) {
                    value.clear();
                } else {
                    value.update(current);
                }
                health.after(current);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            current = null;
            dirty = false;
        }
    }

    private void flushOutbox() {
        try {
            if (outboxDirty) {
                outboxState.update(outbox);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            outbox = null;
            outboxLoaded = false;
            outboxDirty = false;
        }
    }
}
