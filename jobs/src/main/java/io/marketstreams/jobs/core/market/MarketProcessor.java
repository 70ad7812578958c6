package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.lifecycle.MarketLifecycle;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The market stage's functional core: everything about one market — its venue input, the event
 * stage's assignments of its venue event, and its timers — decided in the market's input order
 * against its {@link MarketStore}, each call returning what it decided as a list of {@link
 * MarketOutput}s (docs/architecture.md, "One keyed operator per market").
 *
 * <p>Input that cannot be decided yet waits ({@link HeldInputs}); a ready input is decided by its
 * payload ({@link MarketDecisions}). The market's two inputs race, so whatever depends on the
 * canonical event waits for the watermark, which passes a time only once every assignment of the
 * linker up to that time has arrived: a market is discovered when the watermark passes its
 * discovery time, under the canonical event in force then ({@link EventAssignments}); after that,
 * the records carrying the event or going to the event stage wait in the market's outbox and are
 * released in time order, merged with the later assignments ({@link OutboxRelease}). Books, trades
 * and state changes do not wait. A resolved market's books and trade ids are forgotten when the
 * watermark passes the resolution time plus the closed-state retention; its lifecycle record stays,
 * so that later input is still judged.
 *
 * <p>Plain Java and not thread-safe: one instance per operator instance, for any number of markets
 * (all per-market state is in the store).
 */
public final class MarketProcessor {
    /**
     * The market stage's settings.
     *
     * @param dedupeRetention how long trade ids are remembered (venue time)
     * @param dedupeBucket eviction granularity of trade ids
     * @param maxLevelsPerSide most levels per book side
     * @param snapshotEvery PERIODIC book snapshot every this many deltas
     * @param marketSnapshotEvery a {@code markets.snapshots} record every this many applied book or
     *     trade messages (besides one per discovery and lifecycle change)
     * @param discoveryTimeout event time input waits for its market or event before quarantine
     * @param closedRetention event time a resolved market's books and trade ids are kept
     */
    public record Config(
            Duration dedupeRetention,
            Duration dedupeBucket,
            int maxLevelsPerSide,
            int snapshotEvery,
            int marketSnapshotEvery,
            Duration discoveryTimeout,
            Duration closedRetention)
            implements Serializable {}

    private final Config config;
    private final MarketDecisions decisions;
    private final OutboxRelease release;

    public MarketProcessor(Config config) {
        this.config = config;
        this.decisions = new MarketDecisions(config);
        this.release = new OutboxRelease(new MarketLifecycle());
    }

    /** One venue input of the market: decided now, or held until it can be. */
    public List<MarketOutput> onInput(VenueInput input, MarketStore store) {
        MarketCall call = new MarketCall(store);
        MarketRecord rec = call.rec;
        if (rec.pending == 0
                && HeldInputs.ready(
                        rec, input, HeldInputs.NO_WATERMARK, config.discoveryTimeout())) {
            decisions.decide(call, input);
            return call.out;
        }
        store.hold(input);
        rec.pending++;
        call.changed();
        call.timer(HeldInputs.deadline(input, config.discoveryTimeout()));
        Long discovery = HeldInputs.discoveryTime(rec, input);
        if (discovery != null) {
            call.timer(discovery);
        }
        return call.out;
    }

    /**
     * The linker's word that the market's venue event {@code a.venueEventKey} is known and is
     * canonical event {@code a.eventId} from {@code a.time} on. Before the market's discovery it is
     * kept for the discovery; after it, it waits in the outbox until the watermark passes {@code
     * a.time}.
     *
     * @param timestamp event time of the signal (the linker's decision time)
     */
    public List<MarketOutput> onEventAssigned(
            EventAssignment a, long timestamp, MarketStore store) {
        MarketCall call = new MarketCall(store);
        MarketRecord rec = call.rec;
        boolean newlyKnown = !rec.knownEvents.containsKey(a.venueEventKey);
        if (newlyKnown) {
            rec.knownEvents.put(a.venueEventKey, timestamp);
        }
        call.changed();
        if (rec.discovered()) {
            call.later(OutboxEntry.assignment(a));
        } else {
            rec.eventAssignments.add(a);
        }
        if (rec.pending > 0) {
            List<VenueInput> held = store.held();
            if (newlyKnown) {
                for (VenueInput input : held) {
                    Long discovery = HeldInputs.discoveryTime(rec, input);
                    if (discovery != null) {
                        call.timer(discovery);
                    }
                }
            }
            drain(call, held, HeldInputs.NO_WATERMARK);
        }
        return call.out;
    }

    /**
     * The watermark passed {@code timestamp}: cleanup, discoveries and discovery timeouts that are
     * due, then the outbox's records and assignments up to {@code timestamp}.
     */
    public List<MarketOutput> onTimer(long timestamp, MarketStore store) {
        MarketCall call = new MarketCall(store);
        MarketRecord rec = call.rec;
        if (rec.cleanupTime != null && rec.cleanupTime <= timestamp && !rec.cleaned) {
            // Invisible in the output: a resolved market rejects book and trade input by its
            // state alone, so the books and trade ids are no longer needed.
            rec.cleaned = true;
            store.clearBooksAndTape();
            call.changed();
        }
        if (rec.pending > 0) {
            List<VenueInput> held = store.held();
            drain(call, held, timestamp);
            while (!held.isEmpty()
                    && HeldInputs.deadline(held.get(0), config.discoveryTimeout()) <= timestamp) {
                VenueInput expired = held.remove(0);
                rec.pending = held.size();
                call.quarantine(expired, HeldInputs.expired(expired, config.discoveryTimeout()));
                if (rec.discovered()) {
                    // What waited behind it is decided now, in every run: its records wait
                    // for no earlier time.
                    call.raiseOrderTime(timestamp);
                }
                drain(call, held, timestamp);
            }
            store.replaceHeld(held);
            rec.pending = held.size();
            call.changed();
        }
        release.release(call, timestamp);
        return call.out;
    }

    /** Decides the held inputs that can be decided now, in {@link HeldInputs} order. */
    private void drain(MarketCall call, List<VenueInput> held, long watermark) {
        MarketRecord rec = call.rec;
        int before = held.size();
        if (before != rec.pending) {
            throw new IllegalStateException(
                    rec.pending + " held inputs counted, " + before + " stored");
        }
        int next;
        while ((next = HeldInputs.next(rec, held, watermark, config.discoveryTimeout())) >= 0) {
            decisions.decide(call, held.remove(next));
        }
        if (held.size() != before) {
            call.store.replaceHeld(held);
            rec.pending = held.size();
            call.changed();
        }
    }
}
