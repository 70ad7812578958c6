package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.trades.TradeTapeState;
import java.util.List;

/**
 * Everything {@link MarketProcessor} keeps for one market. The Flink operator implements it over
 * keyed state (RocksDB in production); {@link InMemoryMarketStore} over plain fields for tests and
 * replays. Both pass the same contract tests.
 *
 * <p>The market's lifecycle record, venue cursor and books are one value ({@link MarketBookSet}),
 * so that an input costs one state read and one write however much of it changes; implementations
 * load it on first use and write it back once per input when {@link #changed()} was called. The
 * outbox is a value of its own, read only by the inputs that touch it (catalog and lifecycle input,
 * linker signals, timers; not books and trades between periodic snapshots).
 */
public interface MarketStore {
    /** The market's lifecycle record; an empty one before the market's first input. */
    MarketRecord record();

    /** The market's books and venue cursor (part of the same value as {@link #record()}). */
    MarketBookStore books();

    /** The market's trade tape. */
    TradeTapeState tape();

    /** Marks the market's value as changed, so that it is written back. */
    void changed();

    /** The inputs held until the market (or its event) is known, in input order. */
    List<VenueInput> held();

    /** Holds one more input behind the ones already held. */
    void hold(VenueInput input);

    /** Replaces the held inputs with {@code remaining} (in input order; empty clears them). */
    void replaceHeld(List<VenueInput> remaining);

    /**
     * The market's outbox ({@link MarketOutbox}): records and assignments waiting for the
     * watermark. Null until first saved (a market not yet discovered, or restored from a version
     * without outboxes). Within a callback the same object is returned until it is written back.
     */
    MarketOutbox outbox();

    /** Sets the market's outbox, to be written back with the rest of the callback's changes. */
    void saveOutbox(MarketOutbox outbox);

    /** Forgets the books, the venue cursor and the trade tape; the lifecycle record stays. */
    void clearBooksAndTape();
}
