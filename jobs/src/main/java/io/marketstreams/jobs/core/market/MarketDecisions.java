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
import io.marketstreams.schema.MarketResolution;
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

/**
 * Decides one input that is ready (its market, or for a market info its event, is known) by its
 * payload: trades through {@link TradeTape}, books through {@link BookNormalizer} and {@link
 * MarketBooks}, catalog and lifecycle input through {@link MarketLifecycle}; and the records that
 * follow from a decision — books closed at resolution, market snapshots, updates for the event's
 * resolution stage, re-points.
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
            lifecycleOutputs(call, input, lifecycle.status(rec, input.message(), status));
        } else if (payload instanceof Resolution resolution) {
            lifecycleOutputs(call, input, lifecycle.resolve(rec, input.message(), resolution));
        } else {
            call.quarantine(
                    input,
                    new Rejection(
                            ReasonCode.UNSUPPORTED_PAYLOAD,
                            payload.getClass().getSimpleName() + " reached the market operator"));
        }
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

    private void info(MarketCall call, VenueInput input, MarketInfo info) {
        MarketRecord rec = call.rec;
        String venueEvent = MarketIds.eventId(input.message().getVenueId(), info.getVenueEventId());
        long discoveryTime = Math.max(input.ingestTime(), rec.knownEvents.get(venueEvent));
        if (!rec.discovered() || !venueEvent.equals(rec.venueEventKey)) {
            // The id in effect at the discovery (or move) time, whenever the linker's signals
            // arrived; later assignments follow as re-points.
            rec.canonicalEvents.put(
                    venueEvent, EventAssignments.assignedAt(rec, venueEvent, discoveryTime));
        }
        LifecycleResult result = lifecycle.info(rec, input.message(), info);
        if (result.discovered() != null) {
            rec.discoveryTime = discoveryTime;
        }
        lifecycleOutputs(call, input, result);
        if (result.discovered() != null) {
            for (EventAssignment a : EventAssignments.after(rec, venueEvent, discoveryTime)) {
                repoint(call, a);
            }
        }
    }

    private void lifecycleOutputs(MarketCall call, VenueInput input, LifecycleResult result) {
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
        if (result.discovered() != null) {
            call.emit(StreamTopic.MARKETS_DISCOVERED, result.discovered());
            toEvent(call, input, EventMarketUpdate.Kind.DISCOVERED);
        }
        if (result.update() != null) {
            call.emit(StreamTopic.MARKETS_UPDATED, result.update());
        }
        if (result.stateChange() != null) {
            call.emit(StreamTopic.MARKET_STATE_UPDATED, result.stateChange());
            if (result.stateChange().getNewState() == MarketState.DISPUTED) {
                toEvent(call, input, EventMarketUpdate.Kind.DISPUTED);
            }
        }
        if (result.resolution() != null) {
            call.emit(StreamTopic.MARKETS_RESOLVED, result.resolution());
            toEvent(call, input, EventMarketUpdate.Kind.RESOLVED);
        }
        if (result.resolvesMarket() && !rec.booksClosed) {
            closeBooks(call, input);
        }
        if (result.discovered() != null
                || result.stateChange() != null
                || result.resolution() != null
                || result.update() != null) {
            snapshot(call, input.message().getVenueEventTime(), input.ingestTime());
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
            snapshot(call, input.message().getVenueEventTime(), input.ingestTime());
        }
    }

    private void snapshot(MarketCall call, long venueEventTime, long ingestTime) {
        call.emit(
                StreamTopic.MARKETS_SNAPSHOTS,
                MarketSnapshots.of(
                        lifecycle, call.rec, call.store.books(), venueEventTime, ingestTime));
    }

    /**
     * Re-points a discovered market to the canonical event a linker assignment names
     * (docs/contract.md "Cross-venue events"): a {@code markets.updated} patch, a {@code
     * markets.snapshots} record, and the move told to both events' resolution stages (left the old
     * one; joined the new one with its current resolution).
     */
    void repoint(MarketCall call, EventAssignment a) {
        MarketRecord rec = call.rec;
        rec.canonicalEvents.put(a.venueEventKey, a.eventId);
        String previous = rec.market.getEventId();
        LifecycleResult result = lifecycle.repoint(rec, a.eventId, a.venueTime, a.time);
        if (result.update() == null) {
            return;
        }
        call.emit(StreamTopic.MARKETS_UPDATED, result.update());
        long orderTime = Math.max(a.time, rec.discoveryTime);
        String now = rec.market.getEventId();
        toEvent(call, previous, EventMarketUpdate.Kind.LEFT, orderTime, a.time);
        toEvent(call, now, EventMarketUpdate.Kind.DISCOVERED, orderTime, a.time);
        if (rec.state == MarketState.DISPUTED) {
            toEvent(call, now, EventMarketUpdate.Kind.DISPUTED, orderTime, a.time);
        } else if (rec.resolution != null) {
            toEvent(call, now, EventMarketUpdate.Kind.RESOLVED, orderTime, a.time);
        }
        snapshot(call, a.venueTime, a.time);
    }

    private static long orderTime(MarketRecord rec, VenueInput input) {
        return Math.max(input.ingestTime(), rec.discoveryTime);
    }

    private void toEvent(MarketCall call, VenueInput input, EventMarketUpdate.Kind kind) {
        toEvent(
                call,
                call.rec.market.getEventId(),
                kind,
                orderTime(call.rec, input),
                input.ingestTime());
    }

    private void toEvent(
            MarketCall call,
            String eventId,
            EventMarketUpdate.Kind kind,
            long orderTime,
            long ingestTime) {
        MarketRecord rec = call.rec;
        MarketResolution resolution =
                kind == EventMarketUpdate.Kind.RESOLVED ? rec.resolution : null;
        call.toEvent(
                EventMarketUpdate.fromMarket(
                        eventId,
                        rec.market.getMarketId(),
                        kind,
                        orderTime,
                        ++rec.eventUpdates,
                        ingestTime,
                        resolution));
    }

    private static Set<String> outcomeIds(MarketRecord rec) {
        Set<String> ids = new HashSet<>();
        for (Outcome o : rec.market.getOutcomes()) {
            ids.add(o.getOutcomeId());
        }
        return ids;
    }
}
