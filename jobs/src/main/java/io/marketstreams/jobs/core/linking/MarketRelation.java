package io.marketstreams.jobs.core.linking;

import java.util.Objects;

/**
 * A relation between two canonical markets on different venues. The pair is stored with {@code
 * marketA < marketB} (both relations are symmetric), so one pair has one identity whichever way it
 * was written.
 *
 * @param marketA canonical market id ({@code venue_id:venue_market_id}), the smaller
 * @param marketB canonical market id, the larger
 * @param relation SAME or COMPLEMENT
 * @param confidence basis points 0..10000
 * @param provenance curated, or the rule that proposed it
 * @param revision version of this relation record, from 1
 */
public record MarketRelation(
        String marketA,
        String marketB,
        Relation relation,
        int confidence,
        Provenance provenance,
        int revision) {

    /** Validates and orders the pair. */
    public MarketRelation {
        VenueEventKey.requireText(marketA, "marketA");
        VenueEventKey.requireText(marketB, "marketB");
        if (marketA.equals(marketB)) {
            throw new IllegalArgumentException("a market cannot relate to itself: " + marketA);
        }
        if (marketA.compareTo(marketB) > 0) {
            String swap = marketA;
            marketA = marketB;
            marketB = swap;
        }
        Objects.requireNonNull(relation, "relation");
        Confidence.check(confidence);
        Objects.requireNonNull(provenance, "provenance");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1: " + revision);
        }
    }

    /** The other market of the pair. */
    public String other(String market) {
        if (market.equals(marketA)) {
            return marketB;
        }
        if (market.equals(marketB)) {
            return marketA;
        }
        throw new IllegalArgumentException(market + " is not in " + this);
    }

    /** Identity: the pair and the provenance kind (curated and rule relations coexist). */
    public String identity() {
        return marketA + "|" + marketB + "|" + provenance.kind();
    }
}
