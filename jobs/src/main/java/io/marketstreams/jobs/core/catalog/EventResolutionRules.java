package io.marketstreams.jobs.core.catalog;

import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.jobs.core.linking.VenueReconciliation;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketOutcomeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconciles an event's markets into {@code events.resolved} (docs/contract.md "Event resolution"):
 * nothing while some known market is unresolved; then the markets are split into clusters of linked
 * markets (one question on several venues; an unlinked market is its own cluster), and each
 * cluster's outcomes are mapped onto its reference market's orientation ({@link
 * VenueReconciliation}): {@code DISPUTED} if any market is disputed on its venue or a cluster's
 * venues disagree; else {@code FINAL} when every resolution is FINAL, {@code TENTATIVE} otherwise.
 * A record is emitted only when its content changes, and never after FINAL.
 */
public final class EventResolutionRules {

    /** Applies one market update. Returns false when the event is already final (ignored). */
    public boolean apply(EventResolutionState state, EventMarketUpdate update) {
        if (state.finalized) {
            return false;
        }
        if (update.kind == EventMarketUpdate.Kind.RELATIONS) {
            state.relationEdges = new ArrayList<>(update.edges());
            state.relations = new ArrayList<>();
            return true;
        }
        if (update.kind == EventMarketUpdate.Kind.LEFT) {
            state.markets.remove(update.marketId);
            return true;
        }
        EventResolutionState.MarketOutcome market =
                state.markets.computeIfAbsent(
                        update.marketId, id -> new EventResolutionState.MarketOutcome());
        switch (update.kind) {
            case DISPUTED -> market.disputed = true;
            case RESOLVED -> {
                market.disputed = false;
                market.resolved = true;
                market.outcomeId = update.resolvedOutcomeId;
                market.confidence = update.confidence;
                market.resolutionTime = update.resolutionTime;
                market.resolutionSource = update.resolutionSource;
            }
            default -> {}
        }
        return true;
    }

    /** The record to emit after the updates applied so far, or null when nothing changed. */
    public EventResolution evaluate(EventResolutionState state, String eventId, long ingestTime) {
        if (state.finalized || state.markets.isEmpty()) {
            return null;
        }
        Map<String, EventResolutionState.MarketOutcome> sorted = new TreeMap<>(state.markets);
        long time = Long.MIN_VALUE;
        String source = null;
        List<MarketOutcomeRef> refs = new ArrayList<>();
        for (Map.Entry<String, EventResolutionState.MarketOutcome> e : sorted.entrySet()) {
            EventResolutionState.MarketOutcome m = e.getValue();
            if (!m.resolved && !m.disputed) {
                return null;
            }
            time = Math.max(time, m.resolutionTime);
            if (source == null) {
                source = m.resolutionSource;
            }
            refs.add(
                    new MarketOutcomeRef(
                            e.getKey(),
                            m.disputed ? null : m.outcomeId,
                            m.disputed ? null : m.confidence));
        }
        // Linked markets (one question on several venues) form clusters that must agree once
        // mapped onto one orientation; an unlinked market is a cluster of its own.
        List<VenueReconciliation.Verdict> verdicts = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (Cluster cluster : clusters(sorted.keySet(), state.edges())) {
            references.add(cluster.orientation().keySet().iterator().next());
            if (cluster.contradictory()) {
                verdicts.add(
                        new VenueReconciliation.Verdict(
                                FinalityStatus.DISPUTED, null, "contradictory relations"));
                continue;
            }
            List<VenueReconciliation.MarketResolution> resolutions = new ArrayList<>();
            for (String marketId : cluster.orientation().keySet()) {
                EventResolutionState.MarketOutcome m = sorted.get(marketId);
                resolutions.add(
                        new VenueReconciliation.MarketResolution(
                                marketId,
                                m.disputed ? null : m.outcomeId,
                                m.disputed ? null : m.confidence,
                                m.disputed));
            }
            verdicts.add(VenueReconciliation.reconcileCluster(cluster.orientation(), resolutions));
        }
        FinalityStatus finality = finality(verdicts);
        String outcome = finality == FinalityStatus.DISPUTED ? null : outcome(verdicts, references);
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

    /** DISPUTED if any cluster is; else TENTATIVE if any is; else FINAL. */
    private static FinalityStatus finality(List<VenueReconciliation.Verdict> verdicts) {
        FinalityStatus finality = FinalityStatus.FINAL;
        for (VenueReconciliation.Verdict v : verdicts) {
            if (v.finality() == FinalityStatus.DISPUTED) {
                return FinalityStatus.DISPUTED;
            }
            if (v.finality() == FinalityStatus.TENTATIVE) {
                finality = FinalityStatus.TENTATIVE;
            }
        }
        return finality;
    }

    /**
     * The event's outcome: one cluster's outcome; of several clusters (one market per candidate),
     * the reference market of the only one resolved YES; else none.
     */
    private static String outcome(
            List<VenueReconciliation.Verdict> verdicts, List<String> references) {
        if (verdicts.size() == 1) {
            return verdicts.get(0).outcomeId();
        }
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if ("YES".equals(verdicts.get(i).outcomeId())) {
                winners.add(references.get(i));
            }
        }
        return winners.size() == 1 ? winners.get(0) : null;
    }

    /**
     * Markets connected by relations.
     *
     * @param orientation each market's relation to the reference (the smallest id, first)
     * @param contradictory the relations contradict themselves (a market both SAME and COMPLEMENT
     *     to the reference): no orientation is right, the cluster reconciles as DISPUTED
     */
    record Cluster(Map<String, Relation> orientation, boolean contradictory) {}

    /** Splits the markets into clusters connected by relations, in market-id order. */
    static List<Cluster> clusters(Set<String> markets, List<RelationEdge> relations) {
        Map<String, List<RelationEdge>> edges = new TreeMap<>();
        for (RelationEdge r : relations) {
            if (markets.contains(r.marketA) && markets.contains(r.marketB)) {
                edges.computeIfAbsent(r.marketA, k -> new ArrayList<>()).add(r);
                edges.computeIfAbsent(r.marketB, k -> new ArrayList<>()).add(r);
            }
        }
        List<Cluster> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(markets)) {
            if (!done.add(start)) {
                continue;
            }
            Map<String, Relation> cluster = new TreeMap<>();
            boolean contradictory = false;
            cluster.put(start, Relation.SAME);
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String market = queue.poll();
                for (RelationEdge edge : edges.getOrDefault(market, List.of())) {
                    String other = edge.marketA.equals(market) ? edge.marketB : edge.marketA;
                    Relation toRef = edge.relation.then(cluster.get(market));
                    Relation known = cluster.get(other);
                    if (known == null) {
                        cluster.put(other, toRef);
                        done.add(other);
                        queue.add(other);
                    } else if (known != toRef) {
                        contradictory = true;
                    }
                }
            }
            out.add(new Cluster(cluster, contradictory));
        }
        return out;
    }
}
