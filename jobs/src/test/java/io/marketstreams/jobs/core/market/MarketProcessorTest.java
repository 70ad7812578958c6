package io.marketstreams.jobs.core.market;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static io.marketstreams.jobs.core.market.MarketInputs.event;
import static io.marketstreams.jobs.core.market.MarketInputs.marketId;
import static io.marketstreams.jobs.core.market.MarketInputs.marketInfo;
import static io.marketstreams.jobs.core.market.MarketInputs.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import java.time.Duration;
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

    private final MarketDriver market = new MarketDriver(CONFIG);
    private final InMemoryMarketStore store = market.store;
    private final List<MarketOutput> out = market.out;

    private void input(VenueInput input) {
        market.input(input);
    }

    private void assigned(String eventId, long time) {
        market.assigned(EventAssignment.of(event(), eventId, time, time));
    }

    private void watermark(long time) {
        market.watermark(time);
    }

    private <T extends SpecificRecord> List<T> emitted(StreamTopic stream) {
        return market.emitted(stream);
    }

    private <T extends MarketOutput> List<T> of(Class<T> kind) {
        return market.of(kind);
    }

    /** Discovers an open market at {@code T0}. */
    private void openMarket() {
        assigned(event(), T0);
        input(marketInfo("M", "active", T0, 1));
        watermark(T0);
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
        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED))
                .as("discovered once the watermark passes the discovery time")
                .isEmpty();
        watermark(T0 + 4);
        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED)).isEmpty();

        watermark(T0 + 5);

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

        watermark(T0 + 10 * MINUTE);
        assertThat(of(MarketOutput.Quarantine.class))
                .extracting(q -> q.rejection().reason())
                .containsExactly(ReasonCode.ORPHAN_MARKET);
        watermark(T0 + 2 + 10 * MINUTE);

        assertThat(of(MarketOutput.Quarantine.class))
                .extracting(q -> q.rejection().reason(), q -> q.input().sourceOffset())
                .containsExactly(
                        tuple(ReasonCode.ORPHAN_MARKET, 1L), tuple(ReasonCode.UNKNOWN_MARKET, 2L));
        assertThat(store.held()).isEmpty();
        assertThat(store.record().pending).isZero();
    }

    @Test
    void aMarketIsDiscoveredUnderTheEventAssignedAtItsDiscoveryTime() {
        assigned(event(), T0);
        assigned("kalshi:X", T0 + 100);
        assigned("kalshi:Y", T0 + 300);

        input(marketInfo("M", "active", T0 + 200, 1));
        watermark(T0 + 200);

        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED))
                .extracting(r -> ((Market) r).getEventId())
                .containsExactly("kalshi:X");
        assertThat(emitted(StreamTopic.MARKETS_UPDATED)).as("not before its time").isEmpty();
        watermark(T0 + 300);
        // The later assignment follows as a re-point: a patch and a snapshot.
        assertThat(emitted(StreamTopic.MARKETS_UPDATED))
                .extracting(r -> ((MarketUpdate) r).getEventId())
                .containsExactly("kalshi:Y");
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().kind)
                .containsExactly(
                        tuple("kalshi:X", EventMarketUpdate.Kind.DISCOVERED),
                        tuple("kalshi:X", EventMarketUpdate.Kind.LEFT),
                        tuple("kalshi:Y", EventMarketUpdate.Kind.DISCOVERED));
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().marketSequence)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void everyFewAppliedMessagesTheMarketIsSnapshot() {
        openMarket();
        for (int i = 0; i < 7; i++) {
            input(trade("M", "t" + i, T0 + i, 10 + i));
        }
        assertThat(emitted(StreamTopic.TRADES_EXECUTED)).as("trades do not wait").hasSize(7);
        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS)).as("snapshots do").hasSize(1);
        watermark(T0 + 7);
        List<MarketSnapshot> snapshots = emitted(StreamTopic.MARKETS_SNAPSHOTS);
        // One at discovery, then one per 3 applied trades.
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(2).getLastTradePrice()).isEqualTo(500_000L);
    }

    @Test
    void aResolvedMarketClosesItsBooksAndForgetsThemAfterTheRetention() {
        openMarket();
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

        watermark(cleanup - 1);
        assertThat(store.value().books).isNotEmpty();
        watermark(cleanup);
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
        openMarket();
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

    @Test
    void anAssignmentArrivingAfterTheDiscoveringInfoStillDecidesTheDiscoveryId() {
        // The linker's X (from T0 + 100) reaches the market after its info of T0 + 200, but before
        // the watermark passes T0 + 200: the market is discovered under X, not re-pointed to it.
        input(marketInfo("M", "active", T0 + 200, 1));
        assigned(event(), T0);
        assigned("kalshi:X", T0 + 100);
        watermark(T0 + 200);

        assertThat(emitted(StreamTopic.MARKETS_DISCOVERED))
                .extracting(r -> ((Market) r).getEventId())
                .containsExactly("kalshi:X");
        assertThat(emitted(StreamTopic.MARKETS_UPDATED)).isEmpty();
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().kind)
                .containsExactly(tuple("kalshi:X", EventMarketUpdate.Kind.DISCOVERED));
    }

    @Test
    void recordsDecidedBeforeTheirAssignmentArrivedCarryTheEventInForceAtTheirTime() {
        openMarket();
        input(MarketInputs.status("M", "inactive", T0 + 100, 2));
        input(MarketInputs.status("M", "active", T0 + 300, 3));
        assigned("kalshi:X", T0 + 200);
        assertThat(emitted(StreamTopic.MARKET_STATE_UPDATED))
                .as("state changes do not wait")
                .hasSize(2);

        watermark(T0 + 300);

        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS))
                .extracting(
                        r -> ((MarketSnapshot) r).getEventId(),
                        r -> ((MarketSnapshot) r).getMetadataRevision(),
                        r -> ((MarketSnapshot) r).getStateSequence())
                .containsExactly(
                        tuple("kalshi:E", 0L, 0L),
                        tuple("kalshi:E", 0L, 1L),
                        tuple("kalshi:X", 1L, 1L), // the re-point re-stamps the last snapshot
                        tuple("kalshi:X", 1L, 2L));
        assertThat(emitted(StreamTopic.MARKETS_UPDATED))
                .extracting(r -> ((MarketUpdate) r).getRevision())
                .containsExactly(1L);
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().marketSequence)
                .containsExactly(
                        tuple("kalshi:E", 1L), tuple("kalshi:E", 2L), tuple("kalshi:X", 3L));
    }

    @Test
    void anAssignmentIsInForceForARecordOfItsOwnTime() {
        openMarket();
        input(MarketInputs.status("M", "inactive", T0 + 100, 2));
        assigned("kalshi:X", T0 + 100);
        watermark(T0 + 100);

        // The re-point first (re-stamping the discovery's snapshot), then the halt's under X.
        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS))
                .extracting(
                        r -> ((MarketSnapshot) r).getEventId(),
                        r -> ((MarketSnapshot) r).getStateSequence())
                .containsExactly(
                        tuple("kalshi:E", 0L), tuple("kalshi:X", 0L), tuple("kalshi:X", 1L));
    }

    @Test
    void recordsLeaveInDecisionOrderWhenIngestTimesGoBack() {
        openMarket();
        input(MarketInputs.status("M", "inactive", T0 + 300, 2));
        VenueInput resumed = MarketInputs.status("M", "active", T0 + 310, 3);
        resumed.message().setIngestTime(T0 + 100);
        input(resumed);
        assigned("kalshi:X", T0 + 200);
        watermark(T0 + 200);
        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS))
                .as("the later decision waits for the earlier one")
                .extracting(r -> ((MarketSnapshot) r).getStateSequence())
                .containsExactly(0L, 0L);

        watermark(T0 + 300);

        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS))
                .extracting(
                        r -> ((MarketSnapshot) r).getStateSequence(),
                        r -> ((MarketSnapshot) r).getEventId())
                .containsExactly(
                        tuple(0L, "kalshi:E"),
                        tuple(0L, "kalshi:X"),
                        tuple(1L, "kalshi:X"),
                        tuple(2L, "kalshi:X"));
    }

    @Test
    void aMarketMovedToAnotherVenueEventTakesThatEventsCanonicalId() {
        openMarket();
        VenueInput moved = marketInfo("M", "active", T0 + 100, 2);
        ((io.marketstreams.schema.venue.MarketInfo) moved.message().getPayload())
                .setVenueEventId("F");
        market.assigned(EventAssignment.of("kalshi:F", "kalshi:G", T0 + 50, T0 + 50));
        input(moved);
        watermark(T0 + 100);

        assertThat(emitted(StreamTopic.MARKETS_UPDATED))
                .singleElement()
                .satisfies(
                        r -> {
                            MarketUpdate u = (MarketUpdate) r;
                            assertThat(u.getFieldMask()).containsExactly("event_id");
                            assertThat(u.getEventId()).isEqualTo("kalshi:G");
                            assertThat(u.getRevision()).isEqualTo(1L);
                        });
        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().kind)
                .containsExactly(
                        tuple("kalshi:E", EventMarketUpdate.Kind.DISCOVERED),
                        tuple("kalshi:E", EventMarketUpdate.Kind.LEFT),
                        tuple("kalshi:G", EventMarketUpdate.Kind.DISCOVERED));
        // Assignments of the venue event it left no longer move it.
        assigned("kalshi:Y", T0 + 200);
        watermark(T0 + 200);
        assertThat(emitted(StreamTopic.MARKETS_UPDATED)).hasSize(1);
    }

    @Test
    void aMarketRestoredWithoutAnOutboxStartsOneFromItsRecord() {
        openMarket();
        input(MarketInputs.resolution("M", "YES", T0 + 20, 2));
        watermark(T0 + 20);
        // As a savepoint of the version before outboxes: everything decided was emitted.
        store.saveOutbox(null);
        out.clear();

        assigned("kalshi:X", T0 + 100);
        watermark(T0 + 100);

        assertThat(of(MarketOutput.ToEvent.class))
                .extracting(t -> t.update().eventId, t -> t.update().kind)
                .containsExactly(
                        tuple("kalshi:E", EventMarketUpdate.Kind.LEFT),
                        tuple("kalshi:X", EventMarketUpdate.Kind.DISCOVERED),
                        tuple("kalshi:X", EventMarketUpdate.Kind.RESOLVED));
        assertThat(emitted(StreamTopic.MARKETS_SNAPSHOTS))
                .singleElement()
                .satisfies(
                        r -> {
                            MarketSnapshot snapshot = (MarketSnapshot) r;
                            assertThat(snapshot.getEventId()).isEqualTo("kalshi:X");
                            assertThat(snapshot.getMarketState().name()).isEqualTo("RESOLVED");
                        });
    }

    @Test
    void nothingWaitsOnceTheWatermarkHasPassedEverything() {
        openMarket();
        input(MarketInputs.bookSnapshot("M", 1, 2));
        input(MarketInputs.resolution("M", "YES", T0 + 20, 3));
        assigned("kalshi:X", T0 + 40);
        watermark(Long.MAX_VALUE);

        assertThat(store.outbox().entries).isEmpty();
        assertThat(market.pendingTimers()).isZero();
        assertThat(store.record().cleaned).isTrue();
        assertThat(emitted(StreamTopic.MARKETS_RESOLVED))
                .extracting(r -> ((MarketResolution) r).getEventId())
                .containsExactly("kalshi:E");
    }
}
