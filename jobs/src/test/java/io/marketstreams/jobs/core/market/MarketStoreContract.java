package io.marketstreams.jobs.core.market;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static io.marketstreams.jobs.core.market.MarketInputs.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.OutcomeQuote;
import io.marketstreams.schema.ResolutionConfidence;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarketStore} must do, run against each implementation (in memory, and over
 * Flink keyed state): a subclass supplies a store of one market and ends a callback the way its
 * operator does.
 */
public abstract class MarketStoreContract {
    protected MarketStore store;

    /** A fresh store of one market. */
    protected abstract MarketStore newStore() throws Exception;

    /** Ends one operator callback: what was marked changed is written back. */
    protected abstract void endCallback() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @Test
    void aNewMarketHasAnEmptyRecordAndNothingElse() {
        assertThat(store.record()).isNotNull();
        assertThat(store.record().discovered()).isFalse();
        assertThat(store.record().pending).isZero();
        assertThat(store.books().cursor()).isNull();
        assertThat(store.books().outcomes()).isEmpty();
        assertThat(store.held()).isEmpty();
        assertThat(store.tape().cursor()).isNull();
        assertThat(store.outbox()).as("no outbox before the market's discovery").isNull();
    }

    /** An outbox holding one entry of every kind, and every field set. */
    static MarketOutbox fullOutbox() {
        MarketRecord rec = new MarketRecord();
        rec.venueEventKey = "kalshi:E";
        rec.state = MarketState.DISPUTED;
        MarketOutbox outbox = MarketOutbox.of(rec);
        outbox.orderTime = T0 + 5;
        outbox.resolution = resolution(1);
        outbox.lastSnapshot = snapshot(T0);
        outbox.entries.add(OutboxEntry.snapshot(snapshot(T0 + 1), T0 + 1));
        outbox.entries.add(
                OutboxEntry.update(
                        MarketUpdate.newBuilder()
                                .setMarketId("kalshi:M")
                                .setRevision(0)
                                .setFieldMask(List.of("close_time"))
                                .setCloseTime(T0 + 99)
                                .setVenueEventTime(T0 + 2)
                                .setIngestTime(T0 + 2)
                                .build(),
                        "kalshi:F",
                        T0 + 2));
        outbox.entries.add(OutboxEntry.resolution(resolution(2), T0 + 3));
        outbox.entries.add(
                OutboxEntry.toEvent(
                        EventMarketUpdate.Kind.RESOLVED, resolution(2), T0 + 3, T0 + 4));
        outbox.entries.add(
                OutboxEntry.assignment(EventAssignment.of("kalshi:E", "kalshi:X", T0 + 5, T0 + 4)));
        return outbox;
    }

    private static MarketResolution resolution(int revision) {
        return MarketResolution.newBuilder()
                .setMarketId("kalshi:M")
                .setEventId("kalshi:E")
                .setRevision(revision)
                .setResolvedOutcomeId("YES")
                .setPayoutValue(1_000_000L)
                .setPayouts(List.of(new OutcomePayout("YES", 1_000_000L)))
                .setResolutionTime(T0)
                .setConfidenceLevel(ResolutionConfidence.DETERMINED)
                .setIngestTime(T0)
                .build();
    }

    private static MarketSnapshot snapshot(long time) {
        return MarketSnapshot.newBuilder()
                .setMarketId("kalshi:M")
                .setEventId("kalshi:E")
                .setVenueId("kalshi")
                .setMarketState(MarketState.OPEN)
                .setStateSequence(1)
                .setMetadataRevision(0)
                .setMarketDescription("M")
                .setMarketType(MarketType.BINARY)
                .setQuotes(List.of(new OutcomeQuote("YES", "Yes", null, null, 3L)))
                .setSnapshotTime(time)
                .setIngestTime(time)
                .build();
    }

    @Test
    void theOutboxKeepsItsEntriesInOrderWithEveryField() throws Exception {
        store.saveOutbox(fullOutbox());
        assertThat(store.outbox())
                .as("the same outbox until the callback ends")
                .isSameAs(store.outbox());
        endCallback();

        assertThat(store.outbox()).usingRecursiveComparison().isEqualTo(fullOutbox());
        assertThat(store.outbox().entries)
                .extracting(e -> e.kind)
                .containsExactly(
                        OutboxEntry.Kind.SNAPSHOT,
                        OutboxEntry.Kind.UPDATE,
                        OutboxEntry.Kind.RESOLUTION,
                        OutboxEntry.Kind.TO_EVENT,
                        OutboxEntry.Kind.ASSIGNMENT);

        MarketOutbox changed = store.outbox();
        changed.entries.remove(0);
        store.saveOutbox(changed);
        endCallback();
        assertThat(store.outbox().entries).hasSize(4);
        assertThat(store.outbox().disputed).isTrue();
    }

    @Test
    void theOutboxAndTheRecordAreWrittenBackIndependently() throws Exception {
        store.saveOutbox(fullOutbox());
        endCallback();
        store.record().pending = 2;
        store.changed();
        endCallback();

        assertThat(store.outbox().entries).hasSize(5);
        assertThat(store.record().pending).isEqualTo(2);
    }

    @Test
    void heldInputsKeepTheirOrderAndEveryField() throws Exception {
        VenueInput a = trade("M", "a", T0, 7);
        VenueInput b = trade("M", "b", T0 + 1, 8);
        store.hold(a);
        store.hold(b);
        endCallback();
        assertThat(store.held()).containsExactly(a, b);

        store.replaceHeld(List.of(b));
        endCallback();
        assertThat(store.held()).containsExactly(b);
        store.replaceHeld(List.of());
        endCallback();
        assertThat(store.held()).isEmpty();
    }

    @Test
    void recordAndBooksChangedInOneCallbackAreThereInTheNext() throws Exception {
        store.record().pending = 3;
        store.record().knownEvents.put("sim:E", T0);
        BookState yes = new BookState();
        yes.sequence = 5;
        yes.health = BookHealth.LIVE;
        yes.bidPrices = new long[] {400_000L};
        yes.bidQty = new long[] {1L};
        store.books().book("YES", yes);
        store.books().book("NO", new BookState());
        BookCursor cursor = new BookCursor();
        cursor.venueStreamId = "s";
        cursor.lastVenueSequence = 9;
        store.books().cursor(cursor);
        store.changed();
        endCallback();

        assertThat(store.record().pending).isEqualTo(3);
        assertThat(store.record().knownEvents).containsEntry("sim:E", T0);
        assertThat(store.books().outcomes()).containsExactly("NO", "YES");
        assertThat(store.books().book("YES").sequence).isEqualTo(5);
        assertThat(store.books().book("YES").bidPrices).containsExactly(400_000L);
        assertThat(store.books().cursor().lastVenueSequence).isEqualTo(9);
    }

    @Test
    void theTradeTapeRemembersAndForgetsByTradeSequence() throws Exception {
        TapeCursor cursor = new TapeCursor();
        cursor.lastTradeSequence = 2;
        store.tape().cursor(cursor);
        store.tape().remember(1, "a", 11L);
        store.tape().remember(2, "b", 22L);
        store.tape().forget(1);
        endCallback();

        assertThat(store.tape().cursor().lastTradeSequence).isEqualTo(2);
        assertThat(store.tape().fingerprint("a")).isNull();
        assertThat(store.tape().fingerprint("b")).isEqualTo(22L);
        store.tape().forget(7); // nothing remembered under it: no effect
        assertThat(store.tape().fingerprint("b")).isEqualTo(22L);
    }

    @Test
    void clearingForgetsBooksCursorAndTapeButKeepsTheRecord() throws Exception {
        store.record().cleaned = true;
        store.books().book("YES", new BookState());
        store.books().cursor(new BookCursor());
        store.tape().remember(1, "a", 11L);
        store.changed();
        endCallback();

        store.clearBooksAndTape();
        endCallback();

        assertThat(store.books().outcomes()).isEmpty();
        assertThat(store.books().cursor()).isNull();
        assertThat(store.tape().fingerprint("a")).isNull();
        assertThat(store.record().cleaned).isTrue();
    }
}
