package io.marketstreams.jobs.core.catalog;

import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketOutcomeRef;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconciles an event's markets into {@code events.resolved} (docs/contract.md "Event resolution"):
 * nothing while some known market is unresolved; {@code DISPUTED} while any market is disputed;
 * else {@code FINAL} when every market's resolution is FINAL, {@code TENTATIVE} otherwise. A record
 * is emitted only when its content changes, and never after FINAL.
 */
public final class EventResolutionRules {

    /** Applies one market update. Returns false when the event is already final (ignored). */
    public boolean apply(EventResolutionState state, EventMarketUpdate update) {
        if (state.finalized) {
            return false;
        }
        EventResolutionState.MarketOutcome market =
                state.markets.computeIfAbsent(
                        update.marketId, id -> new EventResolutionState.MarketOutcome());
        switch (update.kind) {
            case DISCOVERED -> {}
            case DISPUTED -> market.disputed = true;
            case RESOLVED -> {
                market.disputed = false;
                market.resolved = true;
                market.outcomeId = update.resolvedOutcomeId;
                market.confidence = update.confidence;
                market.resolutionTime = update.resolutionTime;
                market.resolutionSource = update.resolutionSource;
            }
        }
        return true;
    }

    /** The record to emit after the updates applied so far, or null when nothing changed. */
    public EventResolution evaluate(EventResolutionState state, String eventId, long ingestTime) {
        if (state.finalized || state.markets.isEmpty()) {
            return null;
        }
        Map<String, EventResolutionState.MarketOutcome> sorted = new TreeMap<>(state.markets);
        boolean disputed = false;
        boolean allFinal = true;
        long time = Long.MIN_VALUE;
        String source = null;
        List<MarketOutcomeRef> refs = new ArrayList<>();
        List<String> winners = new ArrayList<>();
        for (Map.Entry<String, EventResolutionState.MarketOutcome> e : sorted.entrySet()) {
            EventResolutionState.MarketOutcome m = e.getValue();
            if (!m.resolved && !m.disputed) {
                return null;
            }
            disputed |= m.disputed;
            allFinal &= m.confidence == ResolutionConfidence.FINAL && !m.disputed;
            time = Math.max(time, m.resolutionTime);
            if (source == null) {
                source = m.resolutionSource;
            }
            refs.add(
                    new MarketOutcomeRef(
                            e.getKey(),
                            m.disputed ? null : m.outcomeId,
                            m.disputed ? null : m.confidence));
            if ("YES".equals(m.outcomeId)) {
                winners.add(e.getKey());
            }
        }
        FinalityStatus finality =
                disputed
                        ? FinalityStatus.DISPUTED
                        : allFinal ? FinalityStatus.FINAL : FinalityStatus.TENTATIVE;
        String outcome;
        if (disputed) {
            outcome = null;
        } else if (sorted.size() == 1) {
            outcome = sorted.values().iterator().next().outcomeId;
        } else {
            outcome = winners.size() == 1 ? winners.get(0) : null;
        }
        String signature = finality + "|" + outcome + "|" + refs;
        if (signature.equals(state.lastSignature)) {
            return null;
        }
        state.lastSignature = signature;
        state.revision++;
        state.finalized = finality == FinalityStatus.FINAL;
        return EventResolution.newBuilder()
                .setEventId(eventId)
                .setRevision(state.revision)
                .setResolutionTime(time)
                .setResolvedOutcome(outcome)
                .setResolutionSource(source)
                .setFinalityStatus(finality)
                .setMarkets(refs)
                .setIngestTime(ingestTime)
                .build();
    }
}
