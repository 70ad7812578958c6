package io.marketstreams.jobs.core.linking;

import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reconciles the resolutions of linked markets across venues into one finality (docs/linking.md
 * "Finality"). Markets are grouped into clusters (one reference market and every market related to
 * it); within a cluster each resolved outcome is mapped onto the reference orientation (a
 * COMPLEMENT market's YES is the reference's NO), then:
 *
 * <ol>
 *   <li>DISPUTED if any market is disputed, or two mapped outcomes differ, or an outcome cannot be
 *       mapped (not YES/NO across a COMPLEMENT) — decided even while others are still pending,
 *       because a conflict between venues cannot be undone by a later resolution;
 *   <li>pending (no record) while any market is unresolved;
 *   <li>FINAL when every market's confidence is FINAL; TENTATIVE otherwise.
 * </ol>
 *
 * A canonical event with several clusters is DISPUTED if any cluster is, pending if any is, FINAL
 * if all are, else TENTATIVE.
 */
public final class VenueReconciliation {
    private VenueReconciliation() {}

    /**
     * One linked market's resolution as known now.
     *
     * @param marketId canonical market id
     * @param outcomeId resolved outcome; null while unresolved
     * @param confidence resolution confidence; null while unresolved
     * @param disputed the venue reports a dispute
     */
    public record MarketResolution(
            String marketId, String outcomeId, ResolutionConfidence confidence, boolean disputed) {
        /** Validates that a resolved market names its confidence. */
        public MarketResolution {
            Objects.requireNonNull(marketId, "marketId");
            if (outcomeId != null && confidence == null) {
                throw new IllegalArgumentException("a resolved market needs a confidence");
            }
        }

        boolean resolved() {
            return outcomeId != null && !disputed;
        }
    }

    /**
     * A reconciliation verdict.
     *
     * @param finality TENTATIVE, FINAL or DISPUTED; null while pending (emit nothing)
     * @param outcomeId the agreed outcome in the reference orientation; null unless TENTATIVE or
     *     FINAL
     * @param reason human-readable cause of a DISPUTED verdict; null otherwise
     */
    public record Verdict(FinalityStatus finality, String outcomeId, String reason) {
        /** True while some market is still unresolved and nothing conflicts. */
        public boolean pending() {
            return finality == null;
        }
    }

    /**
     * Reconciles one cluster: {@code relations} maps each market id to its relation to the
     * reference market (from {@link MarketRelations#orient}); every resolution's market must be in
     * it.
     */
    public static Verdict reconcileCluster(
            Map<String, Relation> relations, List<MarketResolution> resolutions) {
        if (resolutions.isEmpty()) {
            return new Verdict(null, null, null);
        }
        Map<String, MarketResolution> sorted = new TreeMap<>();
        for (MarketResolution r : resolutions) {
            sorted.put(r.marketId(), r);
        }
        String agreed = null;
        String agreedBy = null;
        boolean pending = false;
        boolean allFinal = true;
        for (MarketResolution r : sorted.values()) {
            Relation relation = relations.get(r.marketId());
            if (relation == null) {
                throw new IllegalArgumentException(
                        r.marketId() + " has no relation in the cluster");
            }
            if (r.disputed()) {
                return disputed(r.marketId() + " is disputed on its venue");
            }
            if (!r.resolved()) {
                pending = true;
                continue;
            }
            String mapped = relation.mapOutcome(r.outcomeId());
            if (mapped == null) {
                return disputed(
                        r.marketId()
                                + " resolved "
                                + r.outcomeId()
                                + ", not mappable across "
                                + relation);
            }
            if (agreed == null) {
                agreed = mapped;
                agreedBy = r.marketId();
            } else if (!agreed.equals(mapped)) {
                return disputed(
                        "venues disagree: "
                                + agreedBy
                                + " gives "
                                + agreed
                                + ", "
                                + r.marketId()
                                + " gives "
                                + mapped
                                + " (reference orientation)");
            }
            allFinal &= r.confidence() == ResolutionConfidence.FINAL;
        }
        if (pending) {
            return new Verdict(null, null, null);
        }
        return new Verdict(
                allFinal ? FinalityStatus.FINAL : FinalityStatus.TENTATIVE, agreed, null);
    }

    /** Combines cluster verdicts into the event's finality (outcome left to the caller). */
    public static Verdict combine(List<Verdict> clusters) {
        boolean pending = false;
        boolean allFinal = true;
        for (Verdict v : clusters) {
            if (v.finality() == FinalityStatus.DISPUTED) {
                return v;
            }
            pending |= v.pending();
            allFinal &= v.finality() == FinalityStatus.FINAL;
        }
        if (pending || clusters.isEmpty()) {
            return new Verdict(null, null, null);
        }
        String outcome = clusters.size() == 1 ? clusters.get(0).outcomeId() : null;
        return new Verdict(
                allFinal ? FinalityStatus.FINAL : FinalityStatus.TENTATIVE, outcome, null);
    }

    private static Verdict disputed(String reason) {
        return new Verdict(FinalityStatus.DISPUTED, null, reason);
    }
}
