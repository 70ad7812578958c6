package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.book.MarketBookSetStore;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.trades.InMemoryTradeTapeState;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import java.util.ArrayList;
import java.util.List;

/** {@link MarketStore} of one market in plain fields: for tests, replays and benchmarks. */
public final class InMemoryMarketStore implements MarketStore {
    private final MarketBookSet value = new MarketBookSet();
    private final MarketBookStore books = new MarketBookSetStore(() -> value, () -> {});
    private InMemoryTradeTapeState tape = new InMemoryTradeTapeState();
    private final List<VenueInput> held = new ArrayList<>();
    private MarketOutbox outbox;

    @Override
    public MarketRecord record() {
        if (value.lifecycle == null) {
            value.lifecycle = new MarketRecord();
        }
        return value.lifecycle;
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
    public void changed() {}

    @Override
    public List<VenueInput> held() {
        return new ArrayList<>(held);
    }

    @Override
    public void hold(VenueInput input) {
        held.add(input);
    }

    @Override
    public void replaceHeld(List<VenueInput> remaining) {
        held.clear();
        held.addAll(remaining);
    }

    @Override
    public MarketOutbox outbox() {
        return outbox;
    }

    @Override
    public void saveOutbox(MarketOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void clearBooksAndTape() {
        value.books.clear();
        value.cursor = null;
        tape = new InMemoryTradeTapeState();
    }

    /** The market's whole value, as the Flink store would write it. */
    public MarketBookSet value() {
        return value;
    }

    /** Trade ids remembered for dedupe. */
    public int rememberedTradeIds() {
        return tape.rememberedIds();
    }
}
