package io.marketstreams.jobs.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code events.resolved} across venues: linked markets must agree once oriented alike. */
class CrossVenueResolutionTest {
    private final EventResolutionRules rules = new EventResolutionRules();
    private final EventResolutionState state = new EventResolutionState();
    private long sequence;

    private EventResolution apply(EventMarketUpdate u) {
        assertThat(rules.apply(state, u)).isTrue();
        return rules.evaluate(state, "kalshi:FED", 1L);
    }

    private EventMarketUpdate update(String market, EventMarketUpdate.Kind kind) {
        EventMarketUpdate u = new EventMarketUpdate();
        u.eventId = "kalshi:FED";
        u.marketId = market;
        u.kind = kind;
        u.marketSequence = ++sequence;
        return u;
    }

    private EventMarketUpdate resolved(String market, String outcome, ResolutionConfidence c) {
        EventMarketUpdate u = update(market, EventMarketUpdate.Kind.RESOLVED);
        u.resolvedOutcomeId = outcome;
        u.confidence = c;
        return u;
    }

    private void linked(Relation relation) {
        apply(
                EventMarketUpdate.relations(
                        "E",
                        0,
                        0,
                        List.of(RelationEdge.of("kalshi:FED-HOLD", "polymarket:0xfed", relation))));
    }

    @Test
    void complementMarketsThatAgreeResolveTheEvent() {
        linked(Relation.COMPLEMENT);
        apply(update("kalshi:FED-HOLD", EventMarketUpdate.Kind.DISCOVERED));
        apply(update("polymarket:0xfed", EventMarketUpdate.Kind.DISCOVERED));
        assertThat(apply(resolved("kalshi:FED-HOLD", "YES", ResolutionConfidence.FINAL))).isNull();
        EventResolution r = apply(resolved("polymarket:0xfed", "NO", ResolutionConfidence.FINAL));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.FINAL);
        assertThat(r.getResolvedOutcome()).as("reference orientation: kalshi").isEqualTo("YES");
    }

    private void discovered(String... markets) {
        for (String market : markets) {
            assertThat(apply(update(market, EventMarketUpdate.Kind.DISCOVERED))).isNull();
        }
    }

    @Test
    void contradictingVenuesAreDisputed() {
        linked(Relation.COMPLEMENT);
        discovered("kalshi:FED-HOLD", "polymarket:0xfed");
        apply(resolved("kalshi:FED-HOLD", "YES", ResolutionConfidence.FINAL));
        EventResolution r = apply(resolved("polymarket:0xfed", "YES", ResolutionConfidence.FINAL));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.DISPUTED);
        assertThat(r.getResolvedOutcome()).isNull();
        assertThat(state.finalized).isFalse();
    }

    @Test
    void withoutARelationTheSameResultsAreTwoMarketsNotAConflict() {
        discovered("kalshi:FED-HOLD", "polymarket:0xfed");
        apply(resolved("kalshi:FED-HOLD", "YES", ResolutionConfidence.FINAL));
        EventResolution r = apply(resolved("polymarket:0xfed", "YES", ResolutionConfidence.FINAL));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.FINAL);
        assertThat(r.getResolvedOutcome()).as("two markets resolved YES").isNull();
    }

    @Test
    void aMarketThatLeftNoLongerCounts() {
        linked(Relation.SAME);
        discovered("kalshi:FED-HOLD", "polymarket:0xfed");
        assertThat(apply(resolved("kalshi:FED-HOLD", "YES", ResolutionConfidence.DETERMINED)))
                .as("the linked market is still open")
                .isNull();
        EventResolution r = apply(update("polymarket:0xfed", EventMarketUpdate.Kind.LEFT));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.TENTATIVE);
        assertThat(r.getMarkets()).hasSize(1);
    }

    @Test
    void contradictoryRelationsAreDisputed() {
        apply(
                EventMarketUpdate.relations(
                        "E",
                        0,
                        0,
                        List.of(
                                RelationEdge.of("a", "b", Relation.SAME),
                                RelationEdge.of("b", "c", Relation.SAME),
                                RelationEdge.of("a", "c", Relation.COMPLEMENT))));
        discovered("a", "b", "c");
        apply(resolved("a", "YES", ResolutionConfidence.FINAL));
        apply(resolved("b", "YES", ResolutionConfidence.FINAL));
        EventResolution r = apply(resolved("c", "YES", ResolutionConfidence.FINAL));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.DISPUTED);
    }

    @Test
    void relationsBufferedOrStoredByAnOlderVersionAreReadTyped() {
        // Savepoints before typed relations hold them as "a|b|RELATION" strings, in a buffered
        // update and in the event's state; both are read as the typed edges they encode.
        EventMarketUpdate legacy = update("", EventMarketUpdate.Kind.RELATIONS);
        legacy.relations = List.of("kalshi:FED-HOLD|polymarket:0xfed|COMPLEMENT", "junk");
        assertThat(legacy.edges())
                .containsExactly(
                        RelationEdge.of(
                                "kalshi:FED-HOLD", "polymarket:0xfed", Relation.COMPLEMENT));

        EventResolutionState restored = new EventResolutionState();
        restored.relationEdges = new java.util.ArrayList<>();
        restored.relations = new java.util.ArrayList<>(List.of("a|b|SAME"));
        assertThat(restored.edges()).containsExactly(RelationEdge.of("a", "b", Relation.SAME));
        assertThat(restored.relations).as("moved over, never written again").isEmpty();

        apply(legacy);
        discovered("kalshi:FED-HOLD", "polymarket:0xfed");
        apply(resolved("kalshi:FED-HOLD", "YES", ResolutionConfidence.FINAL));
        EventResolution r = apply(resolved("polymarket:0xfed", "NO", ResolutionConfidence.FINAL));
        assertThat(r.getFinalityStatus()).isEqualTo(FinalityStatus.FINAL);
    }
}
