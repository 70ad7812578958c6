package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import java.util.ArrayList;
import java.util.List;

/**
 * A discovered market's records that carry its canonical event — {@code markets.snapshots}, {@code
 * markets.resolved}, {@code markets.updated}, the updates for the event stage — decided but waiting
 * until the watermark passes their time, together with the linker's assignments not yet applied
 * (docs/contract.md, "Determinism across keys"). Once the watermark passes a time, every assignment
 * at or before it has arrived, so {@link OutboxRelease} can release the records in time order,
 * merged with the assignments, each stamped with the canonical event in force at its time: the same
 * records whichever input reached the market first.
 *
 * <p>Beside the waiting entries it keeps what the market stage has released so far where the market
 * record does not: the venue event re-points follow, what the event stage was told of the market's
 * resolution (a re-point repeats it to the new event), and the last snapshot (a re-point re-stamps
 * it). A Flink POJO, one keyed value per market ({@code outbox}); a market restored from a
 * savepoint that has none gets one copied from its record ({@link #of}) before its first catalog
 * decision.
 */
public final class MarketOutbox {
    /** Waiting records and assignments, in the order they were decided or arrived. */
    public List<OutboxEntry> entries = new ArrayList<>();

    /**
     * Time of the latest record added: a record never waits for less than the ones before it, so
     * the records leave in the order they were decided even when a market's ingest times are not
     * monotonic.
     */
    public long orderTime = Long.MIN_VALUE;

    /** The market's venue event as released: re-points of this venue event apply. */
    public String venueEventKey;

    /** Whether the event stage was last told that the market is disputed. */
    public boolean disputed;

    /** The resolution the event stage was last told of; null before any. */
    public MarketResolution resolution;

    /** The last {@code markets.snapshots} record released; null before any since this outbox. */
    public MarketSnapshot lastSnapshot;

    public MarketOutbox() {}

    /** The outbox of a market discovered at {@code discoveryTime}. */
    static MarketOutbox startingAt(MarketRecord rec, long discoveryTime) {
        MarketOutbox outbox = new MarketOutbox();
        outbox.venueEventKey = rec.venueEventKey;
        outbox.orderTime = discoveryTime;
        return outbox;
    }

    /**
     * The outbox of a market discovered by a version without one: everything it decided was
     * released, so the record says what was released.
     */
    static MarketOutbox of(MarketRecord rec) {
        MarketOutbox outbox = startingAt(rec, rec.discoveryTime);
        outbox.disputed = rec.state == MarketState.DISPUTED;
        outbox.resolution = rec.resolution;
        return outbox;
    }

    /** Adds an entry behind the others; a record waits at least as long as the one before it. */
    void add(OutboxEntry entry) {
        if (entry.kind != OutboxEntry.Kind.ASSIGNMENT) {
            orderTime = Math.max(orderTime, entry.time);
            entry.time = orderTime;
        }
        entries.add(entry);
    }
}
