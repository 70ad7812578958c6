package io.marketstreams.jobs.core.market;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static io.marketstreams.jobs.core.market.MarketInputs.event;
import static io.marketstreams.jobs.core.market.MarketInputs.marketId;
import static io.marketstreams.jobs.core.market.MarketInputs.marketInfo;
import static io.marketstreams.jobs.core.market.MarketInputs.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The market stage's core on an in-memory store: no Flink, every decision visible as output. */
class MarketProcessorTest {
    private static final long MINUTE = 60_000L;
    private static final MarketProcessor.Config CONFIG =
            new MarketProcessor.Config(
                    Duration.ofMinutes(60),
                    Duration.ofMinutes(10),
                    100,
                    1000,
                    3,
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30));

    private final MarketProcessor processor = new MarketProcessor(CONFIG);
    private final InMemoryMarketStore store = new InMemoryMarketStore();
    private final List<MarketOutput> out = new ArrayList<>();

    private void input(VenueInput input) {
        out.addAll(processor.onInput(input, store));
    }

    private void assigned(String eventId, long time) {
        out.addAll(
                processor.onEventAssigned(
                        EventAssignment.of(event(), eventId, time, time), time, store));
    }

    private void timer(long time) {
        out.addAll(processor.onTimer(time, store));
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> List<T> emitted(StreamTopic stream) {
        List<T> records = new ArrayList<>();
        for (MarketOutput o : out) {
            if (o instanceof MarketOutput.Emit e && e.stream() == stream) {
                records.add((T) e.record());
            }
        }
        return records;
    }

    private <T extends MarketOutput> List<T> of(Class<T> kind) {
        return out.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void inputWaitsForTheMarketAndTheMarketForItsEvent() {
        input(trade("M", "early", T0, 1));
        input(marketInfo("M", "active", T0 + 1, 2));

        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED)).isEmpty();
        assertThat(store.record().pending).isEqualTo(2);
        assertThat(of(MarketOutput.Timer.class))
                .extracting(MarketOutput.Timer::time)
                .containsExactly(T0 + 1 + 10 * MINUTE, T0 + 1 + 10 * MINUTE);

        assigned(event(), T0 + 5);

        List<Market> discovered = emitted(StreamTopic.MARKETS_DISCOVERED);
        assertThat(discovered)
                .singleElement()
                .satisfies(m -> assertThat(m.getEventId()).isEqualTo(event()));
        // The market info went first, then the held trade, in input order.
        assertThat(emitted(StreamTopic.TRADES_EXECUTED))
                .extracting(r -> ((Trade) r).getTradeId())
                .containsExactly("kalshi:early");
        assertThat(store.record().pending).isZero();
        assertThat(store.held()).isEmpty();
        assertThat(of(MarketOutput.Count.class))
                .extracting(MarketOutput.Count::disposition)
                .containsExactly(
                        MarketOutput.Disposition.APPLIED, MarketOutput.Disposition.APPLIED);
    }

    @Test
    void whatStillWaitsAtTheDeadlineIsQuarantinedInInputOrder() {
        input(marketInfo("M", "active", T0, 1));
        input(trade("M", "t", T0 + 1, 2));

        timer(T0 + 10 * MINUTE);
        assertThat(of(MarketOutput.Quarantine.class))
                .extracting(q -> q.rejection().reason())
                .containsExactly(ReasonCode.ORPHAN_MARKET);
        timer(T0 + 2 + 10 * MINUTE);

        assertThat(of(MarketOutput.Quarantine.class))
                .extracting(q -> q.rejection().reason(), q -> q.input().sourceOffset())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReasonCode.ORPHAN_MARKET, 1L),
                        org.assertj.core.groups.Tuple.tuple(ReasonCode.UNKNOWN_MARKET, 2L));
        assertThat(store.held()).isEmpty();
        assertThat(store.record().pending).isZero();
    }

    @Test
    void aMarketIsDiscoveredUnderTheEventAssignedAtItsDiscoveryTime() {
        assigned(event(), T0);
        assigned("kalshi:X", T0 + 100);
        assigned("kalshi:Y", T0 + 300);

        input(marketInfo("M", "active", T0 + 200, 1));

        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED))
                .extracting(r -> ((Market) r).getEventId())
                .containsExactly("kalshi:X");
        // The later assignment follows as a re-point: a patch and a snapshot.
        assertThat(emitted(StreamTopic.MARKETS_UPDATED))
                .extracting(r -> ((MarketUpdate) r).getEventId())
                .containsExactly("kalshi:Y");
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "kalshi:X", EventMarketUpdate.Kind.DISCOVERED),
                        org.assertj.core.groups.Tuple.tuple(
                                "kalshi:X", EventMarketUpdate.Kind.LEFT),
                        org.assertj.core.groups.Tuple.tuple(
                                "kalshi:Y", EventMarketUpdate.Kind.DISCOVERED));
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().marketSequence)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void everyFewAppliedMessagesTheMarketIsSnapshot() {
        assigned(event(), T0);
        input(marketInfo("M", "active", T0, 1));
        for (int i = 0; i < 7; i++) {
            input(trade("M", "t" + i, T0 + i, 10 + i));
        }
        List<MarketSnapshot> snapshots = emitted(StreamTopic.MARKETS_SNAPSHOTS);
        // One at discovery, then one per 3 applied trades.
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(2).getLastTradePrice()).isEqualTo(500_000L);
    }

    @Test
    void aResolvedMarketClosesItsBooksAndForgetsThemAfterTheRetention() {
        assigned(event(), T0);
        input(marketInfo("M", "active", T0, 1));
        input(MarketInputs.bookSnapshot("M", 1, 2));
        input(MarketInputs.status("M", "closed", T0 + 10, 3));
        input(MarketInputs.resolution("M", "YES", T0 + 20, 4));

        List<OrderBookSnapshot> books = emitted(StreamTopic.ORDERS_SNAPSHOT);
        assertThat(books)
                .extracting(s -> s.getReason().name())
                .containsExactly("INITIAL", "INITIAL", "CLOSED", "CLOSED");
        long cleanup = store.record().cleanupTime;
        assertThat(cleanup).isEqualTo(T0 + 20 + 30 * MINUTE);
        assertThat(of(MarketOutput.Timer.class))
                .extracting(MarketOutput.Timer::time)
                .contains(cleanup);
        assertThat(store.value().books).isNotEmpty();

        timer(cleanup - 1);
        assertThat(store.value().books).isNotEmpty();
        timer(cleanup);
        assertThat(store.value().books).isEmpty();
        assertThat(store.record().cleaned).isTrue();
        assertThat(store.record().market).as("the lifecycle record stays").isNotNull();

        out.clear();
        input(trade("M", "late", T0 + 40, 9));
        assertThat(of(MarketOutput.Quarantine.class))
                .singleElement()
                .satisfies(q -> assertThat(q.input().sourceOffset()).isEqualTo(9L));
    }

    @Test
    void exactRepeatsAreCountedAndConflictsQuarantined() {
        assigned(event(), T0);
        input(marketInfo("M", "active", T0, 1));
        input(trade("M", "a", T0 + 1, 2));
        input(trade("M", "a", T0 + 1, 3));
        input(trade("M", "a", T0 + 1, 4, 510_000));

        assertThat(emitted(StreamTopic.TRADES_EXECUTED)).hasSize(1);
        assertThat(of(MarketOutput.Count.class))
                .extracting(MarketOutput.Count::disposition)
                .containsExactly(
                        MarketOutput.Disposition.APPLIED,
                        MarketOutput.Disposition.APPLIED,
                        MarketOutput.Disposition.DUPLICATE);
        assertThat(of(MarketOutput.Quarantine.class))
                .extracting(q -> q.rejection().reason())
                .containsExactly(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(store.rememberedTradeIds()).isEqualTo(1);
        assertThat(marketId("M")).isEqualTo(store.record().market.getMarketId());
    }
}
