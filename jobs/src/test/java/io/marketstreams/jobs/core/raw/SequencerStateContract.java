package io.marketstreams.jobs.core.raw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SequencerState} must do, run against each implementation. */
public abstract class SequencerStateContract {
    protected SequencerState state;

    /** A fresh state of one venue. */
    protected abstract SequencerState newState() throws Exception;

    @BeforeEach
    void create() throws Exception {
        state = newState();
    }

    @Test
    void aNewVenueKnowsNothing() {
        assertThat(state.lastSequence("c1/1")).isNull();
        assertThat(state.marketSequence("kalshi:M")).isNull();
        assertThat(state.subscriptionOf("kalshi:M")).isNull();
        assertThat(state.marketsOf("c1/1")).isEmpty();
        assertThat(state.gapPending("kalshi:M")).isFalse();
    }

    @Test
    void numbersAreKeptPerSubscriptionAndPerMarket() {
        state.lastSequence("c1/1", 7);
        state.lastSequence("c1/2", 3);
        state.marketSequence("kalshi:A", 11);
        state.lastSequence("c1/1", 8);

        assertThat(state.lastSequence("c1/1")).isEqualTo(8L);
        assertThat(state.lastSequence("c1/2")).isEqualTo(3L);
        assertThat(state.marketSequence("kalshi:A")).isEqualTo(11L);
        assertThat(state.marketSequence("kalshi:B")).isNull();
    }

    @Test
    void theMarketsOfASubscriptionComeInIdOrder() {
        state.subscriptionOf("kalshi:C", "c1/1");
        state.subscriptionOf("kalshi:A", "c1/1");
        state.subscriptionOf("kalshi:B", "c1/2");
        state.subscriptionOf("kalshi:D", "c1/1");
        state.subscriptionOf("kalshi:D", "c2/1"); // moved to a new connection

        assertThat(state.marketsOf("c1/1")).containsExactly("kalshi:A", "kalshi:C");
        assertThat(state.marketsOf("c2/1")).containsExactly("kalshi:D");
        assertThat(state.subscriptionOf("kalshi:D")).isEqualTo("c2/1");
    }

    @Test
    void aPendingGapIsSetAndCleared() {
        state.gapPending("kalshi:A", true);
        assertThat(state.gapPending("kalshi:A")).isTrue();
        assertThat(state.gapPending("kalshi:B")).isFalse();
        state.gapPending("kalshi:A", false);
        assertThat(state.gapPending("kalshi:A")).isFalse();
    }
}
