package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.connectors.venue.VenueStatus;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The resolution rules of the market lifecycle (docs/contract.md, "Resolution"): which venue
 * resolutions resolve, confirm or re-resolve a market, their payouts, and the {@code
 * markets.resolved} record with its revision.
 */
final class MarketResolutions {
    private MarketResolutions() {}

    /**
     * Applies a venue resolution: first resolution, confirmation, or re-resolution after a dispute.
     */
    static LifecycleResult resolve(MarketRecord rec, VenueMessage message, Resolution resolution) {
        VenueStatus meaning = Venues.statusOf(message.getVenueId(), resolution.getVenueStatus());
        if (meaning == null || meaning.target() != MarketState.RESOLVED) {
            return LifecycleResult.rejected(
                    new Rejection(
                            meaning == null
                                    ? ReasonCode.UNKNOWN_MESSAGE
                                    : ReasonCode.ILLEGAL_TRANSITION,
                            "status '"
                                    + resolution.getVenueStatus()
                                    + "' does not resolve a market"));
        }
        Rejection invalid = validate(rec.market, resolution);
        if (invalid != null) {
            return LifecycleResult.rejected(invalid);
        }
        Rejection stale = MarketLifecycle.staleness(rec, message);
        if (stale != null) {
            return LifecycleResult.rejected(stale);
        }
        MarketResolution previous = rec.resolution;
        boolean sameResult =
                previous != null
                        && Objects.equals(
                                previous.getResolvedOutcomeId(), resolution.getResolvedOutcomeId())
                        && previous.getPayouts().equals(payouts(rec.market, resolution));
        switch (rec.state) {
            case OPEN, HALTED, DISPUTED -> {
                MarketStateChange change =
                        MarketLifecycle.transition(
                                rec, message, meaning, resolution.getVenueStatus());
                MarketResolution record = resolution(rec, message, resolution, meaning);
                return new LifecycleResult(
                        LifecycleResult.Disposition.APPLIED, null, null, null, change, record);
            }
            case RESOLVED -> {
                ResolutionConfidence was = previous.getConfidenceLevel();
                if (sameResult && meaning.confidence().ordinal() == was.ordinal()) {
                    return LifecycleResult.duplicate();
                }
                if (sameResult && meaning.confidence().ordinal() > was.ordinal()) {
                    // A confirmation: same result, more settled. No state change.
                    MarketResolution record = resolution(rec, message, resolution, meaning);
                    return new LifecycleResult(
                            LifecycleResult.Disposition.APPLIED, null, null, null, null, record);
                }
                return LifecycleResult.rejected(
                        new Rejection(
                                ReasonCode.ILLEGAL_TRANSITION,
                                (sameResult
                                                ? "confidence cannot go back from " + was
                                                : "a resolved market changes its result only"
                                                        + " after a dispute")
                                        + " ("
                                        + resolution.getVenueStatus()
                                        + ")"));
            }
            default -> {
                return MarketLifecycle.illegal(
                        rec, MarketState.RESOLVED, resolution.getVenueStatus());
            }
        }
    }

    private static Rejection validate(Market market, Resolution resolution) {
        Set<String> ids = new HashSet<>();
        for (Outcome o : market.getOutcomes()) {
            ids.add(o.getOutcomeId());
        }
        String winner = resolution.getResolvedOutcomeId();
        if (winner != null && !ids.contains(winner)) {
            return new Rejection(
                    ReasonCode.UNKNOWN_OUTCOME, "resolved outcome '" + winner + "' not in market");
        }
        for (OutcomePayout p : resolution.getPayouts()) {
            if (!ids.contains(p.getOutcomeId())) {
                return new Rejection(
                        ReasonCode.UNKNOWN_OUTCOME,
                        "payout for unknown outcome '" + p.getOutcomeId() + "'");
            }
            if (p.getPayoutValue() < 0 || p.getPayoutValue() > MarketLifecycle.FULL_PAYOUT) {
                return new Rejection(
                        ReasonCode.PRICE_OUT_OF_RANGE,
                        "payout " + p.getPayoutValue() + " outside [0, 1000000]");
            }
        }
        if (winner == null && resolution.getPayouts().isEmpty()) {
            return new Rejection(
                    ReasonCode.MISSING_FIELD, "resolution has neither an outcome nor payouts");
        }
        return null;
    }

    /**
     * Payouts in outcome order. Outcomes the venue gave no payout for get the binary default: full
     * payout for the resolved outcome, zero for the others.
     */
    private static List<OutcomePayout> payouts(Market market, Resolution resolution) {
        List<OutcomePayout> result = new ArrayList<>();
        for (Outcome o : market.getOutcomes()) {
            Long given = null;
            for (OutcomePayout p : resolution.getPayouts()) {
                if (p.getOutcomeId().equals(o.getOutcomeId())) {
                    given = p.getPayoutValue();
                }
            }
            long value =
                    given != null
                            ? given
                            : o.getOutcomeId().equals(resolution.getResolvedOutcomeId())
                                    ? MarketLifecycle.FULL_PAYOUT
                                    : 0L;
            result.add(new OutcomePayout(o.getOutcomeId(), value));
        }
        return result;
    }

    private static MarketResolution resolution(
            MarketRecord rec, VenueMessage message, Resolution resolution, VenueStatus meaning) {
        List<OutcomePayout> payouts = payouts(rec.market, resolution);
        String winner = resolution.getResolvedOutcomeId();
        long payoutValue = payouts.get(0).getPayoutValue();
        for (OutcomePayout p : payouts) {
            if (p.getOutcomeId().equals(winner)) {
                payoutValue = p.getPayoutValue();
            }
        }
        MarketResolution record =
                MarketResolution.newBuilder()
                        .setMarketId(rec.market.getMarketId())
                        .setEventId(rec.market.getEventId())
                        .setRevision(rec.resolution == null ? 1 : rec.resolution.getRevision() + 1)
                        .setResolvedOutcomeId(winner)
                        .setPayoutValue(payoutValue)
                        .setPayouts(payouts)
                        .setResolutionTime(message.getVenueEventTime())
                        .setConfidenceLevel(meaning.confidence())
                        .setResolutionSource(resolution.getResolutionSource())
                        .setIngestTime(message.getIngestTime())
                        .build();
        rec.resolution = record;
        rec.stateTime = Math.max(rec.stateTime, message.getVenueEventTime());
        return record;
    }
}
