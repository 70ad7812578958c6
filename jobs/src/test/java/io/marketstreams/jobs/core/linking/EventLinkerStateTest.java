package io.marketstreams.jobs.core.linking;

import static io.marketstreams.jobs.core.linking.LinkingTest.T0;
import static io.marketstreams.jobs.core.linking.LinkingTest.curated;
import static io.marketstreams.jobs.core.linking.LinkingTest.event;
import static io.marketstreams.jobs.core.linking.LinkingTest.market;
import static io.marketstreams.jobs.core.linking.LinkingTest.seen;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.Event;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.MarketRelationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The linker as the job runs it: rules computed by the linker itself, curated market relations on
 * the canonical event, and a restore from (applied inputs, last emitted records) that continues
 * exactly like the original.
 */
class EventLinkerStateTest {

    private static final MarketRelation HOLD_CUT =
            new MarketRelation(
                    "kalshi:FED-HOLD",
                    "polymarket:0xfed",
                    Relation.COMPLEMENT,
                    9_000,
                    Provenance.CURATED,
                    1);

    private static List<EventLinker.Input> inputs() {
        return List.of(
                new EventLinker.LinkAdded(curated("polymarket", "7001", "kalshi:FED", 1), T0, T0),
                new EventLinker.RelationAdded(HOLD_CUT, T0, T0),
                seen("kalshi", event("FED", "Fed decision in December", "Economics", null), T0 + 1),
                seen("kalshi", market("FED-HOLD", "FED", "Fed holds in December"), T0 + 2),
                seen(
                        "polymarket",
                        event("7001", "Will the Fed cut in December?", "Economics", null),
                        T0 + 3),
                seen("polymarket", market("0xfed", "7001", "Will the Fed cut?"), T0 + 4),
                seen("kalshi", event("RAIN", "Rain in NYC on December 1", "Climate", T0), T0 + 5),
                seen(
                        "polymarket",
                        event("7003", "Rain in NYC on December 1", "Climate", T0),
                        T0 + 6),
                seen("kalshi", market("RAIN-Y", "RAIN", "Rain in NYC on December 1"), T0 + 7),
                seen("polymarket", market("0xrain", "7003", "Rain in NYC on December 1"), T0 + 8));
    }

    private static EventLinker linker() {
        return new EventLinker(LinkConfig.DEFAULTS, new LinkRules(LinkConfig.DEFAULTS));
    }

    @Test
    void curatedRelationsAndRuleRelationsShowOnTheCanonicalEvent() {
        EventLinker linker = linker();
        Map<String, Event> last = new HashMap<>();
        for (EventLinker.Input input : inputs()) {
            for (Event e : linker.apply(input).events()) {
                last.put(e.getEventId(), e);
            }
        }
        assertThat(last.get("kalshi:FED").getMarketLinks())
                .containsExactly(
                        new MarketLink(
                                "kalshi:FED-HOLD",
                                "polymarket:0xfed",
                                MarketRelationType.COMPLEMENT,
                                9_000,
                                "CURATED"));
        assertThat(last.get("kalshi:RAIN").getVenueEvents()).hasSize(2);
        assertThat(last.get("kalshi:RAIN").getMarketLinks())
                .containsExactly(
                        new MarketLink(
                                "kalshi:RAIN-Y",
                                "polymarket:0xrain",
                                MarketRelationType.SAME,
                                10_000,
                                "RULE:market-description"));
        assertThat(linker.eventIdOfMarket("polymarket:0xrain")).isEqualTo("kalshi:RAIN");
    }

    @Test
    void aStaleRelationRevisionIsReportedAndIgnored() {
        EventLinker linker = linker();
        linker.apply(new EventLinker.RelationAdded(HOLD_CUT, T0, T0));
        EventLinker.Result again = linker.apply(new EventLinker.RelationRemoved(HOLD_CUT, T0, T0));
        assertThat(again.staleRelations()).containsExactly(HOLD_CUT);
        assertThat(linker.activeRelations()).containsExactly(HOLD_CUT);
    }

    @Test
    void aRestoredLinkerContinuesExactlyLikeTheOriginal() {
        List<EventLinker.Input> all = inputs();
        EventLinker original = linker();
        Map<String, Event> emitted = new HashMap<>();
        int cut = all.size() - 3;
        for (EventLinker.Input input : all.subList(0, cut)) {
            for (Event e : original.apply(input).events()) {
                emitted.put(e.getEventId(), e);
            }
        }
        EventLinker restored = linker();
        restored.restore(all.subList(0, cut), new ArrayList<>(emitted.values()));
        for (EventLinker.Input input : all.subList(cut, all.size())) {
            EventLinker.Result expected = original.apply(input);
            assertThat(restored.apply(input)).isEqualTo(expected);
        }
        EventLinker.Result split =
                original.apply(
                        new EventLinker.LinkRemoved(
                                curated("polymarket", "7001", "kalshi:FED", 2), T0 + 9, T0 + 9));
        assertThat(split.repoints()).isNotEmpty();
        assertThat(
                        restored.apply(
                                new EventLinker.LinkRemoved(
                                        curated("polymarket", "7001", "kalshi:FED", 2),
                                        T0 + 9,
                                        T0 + 9)))
                .isEqualTo(split);
    }
}
