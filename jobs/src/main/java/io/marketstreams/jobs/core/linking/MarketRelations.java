package io.marketstreams.jobs.core.linking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The market-to-market relation table. Curated relations always apply and win: a market that
 * appears in any curated relation takes no rule-made relation. A rule relation applies only when
 * its proposal status is APPLY (at or above the threshold, best match). Curated changes are
 * versioned: a record must carry a higher revision than the stored one for its pair.
 */
public final class MarketRelations {

    private final LinkConfig config;
    private final Map<String, MarketRelation> curated = new TreeMap<>();
    private final Map<String, Integer> curatedRevisions = new HashMap<>();
    private final Map<String, LinkRules.MarketProposal> proposals = new TreeMap<>();

    /** A table using {@code config}'s apply threshold. */
    public MarketRelations(LinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Adds or replaces a curated relation; false when its revision is stale (ignored). */
    public boolean putCurated(MarketRelation relation) {
        requireCurated(relation);
        if (!newer(relation)) {
            return false;
        }
        curated.put(relation.identity(), relation);
        return true;
    }

    /** Removes a curated relation; false when its revision is stale (ignored). */
    public boolean removeCurated(MarketRelation relation) {
        requireCurated(relation);
        if (!newer(relation)) {
            return false;
        }
        curated.remove(relation.identity());
        return true;
    }

    /** Records a rule proposal (the latest per pair replaces the previous one). */
    public void propose(LinkRules.MarketProposal proposal) {
        if (proposal.relation().provenance().isCurated()) {
            throw new IllegalArgumentException("a rule proposal must be rule-made");
        }
        proposals.put(proposal.relation().identity(), proposal);
    }

    /** Forgets every rule proposal (the linker recomputes them from the seen data). */
    public void clearProposals() {
        proposals.clear();
    }

    /** The relations in force, curated first, each group sorted by pair. */
    public List<MarketRelation> active() {
        List<MarketRelation> out = new ArrayList<>(curated.values());
        Set<String> curatedMarkets = new HashSet<>();
        for (MarketRelation r : curated.values()) {
            curatedMarkets.add(r.marketA());
            curatedMarkets.add(r.marketB());
        }
        for (LinkRules.MarketProposal p : proposals.values()) {
            MarketRelation r = p.relation();
            if (p.status() == LinkRules.Status.APPLY
                    && r.confidence() >= config.applyThreshold()
                    && !curatedMarkets.contains(r.marketA())
                    && !curatedMarkets.contains(r.marketB())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Orients every market connected to {@code reference} by active relations: the relation of each
     * to the reference (the reference itself is SAME), composing along a breadth-first path in
     * market-id order. A cycle that contradicts itself (a market both SAME and COMPLEMENT) throws,
     * because no orientation is right and the link data must be fixed.
     */
    public Map<String, Relation> orient(String reference) {
        Map<String, List<MarketRelation>> edges = new TreeMap<>();
        for (MarketRelation r : active()) {
            edges.computeIfAbsent(r.marketA(), k -> new ArrayList<>()).add(r);
            edges.computeIfAbsent(r.marketB(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Relation> out = new TreeMap<>();
        out.put(reference, Relation.SAME);
        Deque<String> queue = new ArrayDeque<>();
        queue.add(reference);
        while (!queue.isEmpty()) {
            String market = queue.poll();
            Relation toRef = out.get(market);
            for (MarketRelation r : edges.getOrDefault(market, List.of())) {
                String other = r.other(market);
                Relation candidate = r.relation().then(toRef);
                Relation known = out.get(other);
                if (known == null) {
                    out.put(other, candidate);
                    queue.add(other);
                } else if (known != candidate) {
                    throw new IllegalStateException(
                            "contradictory relations between "
                                    + reference
                                    + " and "
                                    + other
                                    + ": "
                                    + new TreeSet<>(out.keySet()));
                }
            }
        }
        return out;
    }

    private boolean newer(MarketRelation relation) {
        Integer stored = curatedRevisions.get(relation.identity());
        if (stored != null && relation.revision() <= stored) {
            return false;
        }
        curatedRevisions.put(relation.identity(), relation.revision());
        return true;
    }

    private static void requireCurated(MarketRelation relation) {
        if (!relation.provenance().isCurated()) {
            throw new IllegalArgumentException("rule relations come as proposals: " + relation);
        }
    }
}
