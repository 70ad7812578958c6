package io.marketstreams.jobs.core.catalog;

import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.T0;
import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.venue.EventInfo;
import org.junit.jupiter.api.Test;

/** Event discovery and event resolution rules. */
class EventRulesTest {

    @Test
    void anEventIsDiscoveredOnceAndCorrectedWithAHigherRevision() {
        EventCatalog catalog = new EventCatalog();
        EventInfo info = EventInfo.newBuilder().setVenueEventId("FED").setEventName("Fed").build();
        EventCatalog.Result first = catalog.apply(null, message("kalshi", T0, info), info);
        assertThat(first.disposition()).isEqualTo(EventCatalog.Disposition.DISCOVERED);
        assertThat(first.event().getEventId()).isEqualTo("kalshi:FED");
        assertThat(first.event().getRevision()).isEqualTo(1);
        assertThat(first.event().getVenueEvents()).hasSize(1);

        assertThat(
                        catalog.apply(first.event(), message("kalshi", T0 + 5, info), info)
                                .disposition())
                .isEqualTo(EventCatalog.Disposition.DUPLICATE);

        EventInfo renamed = EventInfo.newBuilder(info).setEventName("Fed decision").build();
        EventCatalog.Result corrected =
                catalog.apply(first.event(), message("kalshi", T0 + 9, renamed), renamed);
        assertThat(corrected.disposition()).isEqualTo(EventCatalog.Disposition.CORRECTED);
        assertThat(corrected.event().getRevision()).isEqualTo(2);
    }

    private static EventMarketUpdate update(
            String market, EventMarketUpdate.Kind kind, String outcome, ResolutionConfidence c) {
        EventMarketUpdate u = new EventMarketUpdate();
        u.eventId = "E";
        u.marketId = market;
        u.kind = kind;
        u.resolvedOutcomeId = outcome;
        u.confidence = c;
        u.resolutionTime = T0;
        return u;
    }

    @Test
    void anEventResolvesWhenAllItsMarketsDoAndIsImmutableOnceFinal() {
        EventResolutionRules rules = new EventResolutionRules();
        EventResolutionState state = new EventResolutionState();
        rules.apply(state, update("A", EventMarketUpdate.Kind.DISCOVERED, null, null));
        rules.apply(state, update("B", EventMarketUpdate.Kind.DISCOVERED, null, null));
        rules.apply(
                state,
                update(
                        "A",
                        EventMarketUpdate.Kind.RESOLVED,
                        "YES",
                        ResolutionConfidence.DETERMINED));
        assertThat(rules.evaluate(state, "E", T0)).as("B is still open").isNull();

        rules.apply(
                state,
                update(
                        "B",
                        EventMarketUpdate.Kind.RESOLVED,
                        "NO",
                        ResolutionConfidence.DETERMINED));
        EventResolution tentative = rules.evaluate(state, "E", T0);
        assertThat(tentative.getFinalityStatus()).isEqualTo(FinalityStatus.TENTATIVE);
        assertThat(tentative.getResolvedOutcome()).as("the market whose YES won").isEqualTo("A");
        assertThat(tentative.getRevision()).isEqualTo(1);
        assertThat(rules.evaluate(state, "E", T0)).as("nothing changed").isNull();

        rules.apply(state, update("B", EventMarketUpdate.Kind.DISPUTED, null, null));
        EventResolution disputed = rules.evaluate(state, "E", T0);
        assertThat(disputed.getFinalityStatus()).isEqualTo(FinalityStatus.DISPUTED);
        assertThat(disputed.getResolvedOutcome()).isNull();

        rules.apply(
                state,
                update("A", EventMarketUpdate.Kind.RESOLVED, "YES", ResolutionConfidence.FINAL));
        rules.apply(
                state,
                update("B", EventMarketUpdate.Kind.RESOLVED, "NO", ResolutionConfidence.FINAL));
        EventResolution fin = rules.evaluate(state, "E", T0);
        assertThat(fin.getFinalityStatus()).isEqualTo(FinalityStatus.FINAL);
        assertThat(fin.getRevision()).isEqualTo(3);

        assertThat(rules.apply(state, update("C", EventMarketUpdate.Kind.DISCOVERED, null, null)))
                .as("a final event ignores later updates")
                .isFalse();
        assertThat(rules.evaluate(state, "E", T0)).isNull();
    }
}
