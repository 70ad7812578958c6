package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.connectors.venue.VenueStatus;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomeQuote;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The market lifecycle rules (docs/contract.md, "Market lifecycle"): discovery and metadata
 * patches, the five-state machine with its transition table, resolution revisions and disputes, and
 * which book and trade input a market admits in each state. Plain Java: the market operator holds
 * the {@link MarketRecord} and calls this.
 */
public final class MarketLifecycle {
    /** Full payout of one contract in micro-units. */
    public static final long FULL_PAYOUT = 1_000_000L;

    /** What kind of market data asks to be admitted. */
    public enum Traffic {
        BOOK,
        TRADE
    }

    /**
     * Discovers a market or patches its metadata. Must only be called once the market's event is
     * known (the operator holds the input until then).
     */
    public LifecycleResult info(MarketRecord rec, VenueMessage message, MarketInfo info) {
        return rec.discovered() ? patch(rec, message, info) : discover(rec, message, info);
    }

    private LifecycleResult discover(MarketRecord rec, VenueMessage message, MarketInfo info) {
        Rejection invalid = validate(info);
        if (invalid != null) {
            return LifecycleResult.rejected(invalid);
        }
        VenueStatus status = Venues.statusOf(message.getVenueId(), info.getVenueStatus());
        if (info.getVenueStatus() != null && status == null) {
            return LifecycleResult.rejected(
                    new Rejection(
                            ReasonCode.UNKNOWN_MESSAGE,
                            "unknown venue status '" + info.getVenueStatus() + "'"));
        }
        // A market first seen after its trading ended starts HALTED: its resolution must still
        // arrive as a Resolution message, which carries the outcome.
        MarketState initial =
                status == null
                        ? MarketState.PRE_OPEN
                        : switch (status.target()) {
                            case PRE_OPEN, OPEN, HALTED -> status.target();
                            case RESOLVED, DISPUTED -> MarketState.HALTED;
                        };
        Market market =
                Market.newBuilder()
                        .setMarketId(
                                MarketIds.marketId(message.getVenueId(), info.getVenueMarketId()))
                        .setEventId(canonicalEventId(rec, message, info))
                        .setVenueId(message.getVenueId())
                        .setVenueMarketId(info.getVenueMarketId())
                        .setMarketDescription(info.getMarketDescription())
                        .setMarketType(info.getMarketType())
                        .setOpenTime(info.getOpenTime())
                        .setCloseTime(info.getCloseTime())
                        .setSettlementRule(info.getSettlementRule())
                        .setInitialState(initial)
                        .setOutcomes(new ArrayList<>(info.getOutcomes()))
                        .setTickSize(info.getTickSize())
                        .setVenueEventTime(message.getVenueEventTime())
                        .setIngestTime(message.getIngestTime())
                        .build();
        // The record keeps its own copy: patches and re-points change it in place, and must not
        // change the record emitted here.
        rec.market = Market.newBuilder(market).build();
        rec.venueEventKey = MarketIds.eventId(message.getVenueId(), info.getVenueEventId());
        rec.state = initial;
        rec.stateSequence = 0;
        rec.stateTime = message.getVenueEventTime();
        rec.stateReason =
                status == null || status.target() != initial ? "DISCOVERED" : status.reason();
        rec.metadataRevision = 0;
        return new LifecycleResult(
                LifecycleResult.Disposition.APPLIED, null, market, null, null, null);
    }

    private static Rejection validate(MarketInfo info) {
        if (info.getOutcomes().isEmpty()) {
            return new Rejection(ReasonCode.MISSING_FIELD, "market has no outcomes");
        }
        Set<String> ids = new HashSet<>();
        for (Outcome o : info.getOutcomes()) {
            if (!ids.add(o.getOutcomeId())) {
                return new Rejection(
                        ReasonCode.OTHER, "outcome id '" + o.getOutcomeId() + "' is repeated");
            }
        }
        Long tick = info.getTickSize();
        if (tick != null && (tick <= 0 || tick > FULL_PAYOUT)) {
            return new Rejection(
                    ReasonCode.PRICE_OUT_OF_RANGE, "tick size " + tick + " outside (0, 1000000]");
        }
        return null;
    }

    /**
     * A metadata patch of a discovered market. Its {@code revision}, and whether it changes {@code
     * event_id}, depend on the linker's assignments and on re-points, which the market stage merges
     * with its own records by event time: the market stage stamps both when it releases the patch
     * (its outbox), so the patch returned here has revision 0 and no {@code event_id}. A market
     * info that moves the market to another venue event is applied even when nothing else changed:
     * the move may change the canonical event.
     */
    private LifecycleResult patch(MarketRecord rec, VenueMessage message, MarketInfo info) {
        Market current = rec.market;
        if (!current.getOutcomes().equals(info.getOutcomes())) {
            return LifecycleResult.rejected(
                    new Rejection(
                            ReasonCode.ILLEGAL_TRANSITION,
                            "the outcomes of a discovered market cannot change: "
                                    + current.getOutcomes()
                                    + " -> "
                                    + info.getOutcomes()));
        }
        Rejection invalid = validate(info);
        if (invalid != null) {
            return LifecycleResult.rejected(invalid);
        }
        String venueEvent = MarketIds.eventId(message.getVenueId(), info.getVenueEventId());
        boolean moved = !venueEvent.equals(rec.venueEventKey);
        rec.venueEventKey = venueEvent;
        List<String> mask = new ArrayList<>();
        MarketUpdate.Builder update = MarketUpdate.newBuilder().setMarketId(current.getMarketId());
        if (!info.getMarketDescription().equals(current.getMarketDescription())) {
            mask.add("market_description");
            update.setMarketDescription(info.getMarketDescription());
            current.setMarketDescription(info.getMarketDescription());
        }
        if (!Objects.equals(info.getOpenTime(), current.getOpenTime())) {
            mask.add("open_time");
            update.setOpenTime(info.getOpenTime());
            current.setOpenTime(info.getOpenTime());
        }
        if (!Objects.equals(info.getCloseTime(), current.getCloseTime())) {
            mask.add("close_time");
            update.setCloseTime(info.getCloseTime());
            current.setCloseTime(info.getCloseTime());
        }
        if (!Objects.equals(info.getSettlementRule(), current.getSettlementRule())) {
            mask.add("settlement_rule");
            update.setSettlementRule(info.getSettlementRule());
            current.setSettlementRule(info.getSettlementRule());
        }
        if (!Objects.equals(info.getTickSize(), current.getTickSize())) {
            mask.add("tick_size");
            update.setTickSize(info.getTickSize());
            current.setTickSize(info.getTickSize());
        }
        MarketStateChange change = refreshedStatus(rec, message, info);
        if (mask.isEmpty() && change == null && !moved) {
            return LifecycleResult.duplicate();
        }
        MarketUpdate record = null;
        if (!mask.isEmpty() || moved) {
            record =
                    update.setRevision(0)
                            .setFieldMask(mask)
                            .setVenueEventTime(message.getVenueEventTime())
                            .setIngestTime(message.getIngestTime())
                            .build();
        }
        return new LifecycleResult(
                LifecycleResult.Disposition.APPLIED, null, null, record, change, null);
    }

    /**
     * Re-points a discovered market to another canonical event (a cross-venue merge or split): one
     * {@code markets.updated} patch of {@code event_id} with the next revision; a repeat of the
     * current id changes nothing. The market stage calls it when it releases the re-point in event
     * time order (its outbox), so the record's event id and revision are those clients have seen.
     */
    public LifecycleResult repoint(
            MarketRecord rec, String eventId, long venueEventTime, long ingestTime) {
        if (!rec.discovered() || eventId.equals(rec.market.getEventId())) {
            return LifecycleResult.duplicate();
        }
        rec.market.setEventId(eventId);
        rec.metadataRevision++;
        MarketUpdate record =
                MarketUpdate.newBuilder()
                        .setMarketId(rec.market.getMarketId())
                        .setRevision(rec.metadataRevision)
                        .setFieldMask(List.of("event_id"))
                        .setEventId(eventId)
                        .setVenueEventTime(venueEventTime)
                        .setIngestTime(ingestTime)
                        .build();
        return new LifecycleResult(
                LifecycleResult.Disposition.APPLIED, null, null, record, null, null);
    }

    /** The canonical event of the info's venue event: the linker's id, else the venue event's. */
    private static String canonicalEventId(
            MarketRecord rec, VenueMessage message, MarketInfo info) {
        String venueEvent = MarketIds.eventId(message.getVenueId(), info.getVenueEventId());
        return rec.canonicalEvents.getOrDefault(venueEvent, venueEvent);
    }

    /**
     * The state change a refreshed market info's status implies (REST and Gamma refreshes carry the
     * market's status, e.g. Kalshi {@code closed} or {@code disputed}), or null. A refresh is a
     * snapshot that may lag the status messages: its status is applied only when it is a legal, not
     * older move; otherwise only its metadata counts. Resolving statuses are left to the Resolution
     * message that follows them, which carries the outcome.
     */
    private static MarketStateChange refreshedStatus(
            MarketRecord rec, VenueMessage message, MarketInfo info) {
        VenueStatus meaning = Venues.statusOf(message.getVenueId(), info.getVenueStatus());
        if (meaning == null
                || meaning.target() == MarketState.RESOLVED
                || (meaning.target() == rec.state && meaning.reason().equals(rec.stateReason))
                || (meaning.target() == rec.state && rec.state != MarketState.HALTED)
                || !MarketTransitions.allowed(rec.state, meaning.target())
                || message.getVenueEventTime() < rec.stateTime
                || (meaning.target() == MarketState.DISPUTED
                        && rec.resolution != null
                        && rec.resolution.getConfidenceLevel() == ResolutionConfidence.FINAL)) {
            return null;
        }
        return transition(rec, message, meaning, info.getVenueStatus());
    }

    /** Applies a venue status change (not a resolution: that needs a Resolution message). */
    public LifecycleResult status(MarketRecord rec, VenueMessage message, MarketStatus status) {
        VenueStatus meaning = Venues.statusOf(message.getVenueId(), status.getVenueStatus());
        if (meaning == null) {
            return LifecycleResult.rejected(
                    new Rejection(
                            ReasonCode.UNKNOWN_MESSAGE,
                            "unknown venue status '" + status.getVenueStatus() + "'"));
        }
        if (meaning.target() == MarketState.RESOLVED) {
            return LifecycleResult.rejected(
                    new Rejection(
                            ReasonCode.MISSING_FIELD,
                            "status '"
                                    + status.getVenueStatus()
                                    + "' resolves the market: it must come as a Resolution"
                                    + " message with the outcome"));
        }
        Rejection stale = staleness(rec, message);
        if (stale != null) {
            return LifecycleResult.rejected(stale);
        }
        if (meaning.target() == rec.state && meaning.reason().equals(rec.stateReason)) {
            return LifecycleResult.duplicate();
        }
        if (!MarketTransitions.allowed(rec.state, meaning.target())) {
            return illegal(rec, meaning.target(), status.getVenueStatus());
        }
        if (meaning.target() == MarketState.DISPUTED
                && rec.resolution != null
                && rec.resolution.getConfidenceLevel() == ResolutionConfidence.FINAL) {
            return LifecycleResult.rejected(
                    new Rejection(
                            ReasonCode.ILLEGAL_TRANSITION,
                            "resolution of " + rec.market.getMarketId() + " is FINAL"));
        }
        MarketStateChange change = transition(rec, message, meaning, status.getVenueStatus());
        return new LifecycleResult(
                LifecycleResult.Disposition.APPLIED, null, null, null, change, null);
    }

    /**
     * Applies a venue resolution: first resolution, confirmation, or re-resolution after a dispute
     * ({@link MarketResolutions}).
     */
    public LifecycleResult resolve(MarketRecord rec, VenueMessage message, Resolution resolution) {
        return MarketResolutions.resolve(rec, message, resolution);
    }

    static Rejection staleness(MarketRecord rec, VenueMessage message) {
        if (message.getVenueEventTime() < rec.stateTime) {
            return new Rejection(
                    ReasonCode.STALE,
                    "venue time "
                            + message.getVenueEventTime()
                            + " is older than the market's last lifecycle change at "
                            + rec.stateTime);
        }
        return null;
    }

    static LifecycleResult illegal(MarketRecord rec, MarketState to, String venueStatus) {
        return LifecycleResult.rejected(
                new Rejection(
                        ReasonCode.ILLEGAL_TRANSITION,
                        rec.state
                                + " -> "
                                + to
                                + " is not allowed (venue status '"
                                + venueStatus
                                + "')"));
    }

    static MarketStateChange transition(
            MarketRecord rec, VenueMessage message, VenueStatus meaning, String venueStatus) {
        String reason = meaning.reason();
        if (meaning.target() == MarketState.OPEN && rec.state == MarketState.HALTED) {
            reason = "VENUE_RESUMED";
        }
        MarketStateChange change =
                MarketStateChange.newBuilder()
                        .setMarketId(rec.market.getMarketId())
                        .setStateSequence(rec.stateSequence + 1)
                        .setPreviousState(rec.state)
                        .setNewState(meaning.target())
                        .setTimestamp(message.getVenueEventTime())
                        .setReason(reason)
                        .setVenueStatus(venueStatus)
                        .setIngestTime(message.getIngestTime())
                        .build();
        rec.stateSequence++;
        rec.state = meaning.target();
        rec.stateReason = meaning.reason();
        rec.stateTime = message.getVenueEventTime();
        return change;
    }

    /**
     * Whether the market admits book or trade input now; null when it does, else the rejection
     * ({@code MARKET_NOT_OPEN}). Books flow while OPEN and HALTED (venues cancel resting orders
     * while a market is paused or closed, and those cancels are book changes); trades only while
     * OPEN.
     */
    public Rejection admits(MarketRecord rec, Traffic traffic) {
        boolean admitted =
                switch (rec.state) {
                    case OPEN -> true;
                    case HALTED -> traffic == Traffic.BOOK;
                    default -> false;
                };
        if (admitted && !(traffic == Traffic.BOOK && rec.booksClosed)) {
            return null;
        }
        return new Rejection(
                ReasonCode.MARKET_NOT_OPEN,
                traffic.name().toLowerCase()
                        + " input for "
                        + rec.market.getMarketId()
                        + " while it is "
                        + rec.state
                        + (rec.stateReason == null ? "" : " (" + rec.stateReason + ")"));
    }

    /** Records an emitted trade for the market snapshot. */
    public void traded(MarketRecord rec, String outcomeId, long price, long venueTime) {
        rec.lastTradePrice = price;
        rec.lastTradeOutcomeId = outcomeId;
        rec.lastTradeTime = venueTime;
    }

    /** The full authoritative state of the market, with the given top of book per outcome. */
    public MarketSnapshot snapshot(
            MarketRecord rec, List<OutcomeQuote> quotes, VenueMessage message) {
        return snapshot(rec, quotes, message.getVenueEventTime(), message.getIngestTime());
    }

    /**
     * A {@code markets.snapshots} record at the given times (for changes no message carries). It
     * leaves the count towards the periodic snapshot alone: the caller restarts it when the record
     * is one of that count's (a re-point's is not).
     */
    public MarketSnapshot snapshot(
            MarketRecord rec, List<OutcomeQuote> quotes, long venueEventTime, long ingestTime) {
        Market m = rec.market;
        return MarketSnapshot.newBuilder()
                .setMarketId(m.getMarketId())
                .setEventId(m.getEventId())
                .setVenueId(m.getVenueId())
                .setMarketState(rec.state)
                .setStateSequence(rec.stateSequence)
                .setMetadataRevision(rec.metadataRevision)
                .setMarketDescription(m.getMarketDescription())
                .setMarketType(m.getMarketType())
                .setCloseTime(m.getCloseTime())
                .setLastTradePrice(rec.lastTradePrice)
                .setLastTradeOutcomeId(rec.lastTradeOutcomeId)
                .setLastTradeTime(rec.lastTradeTime)
                .setQuotes(quotes)
                .setSnapshotTime(venueEventTime)
                .setIngestTime(ingestTime)
                .build();
    }
}
