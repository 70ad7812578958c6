package io.marketstreams.jobs.core.linking;

import io.marketstreams.schema.LinkCandidate;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.MarketRelationType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a canonical event says about links (docs/linking.md, "Canonical events"): the market
 * relations in force between its members' markets, the rule proposals touching it that are not
 * applied and why, and which rule links are blocked. Reads the linker's tables, never writes them.
 */
final class LinkAnnotations {
    private final LinkConfig config;
    private final Map<String, EventLink> curated;
    private final Map<String, LinkRules.EventProposal> proposals;
    private final MarketRelations relations;
    private final Map<String, String> marketEvent;

    LinkAnnotations(
            LinkConfig config,
            Map<String, EventLink> curated,
            Map<String, LinkRules.EventProposal> proposals,
            MarketRelations relations,
            Map<String, String> marketEvent) {
        this.config = config;
        this.curated = curated;
        this.proposals = proposals;
        this.relations = relations;
        this.marketEvent = marketEvent;
    }

    Set<String> curatedNodes() {
        Set<String> nodes = new HashSet<>();
        for (EventLink link : curated.values()) {
            nodes.add(link.venueEvent().key());
            nodes.add(link.canonicalKey());
        }
        return nodes;
    }

    EventLinker.NotAppliedReason ruleBlocked(
            LinkRules.EventProposal proposal, Set<String> curatedNodes) {
        EventLink link = proposal.link();
        if (link.confidence() < config.applyThreshold()
                || proposal.status() == LinkRules.Status.BELOW_THRESHOLD) {
            return EventLinker.NotAppliedReason.BELOW_THRESHOLD;
        }
        if (proposal.status() == LinkRules.Status.NOT_BEST_MATCH) {
            return EventLinker.NotAppliedReason.NOT_BEST_MATCH;
        }
        if (curatedNodes.contains(link.venueEvent().key())
                || curatedNodes.contains(link.canonicalKey())) {
            return EventLinker.NotAppliedReason.CURATED_WINS;
        }
        return null;
    }

    /** The relations in force between markets of the group's venue events, sorted by pair. */
    List<MarketLink> marketLinks(List<SeenEvent> members) {
        Set<String> keys = new HashSet<>();
        for (SeenEvent s : members) {
            keys.add(s.key().key());
        }
        List<MarketLink> out = new ArrayList<>();
        for (MarketRelation r : relations.active()) {
            if (keys.contains(marketEvent.get(r.marketA()))
                    && keys.contains(marketEvent.get(r.marketB()))) {
                out.add(
                        new MarketLink(
                                r.marketA(),
                                r.marketB(),
                                MarketRelationType.valueOf(r.relation().name()),
                                r.confidence(),
                                r.provenance().toString()));
            }
        }
        out.sort(
                Comparator.comparing(MarketLink::getMarketIdA)
                        .thenComparing(MarketLink::getMarketIdB)
                        .thenComparing(MarketLink::getProvenance));
        return out;
    }

    /**
     * Rule proposals that touch the group from outside and are not applied, for curators: each with
     * the member it touches and why it is not applied.
     */
    List<LinkCandidate> linkCandidates(List<SeenEvent> members, Set<String> curatedNodes) {
        Set<String> keys = new HashSet<>();
        for (SeenEvent s : members) {
            keys.add(s.key().key());
        }
        List<LinkCandidate> out = new ArrayList<>();
        for (LinkRules.EventProposal p : proposals.values()) {
            EventLinker.NotAppliedReason reason = ruleBlocked(p, curatedNodes);
            String a = p.link().venueEvent().key();
            String b = p.link().canonicalKey();
            if (reason == null || (keys.contains(a) && keys.contains(b))) {
                continue;
            }
            String member = keys.contains(a) ? a : keys.contains(b) ? b : null;
            if (member == null) {
                continue;
            }
            out.add(
                    new LinkCandidate(
                            member,
                            member.equals(a) ? b : a,
                            p.link().confidence(),
                            p.link().provenance().rule(),
                            reason.name()));
        }
        out.sort(
                Comparator.comparing(LinkCandidate::getVenueEvent)
                        .thenComparing(LinkCandidate::getOtherVenueEvent));
        return out;
    }
}
