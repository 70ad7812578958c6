package io.marketstreams.jobs.core.linking;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.LinkKind;
import io.marketstreams.schema.MarketRelationType;

/**
 * Converts curated links to and from {@code links} topic records ({@link LinkChange}). A record
 * names its sides by venue and venue-native id, as the link file does; the linker works with
 * canonical keys ({@code venue_id:venue_id_native}). Every record made here is curated: rule links
 * are computed by the job, never stored on the topic.
 */
public final class LinkChanges {
    private LinkChanges() {}

    /**
     * The record of a curated event link, laid out like the link file's row: side {@code a} is the
     * anchor (the link's canonical key), side {@code b} the linked venue event; a pin has only side
     * {@code a}.
     */
    public static LinkChange of(EventLink link, boolean removed, String note, long effectiveTime) {
        requireCurated(link.provenance());
        String[] anchor = split(link.canonicalKey());
        LinkChange.Builder b =
                LinkChange.newBuilder()
                        .setKind(LinkKind.EVENT)
                        .setVenueA(anchor[0])
                        .setIdA(anchor[1])
                        .setConfidenceBp(link.confidence())
                        .setRevision(link.revision())
                        .setRemoved(removed)
                        .setNote(note)
                        .setEffectiveTime(effectiveTime);
        if (!link.isPin()) {
            b.setVenueB(link.venueId()).setIdB(link.venueEventId());
        }
        return b.build();
    }

    /** The record of a curated market relation. */
    public static LinkChange of(
            MarketRelation relation, boolean removed, String note, long effectiveTime) {
        requireCurated(relation.provenance());
        String[] a = split(relation.marketA());
        String[] b = split(relation.marketB());
        return LinkChange.newBuilder()
                .setKind(LinkKind.MARKET)
                .setVenueA(a[0])
                .setIdA(a[1])
                .setVenueB(b[0])
                .setIdB(b[1])
                .setRelation(MarketRelationType.valueOf(relation.relation().name()))
                .setConfidenceBp(relation.confidence())
                .setRevision(relation.revision())
                .setRemoved(removed)
                .setNote(note)
                .setEffectiveTime(effectiveTime)
                .build();
    }

    /** The Kafka key: the link's identity, so the compacted topic keeps its latest revision. */
    public static String key(LinkChange change) {
        return change.getKind() == LinkKind.EVENT
                ? "EVENT|" + eventLink(change).identity()
                : "MARKET|" + marketRelation(change).identity();
    }

    /** The event link of an EVENT record. */
    public static EventLink eventLink(LinkChange change) {
        if (change.getKind() != LinkKind.EVENT) {
            throw new IllegalArgumentException("not an event link: " + change);
        }
        String anchor = MarketIds.eventId(change.getVenueA(), change.getIdA());
        boolean pin = change.getVenueB() == null;
        return new EventLink(
                pin ? change.getVenueA() : change.getVenueB(),
                pin ? change.getIdA() : change.getIdB(),
                anchor,
                change.getConfidenceBp(),
                Provenance.CURATED,
                change.getRevision());
    }

    /** The market relation of a MARKET record. */
    public static MarketRelation marketRelation(LinkChange change) {
        if (change.getKind() != LinkKind.MARKET
                || change.getVenueB() == null
                || change.getRelation() == null) {
            throw new IllegalArgumentException("not a complete market relation: " + change);
        }
        return new MarketRelation(
                MarketIds.marketId(change.getVenueA(), change.getIdA()),
                MarketIds.marketId(change.getVenueB(), change.getIdB()),
                Relation.valueOf(change.getRelation().name()),
                change.getConfidenceBp(),
                Provenance.CURATED,
                change.getRevision());
    }

    private static void requireCurated(Provenance provenance) {
        if (!provenance.isCurated()) {
            throw new IllegalArgumentException("only curated links go on the links topic");
        }
    }

    /** Splits {@code venue:id} at the first colon (venue ids have none; native ids may). */
    private static String[] split(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw new IllegalArgumentException("not a venue_id:id key: " + key);
        }
        return new String[] {key.substring(0, colon), key.substring(colon + 1)};
    }
}
