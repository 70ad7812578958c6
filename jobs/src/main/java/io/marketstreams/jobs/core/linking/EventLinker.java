package io.marketstreams.jobs.core.linking;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cross-venue event linking state machine (docs/linking.md). It keeps the seen venue events,
 * their markets and the link data, groups venue events into canonical events, and returns per input
 * what to emit: {@code events.discovered} records (first emission revision 1, every change of
 * membership or description a correction with revision + 1) and the markets whose {@code event_id}
 * changed (for {@code markets.updated} patches).
 *
 * <p>Rules, in short (the doc has the long form):
 *
 * <ul>
 *   <li>Groups are the connected components of the link graph (nodes: venue event keys and
 *       canonical keys; edges: active links) restricted to seen venue events.
 *   <li>Curated links always apply. A rule link applies only if its proposal status is APPLY and
 *       neither of its ends appears in any curated link: a curated venue event is placed by curated
 *       links alone.
 *   <li>A group's {@code event_id} is the {@code venue_id:venue_event_id} of its anchor member. A
 *       group that holds live ids keeps the one whose anchor was seen first (first ingest time,
 *       ties by key); other ids are retired (re-emitted with no venue events). A group without one
 *       takes its first-seen member's key. So an id never changes while its member stays in the
 *       group, and a split keeps the id for the part that holds its member.
 * </ul>
 *
 * <p>No clock, no randomness: state changes and outputs depend only on the inputs' content and
 * order, and outputs are sorted by id. Not thread-safe; one instance per (global) link key.
 */
public final class EventLinker {

    /** An input to the linker. Times are those of the record that carried it. */
    public sealed interface Input {
        /** Venue time of the carrying record, epoch ms. */
        long venueEventTime();

        /** Ingest time of the carrying record, epoch ms. */
        long ingestTime();
    }

    /** A venue event description was seen (first time or a correction). */
    public record EventSeen(String venueId, EventInfo info, long venueEventTime, long ingestTime)
            implements Input {}

    /** A venue market was seen; the linker needs it only to know what to re-point. */
    public record MarketSeen(String venueId, MarketInfo info, long venueEventTime, long ingestTime)
            implements Input {}

    /** A curated link was added or changed (a higher revision replaces a lower one). */
    public record LinkAdded(EventLink link, long venueEventTime, long ingestTime)
            implements Input {}

    /** A curated link was removed; its revision must be above the stored one. */
    public record LinkRemoved(EventLink link, long venueEventTime, long ingestTime)
            implements Input {}

    /** A curated market relation was added or changed (a higher revision replaces a lower one). */
    public record RelationAdded(MarketRelation relation, long venueEventTime, long ingestTime)
            implements Input {}

    /** A curated market relation was removed; its revision must be above the stored one. */
    public record RelationRemoved(MarketRelation relation, long venueEventTime, long ingestTime)
            implements Input {}

    /** A rule proposal; the latest proposal for a pair replaces the previous one. */
    public record RuleProposed(
            LinkRules.EventProposal proposal, long venueEventTime, long ingestTime)
            implements Input {}

    /** Why a link input did not (or does not yet) change the groups. */
    public enum NotAppliedReason {
        /** A rule proposal below the apply threshold: recorded only. */
        BELOW_THRESHOLD,
        /** A rule proposal that is not its events' best match: recorded only. */
        NOT_BEST_MATCH,
        /** A rule proposal touching a venue event that curated links place: curated wins. */
        CURATED_WINS,
        /** A curated change whose revision is not above the stored one: ignored. */
        STALE_REVISION
    }

    /**
     * A link that was recorded but not applied.
     *
     * @param link the link
     * @param reason why
     */
    public record NotApplied(EventLink link, NotAppliedReason reason) {}

    /**
     * A market whose canonical event changed: one {@code markets.updated} patch of its {@code
     * event_id}.
     *
     * @param marketId canonical market id
     * @param previousEventId its event id before
     * @param eventId its event id now
     */
    public record MarketRepoint(String marketId, String previousEventId, String eventId) {}

    /**
     * What one input produced.
     *
     * @param events {@code events.discovered} records, sorted by event_id
     * @param repoints market event-id patches, sorted by market id
     * @param notApplied the input's link if it was recorded but not applied
     * @param assigned markets whose venue event became known now, with their first event id ({@code
     *     previousEventId} null), sorted by market id
     * @param staleRelations the input's curated relation if its revision was not above the stored
     *     one (ignored)
     */
    public record Result(
            List<Event> events,
            List<MarketRepoint> repoints,
            List<NotApplied> notApplied,
            List<MarketRepoint> assigned,
            List<MarketRelation> staleRelations) {
        /** Copies the lists. */
        public Result {
            events = List.copyOf(events);
            repoints = List.copyOf(repoints);
            notApplied = List.copyOf(notApplied);
            assigned = List.copyOf(assigned);
            staleRelations = List.copyOf(staleRelations);
        }
    }

    private final LinkConfig config;
    private final LinkRules rules;
    private final MarketRelations relations;
    private final LinkAnnotations annotations;
    private final Map<String, LinkRules.MarketCandidate> marketInfos = new HashMap<>();
    private final Map<String, SeenEvent> seen = new HashMap<>();
    private final Map<String, EventLink> curated = new HashMap<>();
    private final Map<String, Integer> curatedRevisions = new HashMap<>();
    private final Map<String, LinkRules.EventProposal> proposals = new HashMap<>();
    private final Map<String, String> marketEvent = new HashMap<>();
    private final Map<String, String> marketCanonical = new HashMap<>();
    private final Map<String, Event> emitted = new HashMap<>();
    private final Set<String> live = new HashSet<>();
    private final Map<String, String> eventIdOfMember = new HashMap<>();

    /**
     * A linker using {@code config}'s apply threshold for rule links, whose rule proposals come as
     * {@link RuleProposed} inputs.
     */
    public EventLinker(LinkConfig config) {
        this(config, null);
    }

    /**
     * A linker that runs {@code rules} itself: after every input, event proposals are recomputed
     * over all seen venue events, and market relation proposals over the markets of each canonical
     * event that lists more than one venue. Proposals are a function of the seen data, so they are
     * replaced (not accumulated) and a changed description can withdraw one.
     */
    public EventLinker(LinkConfig config, LinkRules rules) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = rules;
        this.relations = new MarketRelations(config);
        this.annotations = new LinkAnnotations(config, curated, proposals, relations, marketEvent);
    }

    /** Applies one input and returns what to emit. */
    public Result apply(Input input) {
        List<NotApplied> notApplied = new ArrayList<>();
        List<MarketRelation> staleRelations = new ArrayList<>();
        mutate(input, notApplied, staleRelations);
        if (rules != null && (input instanceof EventSeen || input instanceof MarketSeen)) {
            proposeEvents();
        }
        return recompute(input, notApplied, staleRelations);
    }

    /**
     * Rebuilds a linker from the inputs it applied and the records it last emitted per event id
     * (what a Flink operator keeps in state): the inputs rebuild the link table and the seen
     * events, the records the ids and revisions. Emits nothing. Cheaper than applying the inputs
     * again, which would recompute the groups (and the rule proposals) after each one.
     */
    public void restore(List<Input> inputs, Collection<Event> lastEmitted) {
        for (Input input : inputs) {
            mutate(input, new ArrayList<>(), new ArrayList<>());
        }
        if (rules != null) {
            proposeEvents();
        }
        for (Event event : lastEmitted) {
            emitted.put(event.getEventId(), event);
            if (!event.getVenueEvents().isEmpty()) {
                live.add(event.getEventId());
            }
        }
        if (!inputs.isEmpty()) {
            // Fills the member and market maps; the result equals what was emitted already.
            recompute(inputs.get(inputs.size() - 1), new ArrayList<>(), new ArrayList<>());
        }
    }

    private void mutate(
            Input input, List<NotApplied> notApplied, List<MarketRelation> staleRelations) {
        if (input instanceof EventSeen e) {
            VenueEventKey key = new VenueEventKey(e.venueId(), e.info().getVenueEventId());
            SeenEvent previous = seen.get(key.key());
            long first = previous == null ? e.ingestTime() : previous.firstIngestTime();
            seen.put(key.key(), new SeenEvent(key, e.info(), first));
        } else if (input instanceof MarketSeen m) {
            String marketId = MarketIds.marketId(m.venueId(), m.info().getVenueMarketId());
            marketEvent.put(marketId, MarketIds.eventId(m.venueId(), m.info().getVenueEventId()));
            marketInfos.put(marketId, new LinkRules.MarketCandidate(m.venueId(), m.info()));
        } else if (input instanceof LinkAdded a) {
            requireCurated(a.link());
            if (!newerRevision(a.link())) {
                notApplied.add(new NotApplied(a.link(), NotAppliedReason.STALE_REVISION));
            } else {
                curated.put(a.link().identity(), a.link());
            }
        } else if (input instanceof LinkRemoved r) {
            requireCurated(r.link());
            if (!newerRevision(r.link())) {
                notApplied.add(new NotApplied(r.link(), NotAppliedReason.STALE_REVISION));
            } else {
                // The revision is kept, so a replayed older "add" cannot resurrect the link.
                curated.remove(r.link().identity());
            }
        } else if (input instanceof RelationAdded a) {
            if (!relations.putCurated(a.relation())) {
                staleRelations.add(a.relation());
            }
        } else if (input instanceof RelationRemoved r) {
            if (!relations.removeCurated(r.relation())) {
                staleRelations.add(r.relation());
            }
        } else if (input instanceof RuleProposed p) {
            EventLink link = p.proposal().link();
            if (link.provenance().isCurated()) {
                throw new IllegalArgumentException("a rule proposal must be rule-made: " + link);
            }
            proposals.put(link.identity(), p.proposal());
            NotAppliedReason reason =
                    annotations.ruleBlocked(p.proposal(), annotations.curatedNodes());
            if (reason != null) {
                notApplied.add(new NotApplied(link, reason));
            }
        }
    }

    /** Replaces the rule event proposals by those of the seen events, venue pair by venue pair. */
    private void proposeEvents() {
        Map<String, List<LinkRules.EventCandidate>> byVenue = new TreeMap<>();
        List<SeenEvent> sorted = new ArrayList<>(seen.values());
        sorted.sort(Comparator.comparing(e -> e.key().key()));
        for (SeenEvent e : sorted) {
            byVenue.computeIfAbsent(e.key().venueId(), v -> new ArrayList<>())
                    .add(new LinkRules.EventCandidate(e.key().venueId(), e.info()));
        }
        proposals.clear();
        List<String> venues = new ArrayList<>(byVenue.keySet());
        for (int i = 0; i < venues.size(); i++) {
            for (int j = i + 1; j < venues.size(); j++) {
                for (LinkRules.EventProposal p :
                        rules.proposeEvents(
                                byVenue.get(venues.get(i)), byVenue.get(venues.get(j)))) {
                    proposals.put(p.link().identity(), p);
                }
            }
        }
    }

    /** Replaces the rule market proposals by those among the markets of each multi-venue group. */
    private void proposeMarkets(Map<String, List<SeenEvent>> groups) {
        relations.clearProposals();
        for (List<SeenEvent> members : groups.values()) {
            Set<String> memberKeys = new HashSet<>();
            Set<String> venues = new HashSet<>();
            for (SeenEvent s : members) {
                memberKeys.add(s.key().key());
                venues.add(s.key().venueId());
            }
            if (venues.size() < 2) {
                continue;
            }
            Map<String, List<LinkRules.MarketCandidate>> byVenue = new TreeMap<>();
            for (String marketId : new TreeSet<>(marketEvent.keySet())) {
                if (memberKeys.contains(marketEvent.get(marketId))) {
                    LinkRules.MarketCandidate c = marketInfos.get(marketId);
                    byVenue.computeIfAbsent(c.venueId(), v -> new ArrayList<>()).add(c);
                }
            }
            List<String> vs = new ArrayList<>(byVenue.keySet());
            for (int i = 0; i < vs.size(); i++) {
                for (int j = i + 1; j < vs.size(); j++) {
                    for (LinkRules.MarketProposal p :
                            rules.proposeMarkets(byVenue.get(vs.get(i)), byVenue.get(vs.get(j)))) {
                        relations.propose(p);
                    }
                }
            }
        }
    }

    /** Current canonical event id of a venue event; null while it is not seen. */
    public String eventIdOf(String venueId, String venueEventId) {
        return eventIdOfMember.get(MarketIds.eventId(venueId, venueEventId));
    }

    /** The venue event key ({@code venue_id:venue_event_id}) of a seen market; null if unseen. */
    public String venueEventOfMarket(String marketId) {
        return marketEvent.get(marketId);
    }

    /** The relations in force (curated, then applied rule relations). */
    public List<MarketRelation> activeRelations() {
        return relations.active();
    }

    /** Current canonical event id of a seen market's venue event; null when unknown. */
    public String eventIdOfMarket(String marketId) {
        String member = marketEvent.get(marketId);
        return member == null ? null : eventIdOfMember.get(member);
    }

    /** The latest record emitted for an event id (live or retired); null if never emitted. */
    public Event lastEmitted(String eventId) {
        return emitted.get(eventId);
    }

    private static void requireCurated(EventLink link) {
        if (!link.provenance().isCurated()) {
            throw new IllegalArgumentException("rule links come as RuleProposed: " + link);
        }
    }

    private boolean newerRevision(EventLink link) {
        Integer stored = curatedRevisions.get(link.identity());
        if (stored != null && link.revision() <= stored) {
            return false;
        }
        curatedRevisions.put(link.identity(), link.revision());
        return true;
    }

    /**
     * Recomputes every group from scratch. Linear in the link table per input: simple and obviously
     * deterministic; an incremental version can replace it behind the same API.
     */
    private Result recompute(
            Input input, List<NotApplied> notApplied, List<MarketRelation> staleRelations) {
        UnionFind graph = new UnionFind();
        for (String key : seen.keySet()) {
            graph.add(key);
        }
        for (EventLink link : curated.values()) {
            graph.union(link.venueEvent().key(), link.canonicalKey());
        }
        Set<String> curatedNodes = annotations.curatedNodes();
        for (LinkRules.EventProposal proposal : proposals.values()) {
            if (annotations.ruleBlocked(proposal, curatedNodes) == null) {
                graph.union(proposal.link().venueEvent().key(), proposal.link().canonicalKey());
            }
        }
        // Component root -> seen members in seen order.
        Map<String, List<SeenEvent>> groups = new TreeMap<>();
        for (SeenEvent s : seen.values()) {
            groups.computeIfAbsent(graph.find(s.key().key()), r -> new ArrayList<>()).add(s);
        }
        Map<String, List<SeenEvent>> byId = new TreeMap<>();
        for (List<SeenEvent> members : groups.values()) {
            members.sort(SeenEvent.ORDER);
            String id = null;
            for (SeenEvent s : members) {
                if (live.contains(s.key().key())) {
                    id = s.key().key();
                    break;
                }
            }
            byId.put(id != null ? id : members.get(0).key().key(), members);
        }
        if (rules != null) {
            proposeMarkets(byId);
        }

        List<Event> out = new ArrayList<>();
        Set<String> retired = new TreeSet<>(live);
        retired.removeAll(byId.keySet());
        eventIdOfMember.clear();
        for (Map.Entry<String, List<SeenEvent>> e : byId.entrySet()) {
            for (SeenEvent s : e.getValue()) {
                eventIdOfMember.put(s.key().key(), e.getKey());
            }
            Event candidate = CanonicalEventRecords.describe(e.getKey(), e.getValue(), input);
            candidate.setMarketLinks(annotations.marketLinks(e.getValue()));
            candidate.setLinkCandidates(annotations.linkCandidates(e.getValue(), curatedNodes));
            Event previous = emitted.get(e.getKey());
            if (previous == null || !CanonicalEventRecords.sameContent(previous, candidate)) {
                out.add(CanonicalEventRecords.withRevision(candidate, previous));
            }
        }
        for (String id : retired) {
            // Merged away: the compacted topic must not keep listing members that moved.
            Event previous = emitted.get(id);
            Event tombstone =
                    Event.newBuilder(previous)
                            .setVenueEvents(new ArrayList<>())
                            .setVenueEventTime(input.venueEventTime())
                            .setIngestTime(input.ingestTime())
                            .build();
            out.add(CanonicalEventRecords.withRevision(tombstone, previous));
        }
        out.sort(Comparator.comparing(Event::getEventId));
        for (Event event : out) {
            emitted.put(event.getEventId(), event);
        }
        live.clear();
        live.addAll(byId.keySet());
        List<MarketRepoint> repoints = new ArrayList<>();
        List<MarketRepoint> assigned = new ArrayList<>();
        assignMarkets(assigned, repoints);
        return new Result(out, repoints, notApplied, assigned, staleRelations);
    }

    /** Markets whose venue event is grouped now: first assignments and changed ids, by market. */
    private void assignMarkets(List<MarketRepoint> assigned, List<MarketRepoint> repoints) {
        for (String marketId : new TreeSet<>(marketEvent.keySet())) {
            String now = eventIdOfMember.get(marketEvent.get(marketId));
            if (now == null) {
                continue;
            }
            String before = marketCanonical.put(marketId, now);
            if (before == null) {
                assigned.add(new MarketRepoint(marketId, null, now));
            } else if (!before.equals(now)) {
                repoints.add(new MarketRepoint(marketId, before, now));
            }
        }
    }
}
