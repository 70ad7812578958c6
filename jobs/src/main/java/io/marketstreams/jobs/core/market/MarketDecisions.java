package io.marketstreams.jobs.core.market;

import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.VenueOutcomes;
import io.marketstreams.jobs.core.book.BookNormalizer;
import io.marketstreams.jobs.core.book.MarketBooks;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.LifecycleResult;
import io.marketstreams.jobs.core.lifecycle.MarketLifecycle;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.jobs.core.trades.TradeDecision;
import io.marketstreams.jobs.core.trades.TradeTape;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides one input that is ready (its market, or for a market info its event, is known) by its
 * payload: trades through {@link TradeTape}, books through {@link BookNormalizer} and {@link
 * MarketBooks}, catalog and lifecycle input through {@link MarketLifecycle}; and the records that
 * follow from a decision — books closed at resolution, market snapshots, updates for the event's
 * resolution stage.
 *
 * <p>Books, trades, {@code markets.discovered} and {@code market.state.updated} are emitted at
 * once. The records that carry the market's canonical event or go to the event stage wait in the
 * market's outbox, with the decision's order time, until {@link OutboxRelease} stamps and releases
 * them.
 */
final class MarketDecisions {
    private final MarketProcessor.Config config;
    private final TradeTape tape;
    private final MarketBooks books;
    private final MarketLifecycle lifecycle;

    MarketDecisions(MarketProcessor.Config config) {
        this.config = config;
        this.tape = new TradeTape(config.dedupeRetention(), config.dedupeBucket());
        this.books = new MarketBooks(config.maxLevelsPerSide(), config.snapshotEvery());
        this.lifecycle = new MarketLifecycle();
    }

    /** Decides a ready input. */
    void decide(MarketCall call, VenueInput input) {
        MarketRecord rec = call.rec;
        if (rec.discovered()) {
            VenueOutcomes.toOutcomeIds(input.message(), rec.market);
        }
        Object payload = input.message().getPayload();
        if (payload instanceof TradeReport report) {
            trade(call, input, report);
        } else if (payload instanceof BookSnapshot snapshot) {
            book(call, input, BookNormalizer.snapshot(snapshot, convention(input)));
        } else if (payload instanceof BookDelta delta) {
            book(call, input, BookNormalizer.delta(delta, convention(input)));
        } else if (payload instanceof MarketInfo info) {
            info(call, input, info);
        } else if (payload instanceof MarketStatus status) {
            statusOrResolution(call, input, () -> lifecycle.status(rec, input.message(), status));
        } else if (payload instanceof Resolution r) {
            statusOrResolution(call, input, () -> lifecycle.resolve(rec, input.message(), r));
        } else {
            call.quarantine(
                    input,
                    new Rejection(
                            ReasonCode.UNSUPPORTED_PAYLOAD,
                            payload.getClass().getSimpleName() + " reached the market operator"));
        }
    }

    /** A status or resolution, decided after the outbox is loaded (it copies the record). */
    private void statusOrResolution(
            MarketCall call, VenueInput input, Supplier<LifecycleResult> decision) {
        call.outbox();
        lifecycleOutputs(call, input, decision.get(), orderTime(call.rec, input));
    }

    private static BookConvention convention(VenueInput input) {
        return Venues.bookConvention(input.message().getVenueId());
    }

    private void trade(MarketCall call, VenueInput input, TradeReport report) {
        MarketRecord rec = call.rec;
        Rejection closed = lifecycle.admits(rec, MarketLifecycle.Traffic.TRADE);
        if (closed != null) {
            call.quarantine(input, closed);
            return;
        }
        TradeDecision decision =
                tape.process(input.message(), report, outcomeIds(rec), call.store.tape());
        if (decision instanceof TradeDecision.Emit emit) {
            call.count(MarketOutput.Disposition.APPLIED);
            call.emit(StreamTopic.TRADES_EXECUTED, emit.trade());
            lifecycle.traded(
                    rec,
                    emit.trade().getOutcomeId(),
                    emit.trade().getPrice(),
                    input.message().getVenueEventTime());
            applied(call, input);
        } else if (decision instanceof TradeDecision.ExactDuplicate) {
            call.count(MarketOutput.Disposition.DUPLICATE);
        } else if (decision instanceof TradeDecision.Reject reject) {
            call.quarantine(input, reject.rejection());
        }
    }

    private void book(MarketCall call, VenueInput input, BookNormalizer.Result normalized) {
        Rejection closed = lifecycle.admits(call.rec, MarketLifecycle.Traffic.BOOK);
        if (closed != null) {
            call.quarantine(input, closed);
            return;
        }
        if (normalized.rejection() != null) {
            call.quarantine(input, normalized.rejection());
            return;
        }
        MarketBooks.Result result =
                books.process(
                        input.message(), input.marketId(), normalized.book(), call.store.books());
        for (OrderBookDelta delta : result.deltas()) {
            call.emit(StreamTopic.ORDERS_DELTA, delta);
        }
        for (OrderBookSnapshot snapshot : result.snapshots()) {
            call.emit(StreamTopic.ORDERS_SNAPSHOT, snapshot);
        }
        switch (result.disposition()) {
            case APPLIED -> {
                call.count(MarketOutput.Disposition.APPLIED);
                applied(call, input);
            }
            case DUPLICATE -> call.count(MarketOutput.Disposition.DUPLICATE);
            case REJECTED -> call.quarantine(input, result.rejection());
        }
    }

    /**
     * A market info: the market's discovery, decided once the watermark has passed its discovery
     * time ({@link HeldInputs}), under the canonical event in force at that time; or a patch.
     */
    private void info(MarketCall call, VenueInput input, MarketInfo info) {
        MarketRecord rec = call.rec;
        String venueEvent = MarketIds.eventId(input.message().getVenueId(), info.getVenueEventId());
        long time = Math.max(input.ingestTime(), rec.knownEvents.get(venueEvent));
        if (rec.discovered()) {
            // Decided once its venue event is known: what follows it waits for that time too,
            // whether or not it waited behind this info in this run.
            call.raiseOrderTime(time);
            lifecycleOutputs(
                    call,
                    input,
                    lifecycle.info(rec, input.message(), info),
                    Math.max(time, rec.discoveryTime));
            return;
        }
        rec.canonicalEvents = EventAssignments.inForceAt(rec, time);
        LifecycleResult result = lifecycle.info(rec, input.message(), info);
        if (result.discovered() != null) {
            rec.discoveryTime = time;
            call.startOutbox(time);
            // Assignments after the discovery time wait for their time to be re-points.
            for (EventAssignment a : EventAssignments.after(rec, time)) {
                call.later(OutboxEntry.assignment(a));
            }
            rec.eventAssignments.clear();
        }
        lifecycleOutputs(call, input, result, time);
    }

    /**
     * The records that follow from a lifecycle decision; those that carry the canonical event wait
     * in the outbox from {@code time} on.
     */
    private void lifecycleOutputs(
            MarketCall call, VenueInput input, LifecycleResult result, long time) {
        switch (result.disposition()) {
            case DUPLICATE -> {
                call.count(MarketOutput.Disposition.DUPLICATE);
                return;
            }
            case REJECTED -> {
                call.quarantine(input, result.rejection());
                return;
            }
            case APPLIED -> call.count(MarketOutput.Disposition.APPLIED);
        }
        MarketRecord rec = call.rec;
        call.changed();
        long ingestTime = input.ingestTime();
        if (result.discovered() != null) {
            call.emit(StreamTopic.MARKETS_DISCOVERED, result.discovered());
            call.later(
                    OutboxEntry.toEvent(EventMarketUpdate.Kind.DISCOVERED, null, ingestTime, time));
        }
        if (result.update() != null) {
            call.later(OutboxEntry.update(result.update(), rec.venueEventKey, time));
        }
        if (result.stateChange() != null) {
            call.emit(StreamTopic.MARKET_STATE_UPDATED, result.stateChange());
            if (result.stateChange().getNewState() == MarketState.DISPUTED) {
                call.later(
                        OutboxEntry.toEvent(
                                EventMarketUpdate.Kind.DISPUTED, null, ingestTime, time));
            }
        }
        if (result.resolution() != null) {
            call.later(OutboxEntry.resolution(result.resolution(), time));
            call.later(
                    OutboxEntry.toEvent(
                            EventMarketUpdate.Kind.RESOLVED,
                            result.resolution(),
                            ingestTime,
                            time));
        }
        if (result.resolvesMarket() && !rec.booksClosed) {
            closeBooks(call, input);
        }
        if (result.discovered() != null
                || result.stateChange() != null
                || result.resolution() != null
                || result.update() != null) {
            snapshot(call, input, time);
        }
    }

    /** Final CLOSED snapshots at resolution; books and trade ids go after the retention. */
    private void closeBooks(MarketCall call, VenueInput input) {
        MarketRecord rec = call.rec;
        rec.booksClosed = true;
        for (OrderBookSnapshot closed :
                books.close(input.message(), rec.market.getMarketId(), call.store.books())) {
            call.emit(StreamTopic.ORDERS_SNAPSHOT, closed);
        }
        rec.cleanupTime = orderTime(rec, input) + config.closedRetention().toMillis();
        call.timer(rec.cleanupTime);
    }

    /** Counts an applied book or trade message towards the periodic market snapshot. */
    private void applied(MarketCall call, VenueInput input) {
        call.rec.messagesSinceSnapshot++;
        call.changed();
        if (call.rec.messagesSinceSnapshot >= config.marketSnapshotEvery()) {
            snapshot(call, input, orderTime(call.rec, input));
        }
    }

    /** A {@code markets.snapshots} record of the market now, released from {@code time} on. */
    private void snapshot(MarketCall call, VenueInput input, long time) {
        call.rec.messagesSinceSnapshot = 0;
        call.later(
                OutboxEntry.snapshot(
                        MarketSnapshots.of(
                                lifecycle,
                                call.rec,
                                call.store.books(),
                                input.message().getVenueEventTime(),
                                input.ingestTime()),
                        time));
    }

    private static long orderTime(MarketRecord rec, VenueInput input) {
        return Math.max(input.ingestTime(), rec.discoveryTime);
    }

    private static Set<String> outcomeIds(MarketRecord rec) {
        Set<String> ids = new HashSet<>();
        for (Outcome o : rec.market.getOutcomes()) {
            ids.add(o.getOutcomeId());
        }
        return ids;
    }
}
