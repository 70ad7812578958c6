package io.marketstreams.jobs.core.lifecycle;

import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.T0;
import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.info;
import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.message;
import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.resolution;
import static io.marketstreams.jobs.core.lifecycle.LifecycleInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.venue.Resolution;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The market lifecycle rules, step by step. */
class MarketLifecycleTest {
    private final MarketLifecycle lifecycle = new MarketLifecycle();
    private MarketRecord rec;

    @BeforeEach
    void discoverOpenMarket() {
        rec = new MarketRecord();
        LifecycleResult r =
                lifecycle.info(
                        rec,
                        message("kalshi", T0, info("M", "E", "active").build()),
                        info("M", "E", "active").build());
        assertThat(r.discovered().getMarketId()).isEqualTo("kalshi:M");
        assertThat(r.discovered().getEventId()).isEqualTo("kalshi:E");
        assertThat(r.discovered().getInitialState()).isEqualTo(MarketState.OPEN);
        assertThat(rec.stateSequence).isZero();
    }

    private LifecycleResult status(long time, String venueStatus) {
        var payload = LifecycleInputs.status("M", venueStatus);
        return lifecycle.status(rec, message("kalshi", time, payload), payload);
    }

    private LifecycleResult resolve(long time, String outcome, String venueStatus) {
        Resolution payload = resolution("M", outcome, venueStatus);
        return lifecycle.resolve(rec, message("kalshi", time, payload), payload);
    }

    @Test
    void aRepeatedInfoIsADuplicateAndAChangedOneAPatchOfOnlyTheChangedFields() {
        var same = info("M", "E", "active").build();
        assertThat(lifecycle.info(rec, message("kalshi", T0 + 1, same), same).disposition())
                .isEqualTo(LifecycleResult.Disposition.DUPLICATE);

        var changed = info("M", "E", "active").setCloseTime(T0 + 99).build();
        LifecycleResult r = lifecycle.info(rec, message("kalshi", T0 + 2, changed), changed);
        assertThat(r.update().getFieldMask()).containsExactly("close_time");
        assertThat(r.update().getCloseTime()).isEqualTo(T0 + 99);
        assertThat(r.update().getMarketDescription()).isNull();
        // Numbered by the market stage when it releases the patch (with any re-points).
        assertThat(r.update().getRevision()).isZero();
        assertThat(rec.metadataRevision).isZero();
    }

    @Test
    void outcomesOfADiscoveredMarketCannotChange() {
        var changed =
                info("M", "E", "active")
                        .setOutcomes(List.of(new io.marketstreams.schema.Outcome("A", "A", null)))
                        .build();
        assertThat(
                        lifecycle
                                .info(rec, message("kalshi", T0 + 1, changed), changed)
                                .rejection()
                                .reason())
                .isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
    }

    @Test
    void closeResolveDisputeAndReResolveWithAnotherOutcome() {
        LifecycleResult closed = status(T0 + 10, "closed");
        assertThat(closed.stateChange().getNewState()).isEqualTo(MarketState.HALTED);
        assertThat(closed.stateChange().getReason()).isEqualTo("TRADING_CLOSED");
        assertThat(closed.stateChange().getStateSequence()).isEqualTo(1);

        LifecycleResult determined = resolve(T0 + 20, "YES", "determined");
        assertThat(determined.resolvesMarket()).isTrue();
        assertThat(determined.resolution().getRevision()).isEqualTo(1);
        assertThat(determined.resolution().getConfidenceLevel())
                .isEqualTo(ResolutionConfidence.DETERMINED);
        assertThat(determined.resolution().getPayouts())
                .containsExactly(new OutcomePayout("YES", 1_000_000L), new OutcomePayout("NO", 0L));
        assertThat(determined.resolution().getPayoutValue()).isEqualTo(1_000_000L);

        assertThat(status(T0 + 30, "disputed").stateChange().getNewState())
                .isEqualTo(MarketState.DISPUTED);

        LifecycleResult amended = resolve(T0 + 40, "NO", "amended");
        assertThat(amended.stateChange().getPreviousState()).isEqualTo(MarketState.DISPUTED);
        assertThat(amended.resolution().getRevision()).isEqualTo(2);
        assertThat(amended.resolution().getResolvedOutcomeId()).isEqualTo("NO");

        LifecycleResult finalized = resolve(T0 + 50, "NO", "finalized");
        assertThat(finalized.stateChange()).as("a confirmation changes no state").isNull();
        assertThat(finalized.resolution().getRevision()).isEqualTo(3);
        assertThat(finalized.resolution().getConfidenceLevel())
                .isEqualTo(ResolutionConfidence.FINAL);

        assertThat(resolve(T0 + 51, "NO", "finalized").disposition())
                .isEqualTo(LifecycleResult.Disposition.DUPLICATE);
        assertThat(status(T0 + 60, "disputed").rejection().reason())
                .isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
        assertThat(rec.stateSequence).isEqualTo(4);
    }

    @Test
    void aResolvedMarketChangesItsResultOnlyAfterADispute() {
        resolve(T0 + 20, "YES", "determined");
        assertThat(resolve(T0 + 30, "NO", "determined").rejection().reason())
                .isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
        assertThat(status(T0 + 31, "active").rejection().reason())
                .isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
    }

    @Test
    void olderStatusesAreStaleAndRepeatsAreDuplicates() {
        status(T0 + 10, "inactive");
        assertThat(status(T0 + 5, "active").rejection().reason()).isEqualTo(ReasonCode.STALE);
        assertThat(status(T0 + 11, "inactive").disposition())
                .isEqualTo(LifecycleResult.Disposition.DUPLICATE);
        LifecycleResult resumed = status(T0 + 12, "active");
        assertThat(resumed.stateChange().getReason()).isEqualTo("VENUE_RESUMED");
    }

    @Test
    void unknownStatusesAndResolutionsWithoutOutcomeAreRejected() {
        assertThat(status(T0 + 1, "exploded").rejection().reason())
                .isEqualTo(ReasonCode.UNKNOWN_MESSAGE);
        assertThat(status(T0 + 1, "determined").rejection().reason())
                .isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(resolve(T0 + 1, "MAYBE", "determined").rejection().reason())
                .isEqualTo(ReasonCode.UNKNOWN_OUTCOME);
    }

    @Test
    void aPreOpenMarketCannotResolveAndAdmitsNoTraffic() {
        MarketRecord pre = new MarketRecord();
        var payload = info("P", "E", "initialized").build();
        lifecycle.info(pre, message("kalshi", T0, payload), payload);
        assertThat(pre.state).isEqualTo(MarketState.PRE_OPEN);
        assertThat(lifecycle.admits(pre, MarketLifecycle.Traffic.BOOK).reason())
                .isEqualTo(ReasonCode.MARKET_NOT_OPEN);
        Resolution r = resolution("P", "YES", "determined");
        assertThat(lifecycle.resolve(pre, message("kalshi", T0 + 1, r), r).rejection().reason())
                .isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
    }

    @Test
    void haltedMarketsTakeBookChangesButNoTradesAndResolvedOnesNeither() {
        assertThat(lifecycle.admits(rec, MarketLifecycle.Traffic.TRADE)).isNull();
        status(T0 + 10, "inactive");
        assertThat(lifecycle.admits(rec, MarketLifecycle.Traffic.BOOK)).isNull();
        assertThat(lifecycle.admits(rec, MarketLifecycle.Traffic.TRADE).reason())
                .isEqualTo(ReasonCode.MARKET_NOT_OPEN);
        resolve(T0 + 20, "YES", "determined");
        assertThat(lifecycle.admits(rec, MarketLifecycle.Traffic.BOOK).reason())
                .isEqualTo(ReasonCode.MARKET_NOT_OPEN);
    }

    @Test
    void polymarketStatusesMapOntoTheFiveStates() {
        assertThat(Venues.statusOf("polymarket", "closed").target()).isEqualTo(MarketState.HALTED);
        assertThat(Venues.statusOf("polymarket", "uma:proposed").confidence())
                .isEqualTo(ResolutionConfidence.PROPOSED);
        assertThat(Venues.statusOf("polymarket", "uma:disputed").target())
                .isEqualTo(MarketState.DISPUTED);
        assertThat(Venues.statusOf("polymarket", "uma:resolved").confidence())
                .isEqualTo(ResolutionConfidence.FINAL);
        assertThat(Venues.statusOf("polymarket", "initialized")).isNull();
    }

    @Test
    void theTransitionTableIsExactlyTheDesignedOne() {
        int allowed = 0;
        for (MarketState from : MarketState.values()) {
            for (MarketState to : MarketState.values()) {
                if (MarketTransitions.allowed(from, to)) {
                    allowed++;
                }
            }
        }
        // PRE_OPEN->OPEN, OPEN->HALTED, OPEN->RESOLVED, HALTED->OPEN, HALTED->HALTED,
        // HALTED->RESOLVED, RESOLVED->DISPUTED, DISPUTED->RESOLVED
        assertThat(allowed).isEqualTo(8);
        assertThat(MarketTransitions.allowed(MarketState.RESOLVED, MarketState.OPEN)).isFalse();
    }

    @Test
    void aRefreshedInfoCarriesLegalStatusChangesAndLagsSilentlyOtherwise() {
        var closed = info("M", "E", "closed").build();
        LifecycleResult r = lifecycle.info(rec, message("kalshi", T0 + 10, closed), closed);
        assertThat(r.update()).as("no metadata changed").isNull();
        assertThat(r.stateChange().getNewState()).isEqualTo(MarketState.HALTED);
        assertThat(r.stateChange().getReason()).isEqualTo("TRADING_CLOSED");

        resolve(T0 + 20, "YES", "determined");
        var disputed = info("M", "E", "disputed").build();
        assertThat(
                        lifecycle
                                .info(rec, message("kalshi", T0 + 30, disputed), disputed)
                                .stateChange()
                                .getNewState())
                .isEqualTo(MarketState.DISPUTED);
        assertThat(resolve(T0 + 40, "NO", "amended").resolution().getResolvedOutcomeId())
                .isEqualTo("NO");

        // A lagging refresh that still says "active": its status is not a legal move now.
        var stale = info("M", "E", "active").setCloseTime(T0 + 99).build();
        LifecycleResult lagging = lifecycle.info(rec, message("kalshi", T0 + 50, stale), stale);
        assertThat(lagging.stateChange()).isNull();
        assertThat(lagging.update().getFieldMask()).containsExactly("close_time");
    }
}
