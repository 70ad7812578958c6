package io.marketstreams.jobs.core.linking;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deterministic automatic link rules (docs/linking.md "Automatic rules"): they propose event links
 * from normalized titles, category and expiry date, and market relations from normalized market
 * descriptions, each with a confidence in basis points and the name of the rule that fired.
 *
 * <p>Pure functions of their arguments: no clock, no randomness, no hash order; results are sorted
 * by ids, so the same inputs always give the same proposals in the same order.
 */
public final class LinkRules {

    /** Words that carry no meaning for matching questions across venues. */
    static final Set<String> STOP_WORDS =
            Set.of(
                    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or",
                    "will", "be", "is", "are", "was", "what", "which", "who", "does", "do", "than",
                    "before", "after", "this", "that", "it");

    /** Words that turn a market question into its complement (apostrophes already removed). */
    static final Set<String> NEGATIONS =
            Set.of("not", "no", "never", "wont", "doesnt", "isnt", "dont", "cant", "fail", "fails");

    /**
     * Event rule confidence: the title's share (of its Jaccard) and each agreeing field's bonus.
     */
    static final int TITLE_WEIGHT_BP = 6_000;

    static final int CATEGORY_BONUS = 2_000;
    static final int EXPIRY_BONUS = 2_000;

    /** Why a proposal is or is not to be applied. */
    public enum Status {
        /** Confidence at or above the threshold, and the best match of both its events. */
        APPLY,
        /** Confidence below {@link LinkConfig#applyThreshold()}: recorded, not applied. */
        BELOW_THRESHOLD,
        /** Above the threshold, but one of its two sides has a better (or equal, earlier) match. */
        NOT_BEST_MATCH
    }

    /**
     * A venue event as the rules see it.
     *
     * @param venueId venue id
     * @param info the venue's event description
     */
    public record EventCandidate(String venueId, EventInfo info) {
        /** Validates. */
        public EventCandidate {
            Objects.requireNonNull(venueId, "venueId");
            Objects.requireNonNull(info, "info");
        }

        VenueEventKey key() {
            return new VenueEventKey(venueId, info.getVenueEventId());
        }
    }

    /**
     * A venue market as the rules see it.
     *
     * @param venueId venue id
     * @param info the venue's market description
     */
    public record MarketCandidate(String venueId, MarketInfo info) {
        /** Validates. */
        public MarketCandidate {
            Objects.requireNonNull(venueId, "venueId");
            Objects.requireNonNull(info, "info");
        }

        String marketId() {
            return MarketIds.marketId(venueId, info.getVenueMarketId());
        }
    }

    /**
     * One event proposal. The link's venue event is the larger of the two keys and its canonical
     * key the smaller, so one pair always gives one link identity.
     *
     * @param link the proposed link (provenance {@code RULE:<rule>})
     * @param status apply, or why not
     * @param titleSimilarity title token-set Jaccard, basis points
     * @param categoryMatch both categories known and equal after normalization
     * @param expiryMatch both expiry dates known and within the tolerance
     */
    public record EventProposal(
            EventLink link,
            Status status,
            int titleSimilarity,
            boolean categoryMatch,
            boolean expiryMatch) {}

    /**
     * One market relation proposal.
     *
     * @param relation the proposed relation (provenance {@code RULE:market-description})
     * @param status apply, or why not
     * @param similarity description token-set Jaccard without negation words, basis points
     */
    public record MarketProposal(MarketRelation relation, Status status, int similarity) {}

    /** Name of the market relation rule. */
    public static final String MARKET_RULE = "market-description";

    private final LinkConfig config;

    /** Rules with the given tunables. */
    public LinkRules(LinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Proposes links between the events of {@code left} and those of {@code right} (normally two
     * venues' lists). Pairs on one venue are never proposed: a venue's two events are two questions
     * by the venue's own word.
     *
     * <p>A pair is proposed when its title Jaccard J ≥ {@code minTitleSimilarity} and its expiry
     * dates, when both are known, are within the tolerance (further apart they are different
     * events, e.g. the same monthly question). Confidence = J × 0.6 + 2000 if the categories agree
     * + 2000 if the expiry dates agree; the rule name lists what fired ({@code title}, {@code
     * title+category}, {@code title+expiry}, {@code title+category+expiry}).
     */
    public List<EventProposal> proposeEvents(
            List<EventCandidate> left, List<EventCandidate> right) {
        List<Scored> scored = new ArrayList<>();
        for (EventCandidate a : left) {
            for (EventCandidate b : right) {
                if (a.venueId().equals(b.venueId())) {
                    continue;
                }
                Scored s = scoreEvents(a, b);
                if (s != null) {
                    scored.add(s);
                }
            }
        }
        List<Status> statuses = decide(scored);
        List<EventProposal> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            out.add(
                    new EventProposal(
                            new EventLink(
                                    s.high.venueId(),
                                    s.high.venueEventId(),
                                    s.low.key(),
                                    s.confidence,
                                    Provenance.rule(s.rule),
                                    1),
                            statuses.get(i),
                            s.similarity,
                            s.category,
                            s.expiry));
        }
        out.sort(
                Comparator.comparing((EventProposal p) -> p.link().canonicalKey())
                        .thenComparing(p -> p.link().venueEvent().key()));
        return out;
    }

    /**
     * Proposes relations between binary markets of {@code left} and {@code right} on different
     * venues: description Jaccard J (negation words removed) ≥ {@code minMarketSimilarity};
     * relation SAME when both or neither description is negated, COMPLEMENT when exactly one is
     * ("Will X happen" vs "Will X not happen"); confidence = J.
     */
    public List<MarketProposal> proposeMarkets(
            List<MarketCandidate> left, List<MarketCandidate> right) {
        List<Scored> scored = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (MarketCandidate a : left) {
            for (MarketCandidate b : right) {
                if (a.venueId().equals(b.venueId())
                        || a.info().getMarketType() != MarketType.BINARY
                        || b.info().getMarketType() != MarketType.BINARY) {
                    continue;
                }
                Set<String> ta = tokens(a.info().getMarketDescription());
                Set<String> tb = tokens(b.info().getMarketDescription());
                boolean negA = ta.removeAll(NEGATIONS);
                boolean negB = tb.removeAll(NEGATIONS);
                int j = jaccard(ta, tb);
                if (j < config.minMarketSimilarity()) {
                    continue;
                }
                String ida = a.marketId();
                String idb = b.marketId();
                boolean aLow = ida.compareTo(idb) <= 0;
                scored.add(
                        new Scored(
                                aLow ? ida : idb,
                                aLow ? idb : ida,
                                j,
                                j,
                                MARKET_RULE,
                                false,
                                false,
                                null,
                                null));
                relations.add(negA == negB ? Relation.SAME : Relation.COMPLEMENT);
            }
        }
        List<Status> statuses = decide(scored);
        List<MarketProposal> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            out.add(
                    new MarketProposal(
                            new MarketRelation(
                                    s.lowId,
                                    s.highId,
                                    relations.get(i),
                                    s.confidence,
                                    Provenance.rule(s.rule),
                                    1),
                            statuses.get(i),
                            s.similarity));
        }
        out.sort(
                Comparator.comparing((MarketProposal p) -> p.relation().marketA())
                        .thenComparing(p -> p.relation().marketB()));
        return out;
    }

    private Scored scoreEvents(EventCandidate a, EventCandidate b) {
        int j = jaccard(tokens(a.info().getEventName()), tokens(b.info().getEventName()));
        if (j < config.minTitleSimilarity()) {
            return null;
        }
        Long ea = a.info().getExpiryDate();
        Long eb = b.info().getExpiryDate();
        boolean expiry = false;
        if (ea != null && eb != null) {
            if (Math.abs(ea - eb) > config.expiryToleranceMillis()) {
                return null;
            }
            expiry = true;
        }
        String ca = normalizeCategory(a.info().getEventCategory());
        String cb = normalizeCategory(b.info().getEventCategory());
        boolean category = ca != null && ca.equals(cb);
        int confidence =
                (int) ((long) j * TITLE_WEIGHT_BP / Confidence.MAX)
                        + (category ? CATEGORY_BONUS : 0)
                        + (expiry ? EXPIRY_BONUS : 0);
        String rule = "title" + (category ? "+category" : "") + (expiry ? "+expiry" : "");
        VenueEventKey ka = a.key();
        VenueEventKey kb = b.key();
        boolean aLow = ka.key().compareTo(kb.key()) <= 0;
        return new Scored(
                (aLow ? ka : kb).key(),
                (aLow ? kb : ka).key(),
                Math.min(confidence, Confidence.MAX),
                j,
                rule,
                category,
                expiry,
                aLow ? ka : kb,
                aLow ? kb : ka);
    }

    /**
     * Threshold, then greedy one-to-one matching: by confidence descending, ties by ids, a proposal
     * is applied only if neither of its sides is already taken. This stops one event from pulling
     * two look-alike events of another venue (e.g. two monthly questions) into its group.
     */
    private List<Status> decide(List<Scored> scored) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparing((Integer i) -> -scored.get(i).confidence)
                        .thenComparing(i -> scored.get(i).lowId)
                        .thenComparing(i -> scored.get(i).highId));
        List<Status> statuses = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            statuses.add(null);
        }
        Set<String> taken = new HashSet<>();
        for (int i : order) {
            Scored s = scored.get(i);
            if (s.confidence < config.applyThreshold()) {
                statuses.set(i, Status.BELOW_THRESHOLD);
            } else if (taken.contains(s.lowId) || taken.contains(s.highId)) {
                statuses.set(i, Status.NOT_BEST_MATCH);
            } else {
                taken.add(s.lowId);
                taken.add(s.highId);
                statuses.set(i, Status.APPLY);
            }
        }
        return statuses;
    }

    /**
     * Normalized token set of a title: lower case (root locale), apostrophes dropped ("won't" →
     * "wont"), every other non-letter, non-digit character a separator, stop words removed. Sorted
     * (a TreeSet) only so that debugging output is stable.
     */
    public static Set<String> tokens(String text) {
        Set<String> out = new TreeSet<>();
        if (text == null) {
            return out;
        }
        String lower = text.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "");
        for (String token : lower.split("[^\\p{L}\\p{N}]+")) {
            if (!token.isEmpty() && !STOP_WORDS.contains(token)) {
                out.add(token);
            }
        }
        return out;
    }

    /** Token-set Jaccard |A ∩ B| / |A ∪ B| in basis points, rounded down; 0 when both empty. */
    public static int jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String token : a) {
            if (b.contains(token)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return (int) ((long) common * Confidence.MAX / union);
    }

    private static String normalizeCategory(String category) {
        if (category == null) {
            return null;
        }
        String joined = String.join(" ", tokens(category));
        return joined.isEmpty() ? null : joined;
    }

    private record Scored(
            String lowId,
            String highId,
            int confidence,
            int similarity,
            String rule,
            boolean category,
            boolean expiry,
            VenueEventKey low,
            VenueEventKey high) {}
}
