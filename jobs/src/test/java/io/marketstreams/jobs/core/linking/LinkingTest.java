package io.marketstreams.jobs.core.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.schema.Event;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.VenueEventRef;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-venue linking core: curated links, rules, linker, reconciliation, orientation. */
class LinkingTest {

    static final long T0 = 1_767_225_600_000L;
    static final long DAY = 86_400_000L;

    static EventInfo event(String id, String name, String category, Long expiry) {
        return EventInfo.newBuilder()
                .setVenueEventId(id)
                .setEventName(name)
                .setEventCategory(category)
                .setExpiryDate(expiry)
                .build();
    }

    static MarketInfo market(String id, String event, String description) {
        return MarketInfo.newBuilder()
                .setVenueMarketId(id)
                .setVenueEventId(event)
                .setMarketDescription(description)
                .setMarketType(MarketType.BINARY)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .build();
    }

    static EventLinker.EventSeen seen(String venue, EventInfo info, long t) {
        return new EventLinker.EventSeen(venue, info, t, t + 1);
    }

    static EventLinker.MarketSeen seen(String venue, MarketInfo info, long t) {
        return new EventLinker.MarketSeen(venue, info, t, t + 1);
    }

    static EventLink curated(String venue, String id, String key, int revision) {
        return new EventLink(venue, id, key, 10_000, Provenance.CURATED, revision);
    }

    static List<String> members(Event e) {
        List<String> out = new ArrayList<>();
        for (VenueEventRef r : e.getVenueEvents()) {
            out.add(r.getVenueId() + ":" + r.getVenueEventId());
        }
        return out;
    }

    static final EventInfo KALSHI_FED =
            event("KXFED-25DEC", "Fed decision in December 2025?", "Economics", T0);
    static final EventInfo POLY_FED =
            event("12345", "Fed Decision in December 2025", "economics", T0 + 3_600_000L);

    @Test
    void curatedFileLoadsWithProvenanceAndRevisions() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/linking/links.csv").toURI());
        CuratedLinks links = CuratedLinks.load(file);
        assertThat(links.eventLinks())
                .containsExactly(
                        new EventLink(
                                "polymarket",
                                "12345",
                                "kalshi:KXFED-25DEC",
                                10_000,
                                Provenance.CURATED,
                                1),
                        new EventLink(
                                "kalshi",
                                "KXCPI-25DEC",
                                "kalshi:KXCPI-25DEC",
                                10_000,
                                Provenance.CURATED,
                                1));
        assertThat(links.eventLinks().get(1).isPin()).isTrue();
        assertThat(links.marketRelations())
                .extracting(MarketRelation::relation, MarketRelation::confidence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Relation.SAME, 10_000),
                        org.assertj.core.groups.Tuple.tuple(Relation.COMPLEMENT, 9_000));
        assertThat(links.marketRelations().get(1).revision()).isEqualTo(2);
    }

    @Test
    void badRowsNameFileAndLine() {
        String header = "kind,venue_a,id_a,venue_b,id_b,relation,confidence\n";
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "links.csv",
                                        header + "# c\nmarket,kalshi,A,polymarket,B,OPPOSITE,1\n"))
                .isInstanceOf(LinkFileException.class)
                .hasMessage("links.csv:3: relation must be SAME or COMPLEMENT: OPPOSITE");
        assertThatThrownBy(
                        () -> CuratedLinks.parse("f", header + "event,kalshi,A,polymarket,B,,x\n"))
                .hasMessage("f:2: confidence is not an integer: x");
        assertThatThrownBy(() -> CuratedLinks.parse("f", header + "event,kalshi,A,polymarket,,,\n"))
                .hasMessage("f:2: venue_b and id_b must both be given, or both be empty");
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "f",
                                        header
                                                + "event,kalshi,A,polymarket,B\n"
                                                + "event,polymarket,B,kalshi,A\n"))
                .hasMessage("f:3: duplicate link, first given at line 2");
        assertThatThrownBy(() -> CuratedLinks.parse("f", "kind,venue,id_a\n"))
                .hasMessageStartingWith("f:1: unknown column 'venue'");
    }

    @Test
    void curatedLinkMergesAKalshiAndAPolymarketEvent() {
        EventLinker linker = new EventLinker(LinkConfig.DEFAULTS);
        Event k = linker.apply(seen("kalshi", KALSHI_FED, T0)).events().get(0);
        assertThat(k.getEventId()).isEqualTo("kalshi:KXFED-25DEC");
        assertThat(k.getRevision()).isEqualTo(1);
        linker.apply(seen("polymarket", market("0xabc", "12345", "Cut to 4.00?"), T0 + 5));
        Event p = linker.apply(seen("polymarket", POLY_FED, T0 + 10)).events().get(0);
        assertThat(p.getEventId()).isEqualTo("polymarket:12345");

        EventLinker.Result merged =
                linker.apply(
                        new EventLinker.LinkAdded(
                                curated("polymarket", "12345", "kalshi:KXFED-25DEC", 1),
                                T0 + 20,
                                T0 + 21));
        assertThat(merged.events())
                .extracting(Event::getEventId)
                .containsExactly("kalshi:KXFED-25DEC", "polymarket:12345");
        Event group = merged.events().get(0);
        assertThat(group.getRevision()).isEqualTo(2);
        assertThat(members(group)).containsExactly("kalshi:KXFED-25DEC", "polymarket:12345");
        assertThat(group.getEventName()).isEqualTo(KALSHI_FED.getEventName());
        Event retired = merged.events().get(1);
        assertThat(retired.getRevision()).isEqualTo(2);
        assertThat(retired.getVenueEvents()).isEmpty();
        assertThat(merged.repoints())
                .containsExactly(
                        new EventLinker.MarketRepoint(
                                "polymarket:0xabc", "polymarket:12345", "kalshi:KXFED-25DEC"));
        assertThat(linker.eventIdOf("polymarket", "12345")).isEqualTo("kalshi:KXFED-25DEC");

        // A replay of the same link record changes nothing.
        EventLinker.Result replay =
                linker.apply(
                        new EventLinker.LinkAdded(
                                curated("polymarket", "12345", "kalshi:KXFED-25DEC", 1),
                                T0 + 30,
                                T0 + 31));
        assertThat(replay.events()).isEmpty();
        assertThat(replay.notApplied())
                .extracting(EventLinker.NotApplied::reason)
                .containsExactly(EventLinker.NotAppliedReason.STALE_REVISION);
    }

    @Test
    void ruleLinkAboveThresholdIsAppliedAndBelowIsOnlyProposed() {
        LinkRules rules = new LinkRules(LinkConfig.DEFAULTS);
        EventInfo polyRate = event("777", "Fed rate in December 2025?", null, T0);
        List<LinkRules.EventProposal> proposals =
                rules.proposeEvents(
                        List.of(new LinkRules.EventCandidate("kalshi", KALSHI_FED)),
                        List.of(
                                new LinkRules.EventCandidate("polymarket", POLY_FED),
                                new LinkRules.EventCandidate("polymarket", polyRate)));
        assertThat(proposals).hasSize(2);
        LinkRules.EventProposal strong = proposals.get(0);
        assertThat(strong.link().venueEvent().key()).isEqualTo("polymarket:12345");
        assertThat(strong.link().canonicalKey()).isEqualTo("kalshi:KXFED-25DEC");
        assertThat(strong.link().provenance().toString()).isEqualTo("RULE:title+category+expiry");
        assertThat(strong.titleSimilarity()).isEqualTo(10_000);
        assertThat(strong.link().confidence()).isEqualTo(10_000);
        assertThat(strong.status()).isEqualTo(LinkRules.Status.APPLY);
        LinkRules.EventProposal weak = proposals.get(1);
        // {fed, rate, december, 2025} vs {fed, decision, december, 2025}: 3/5.
        assertThat(weak.titleSimilarity()).isEqualTo(6_000);
        assertThat(weak.link().provenance().toString()).isEqualTo("RULE:title+expiry");
        assertThat(weak.link().confidence()).isEqualTo(3_600 + 2_000);
        assertThat(weak.status()).isEqualTo(LinkRules.Status.BELOW_THRESHOLD);

        EventLinker linker = new EventLinker(LinkConfig.DEFAULTS);
        linker.apply(seen("kalshi", KALSHI_FED, T0));
        linker.apply(seen("polymarket", POLY_FED, T0 + 1));
        linker.apply(seen("polymarket", polyRate, T0 + 2));
        EventLinker.Result applied =
                linker.apply(new EventLinker.RuleProposed(strong, T0 + 3, T0 + 4));
        assertThat(applied.notApplied()).isEmpty();
        assertThat(members(applied.events().get(0)))
                .containsExactly("kalshi:KXFED-25DEC", "polymarket:12345");
        EventLinker.Result proposedOnly =
                linker.apply(new EventLinker.RuleProposed(weak, T0 + 5, T0 + 6));
        // Recorded for curators on both events it touches; no member moves.
        assertThat(proposedOnly.events())
                .allSatisfy(
                        e ->
                                assertThat(e.getLinkCandidates())
                                        .singleElement()
                                        .satisfies(
                                                c ->
                                                        assertThat(c.getStatus())
                                                                .isEqualTo("BELOW_THRESHOLD")));
        assertThat(proposedOnly.events())
                .extracting(e -> members(e))
                .containsExactly(
                        List.of("kalshi:KXFED-25DEC", "polymarket:12345"),
                        List.of("polymarket:777"));
        assertThat(proposedOnly.repoints()).isEmpty();
        assertThat(proposedOnly.notApplied())
                .containsExactly(
                        new EventLinker.NotApplied(
                                weak.link(), EventLinker.NotAppliedReason.BELOW_THRESHOLD));
        assertThat(linker.eventIdOf("polymarket", "777")).isEqualTo("polymarket:777");
    }

    @Test
    void expiryFarApartVetoesAProposal() {
        LinkRules rules = new LinkRules(LinkConfig.DEFAULTS);
        EventInfo january = event("999", "Fed decision in December 2025", null, T0 + 30 * DAY);
        assertThat(
                        rules.proposeEvents(
                                List.of(new LinkRules.EventCandidate("kalshi", KALSHI_FED)),
                                List.of(new LinkRules.EventCandidate("polymarket", january))))
                .isEmpty();
    }

    @Test
    void removingALinkSplitsWithACorrectionAndRepointsMarkets() {
        EventLinker linker = new EventLinker(LinkConfig.DEFAULTS);
        EventLink link = curated("polymarket", "12345", "kalshi:KXFED-25DEC", 1);
        linker.apply(new EventLinker.LinkAdded(link, T0, T0 + 1));
        linker.apply(seen("kalshi", KALSHI_FED, T0 + 10));
        linker.apply(seen("kalshi", market("KXFED-25DEC-T4.00", "KXFED-25DEC", "4.00?"), T0 + 11));
        EventLinker.Result joined = linker.apply(seen("polymarket", POLY_FED, T0 + 20));
        // Kalshi was discovered alone (revision 1); Polymarket joining is a correction.
        assertThat(joined.events()).hasSize(1);
        assertThat(joined.events().get(0).getRevision()).isEqualTo(2);
        assertThat(members(joined.events().get(0)))
                .containsExactly("kalshi:KXFED-25DEC", "polymarket:12345");
        linker.apply(seen("polymarket", market("0xabc", "12345", "Cut to 4.00?"), T0 + 21));
        linker.apply(seen("polymarket", market("0xdef", "12345", "Hold?"), T0 + 22));
        assertThat(linker.eventIdOfMarket("polymarket:0xabc")).isEqualTo("kalshi:KXFED-25DEC");

        EventLinker.Result split =
                linker.apply(
                        new EventLinker.LinkRemoved(
                                curated("polymarket", "12345", "kalshi:KXFED-25DEC", 2),
                                T0 + 30,
                                T0 + 31));
        assertThat(split.events())
                .extracting(Event::getEventId, Event::getRevision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kalshi:KXFED-25DEC", 3),
                        org.assertj.core.groups.Tuple.tuple("polymarket:12345", 1));
        assertThat(members(split.events().get(0))).containsExactly("kalshi:KXFED-25DEC");
        assertThat(split.events().get(0).getIngestTime()).isEqualTo(T0 + 31);
        assertThat(split.repoints())
                .containsExactly(
                        new EventLinker.MarketRepoint(
                                "polymarket:0xabc", "kalshi:KXFED-25DEC", "polymarket:12345"),
                        new EventLinker.MarketRepoint(
                                "polymarket:0xdef", "kalshi:KXFED-25DEC", "polymarket:12345"));

        // The older add, replayed, cannot resurrect the removed link.
        assertThat(linker.apply(new EventLinker.LinkAdded(link, T0 + 40, T0 + 41)).events())
                .isEmpty();
    }

    @Test
    void curatedBeatsRule() {
        EventLinker linker = new EventLinker(LinkConfig.DEFAULTS);
        EventInfo kalshiOther = event("KXFED-ALT", "Fed decision December 2025", "Economics", T0);
        linker.apply(seen("kalshi", KALSHI_FED, T0));
        linker.apply(seen("kalshi", kalshiOther, T0 + 1));
        linker.apply(seen("polymarket", POLY_FED, T0 + 2));
        // The curator says Polymarket 12345 is Kalshi's KXFED-ALT.
        linker.apply(
                new EventLinker.LinkAdded(
                        curated("polymarket", "12345", "kalshi:KXFED-ALT", 1), T0 + 3, T0 + 4));
        LinkRules.EventProposal rule =
                new LinkRules(LinkConfig.DEFAULTS)
                        .proposeEvents(
                                List.of(new LinkRules.EventCandidate("kalshi", KALSHI_FED)),
                                List.of(new LinkRules.EventCandidate("polymarket", POLY_FED)))
                        .get(0);
        assertThat(rule.status()).isEqualTo(LinkRules.Status.APPLY);
        EventLinker.Result result =
                linker.apply(new EventLinker.RuleProposed(rule, T0 + 5, T0 + 6));
        // Only recorded: the rule's candidate shows on the Kalshi event it would have joined.
        assertThat(result.events())
                .extracting(Event::getEventId)
                .containsExactly("kalshi:KXFED-25DEC", "kalshi:KXFED-ALT");
        assertThat(result.events().get(0).getLinkCandidates())
                .singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("CURATED_WINS"));
        assertThat(members(result.events().get(1)))
                .containsExactly("kalshi:KXFED-ALT", "polymarket:12345");
        assertThat(result.notApplied())
                .extracting(EventLinker.NotApplied::reason)
                .containsExactly(EventLinker.NotAppliedReason.CURATED_WINS);
        assertThat(linker.eventIdOf("polymarket", "12345")).isEqualTo("kalshi:KXFED-ALT");
        assertThat(linker.eventIdOf("kalshi", "KXFED-25DEC")).isEqualTo("kalshi:KXFED-25DEC");
    }

    @Test
    void sameInputsGiveEqualOutputs() {
        List<EventLinker.Input> inputs =
                List.of(
                        seen("polymarket", POLY_FED, T0),
                        seen("polymarket", market("0xabc", "12345", "Cut?"), T0 + 1),
                        seen("kalshi", KALSHI_FED, T0 + 2),
                        new EventLinker.LinkAdded(
                                curated("polymarket", "12345", "kalshi:KXFED-25DEC", 1),
                                T0 + 3,
                                T0 + 4),
                        seen("kalshi", event("KXFED-25DEC", "Fed, Dec", null, null), T0 + 5),
                        new EventLinker.LinkRemoved(
                                curated("polymarket", "12345", "kalshi:KXFED-25DEC", 2),
                                T0 + 6,
                                T0 + 7));
        assertThat(run(inputs)).isEqualTo(run(inputs));
        // The earliest-seen member's id survives the merge: Polymarket was seen first here.
        List<EventLinker.Result> results = run(inputs);
        assertThat(results.get(3).events())
                .extracting(Event::getEventId, e -> e.getVenueEvents().size())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kalshi:KXFED-25DEC", 0),
                        org.assertj.core.groups.Tuple.tuple("polymarket:12345", 2));
        assertThat(results.get(3).repoints()).isEmpty();
        // The split keeps the id with its member; Kalshi's old id comes back as revision 3.
        assertThat(results.get(5).events())
                .extracting(Event::getEventId, Event::getRevision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kalshi:KXFED-25DEC", 3),
                        org.assertj.core.groups.Tuple.tuple("polymarket:12345", 3));

        LinkRules rules = new LinkRules(LinkConfig.DEFAULTS);
        List<LinkRules.EventCandidate> left =
                List.of(
                        new LinkRules.EventCandidate("kalshi", KALSHI_FED),
                        new LinkRules.EventCandidate(
                                "kalshi",
                                event("B", "Fed decision December 2025", "Economics", T0)));
        List<LinkRules.EventCandidate> right =
                List.of(new LinkRules.EventCandidate("polymarket", POLY_FED));
        assertThat(rules.proposeEvents(left, right))
                .isEqualTo(rules.proposeEvents(List.of(left.get(1), left.get(0)), right))
                .extracting(LinkRules.EventProposal::status)
                // Equal confidence: the tie goes to the smaller id, kalshi:B.
                .containsExactly(LinkRules.Status.APPLY, LinkRules.Status.NOT_BEST_MATCH);
    }

    private static List<EventLinker.Result> run(List<EventLinker.Input> inputs) {
        EventLinker linker = new EventLinker(LinkConfig.DEFAULTS);
        List<EventLinker.Result> out = new ArrayList<>();
        for (EventLinker.Input input : inputs) {
            out.add(linker.apply(input));
        }
        return out;
    }

    @Test
    void complementQuotesAreMappedOntoTheReference() {
        Orientation.TopOfBook quote = new Orientation.TopOfBook(300_000L, 5L, 350_000L, 7L);
        assertThat(Orientation.toReference(quote, Relation.SAME)).isEqualTo(quote);
        assertThat(Orientation.toReference(quote, Relation.COMPLEMENT))
                .isEqualTo(new Orientation.TopOfBook(650_000L, 7L, 700_000L, 5L));
        assertThat(
                        Orientation.toReference(
                                new Orientation.TopOfBook(null, null, 400_000L, 2L),
                                Relation.COMPLEMENT))
                .isEqualTo(new Orientation.TopOfBook(600_000L, 2L, null, null));

        MarketRelations relations = new MarketRelations(LinkConfig.DEFAULTS);
        relations.putCurated(
                new MarketRelation(
                        "kalshi:HOLD",
                        "polymarket:CUT",
                        Relation.COMPLEMENT,
                        10_000,
                        Provenance.CURATED,
                        1));
        assertThat(
                        Orientation.align(
                                "kalshi:HOLD",
                                Map.of(
                                        "polymarket:CUT", quote,
                                        "kalshi:HOLD", quote,
                                        "other:X", quote),
                                relations))
                .containsExactly(
                        new Orientation.AlignedQuote("kalshi:HOLD", Relation.SAME, quote),
                        new Orientation.AlignedQuote(
                                "polymarket:CUT",
                                Relation.COMPLEMENT,
                                new Orientation.TopOfBook(650_000L, 7L, 700_000L, 5L)));
    }

    @Test
    void marketRuleFindsComplementsAndCuratedRelationsWin() {
        LinkRules rules = new LinkRules(LinkConfig.DEFAULTS);
        List<LinkRules.MarketProposal> proposals =
                rules.proposeMarkets(
                        List.of(
                                new LinkRules.MarketCandidate(
                                        "kalshi", market("HOLD", "E", "Will the Fed cut rates?"))),
                        List.of(
                                new LinkRules.MarketCandidate(
                                        "polymarket",
                                        market("NOCUT", "P", "Fed will not cut rates"))));
        assertThat(proposals).hasSize(1);
        assertThat(proposals.get(0).relation().relation()).isEqualTo(Relation.COMPLEMENT);
        assertThat(proposals.get(0).status()).isEqualTo(LinkRules.Status.APPLY);

        MarketRelations relations = new MarketRelations(LinkConfig.DEFAULTS);
        relations.propose(proposals.get(0));
        assertThat(relations.orient("kalshi:HOLD"))
                .containsEntry("polymarket:NOCUT", Relation.COMPLEMENT);
        relations.putCurated(
                new MarketRelation(
                        "polymarket:NOCUT",
                        "kalshi:HOLD",
                        Relation.SAME,
                        10_000,
                        Provenance.CURATED,
                        1));
        assertThat(relations.orient("kalshi:HOLD"))
                .containsEntry("polymarket:NOCUT", Relation.SAME);
        assertThat(relations.active()).hasSize(1);
    }

    @Test
    void conflictingVenueResolutionsAreDisputed() {
        Map<String, Relation> cluster =
                Map.of(
                        "kalshi:HOLD", Relation.SAME,
                        "polymarket:CUT", Relation.COMPLEMENT,
                        "sim:HOLD", Relation.SAME);
        VenueReconciliation.MarketResolution kalshiYes =
                new VenueReconciliation.MarketResolution(
                        "kalshi:HOLD", "YES", ResolutionConfidence.FINAL, false);
        VenueReconciliation.MarketResolution polyNo =
                new VenueReconciliation.MarketResolution(
                        "polymarket:CUT", "NO", ResolutionConfidence.FINAL, false);
        VenueReconciliation.MarketResolution polyYes =
                new VenueReconciliation.MarketResolution(
                        "polymarket:CUT", "YES", ResolutionConfidence.FINAL, false);
        VenueReconciliation.MarketResolution simPending =
                new VenueReconciliation.MarketResolution("sim:HOLD", null, null, false);
        VenueReconciliation.MarketResolution simProposed =
                new VenueReconciliation.MarketResolution(
                        "sim:HOLD", "YES", ResolutionConfidence.PROPOSED, false);
        VenueReconciliation.MarketResolution simFinal =
                new VenueReconciliation.MarketResolution(
                        "sim:HOLD", "YES", ResolutionConfidence.FINAL, false);

        // Consistent across a complement, one market pending: nothing yet.
        assertThat(
                        VenueReconciliation.reconcileCluster(
                                        cluster, List.of(kalshiYes, polyNo, simPending))
                                .pending())
                .isTrue();
        assertThat(
                        VenueReconciliation.reconcileCluster(
                                cluster, List.of(kalshiYes, polyNo, simProposed)))
                .isEqualTo(new VenueReconciliation.Verdict(FinalityStatus.TENTATIVE, "YES", null));
        assertThat(
                        VenueReconciliation.reconcileCluster(
                                cluster, List.of(kalshiYes, polyNo, simFinal)))
                .isEqualTo(new VenueReconciliation.Verdict(FinalityStatus.FINAL, "YES", null));
        // Polymarket's YES on the complement is the reference's NO: the venues conflict.
        VenueReconciliation.Verdict conflict =
                VenueReconciliation.reconcileCluster(
                        cluster, List.of(kalshiYes, polyYes, simPending));
        assertThat(conflict.finality()).isEqualTo(FinalityStatus.DISPUTED);
        assertThat(conflict.outcomeId()).isNull();
        assertThat(conflict.reason()).contains("venues disagree");
        assertThat(
                        VenueReconciliation.combine(
                                        List.of(
                                                new VenueReconciliation.Verdict(
                                                        FinalityStatus.FINAL, "YES", null),
                                                conflict))
                                .finality())
                .isEqualTo(FinalityStatus.DISPUTED);
    }
}
