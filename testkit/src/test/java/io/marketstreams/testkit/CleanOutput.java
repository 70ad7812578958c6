package io.marketstreams.testkit;

import static io.marketstreams.testkit.BookRecords.add;
import static io.marketstreams.testkit.BookRecords.modify;
import static io.marketstreams.testkit.BookRecords.remove;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketOutcomeRef;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.VenueEventRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A small, clean output of the job, written by hand from docs/contract.md: two events; a Kalshi
 * market through its whole lifecycle (PRE_OPEN, OPEN, HALTED, RESOLVED, DISPUTED, RESOLVED again
 * with another outcome, then FINAL) with a metadata patch, trades, a book with ADD / MODIFY /
 * REMOVE deltas, a PERIODIC and a CLOSED snapshot, and the event's resolutions; a Polymarket market
 * with two books, one of them through a RESYNCING delta and a RESYNC snapshot, and a trade; a third
 * market still PRE_OPEN; a quarantine record. Every list is mutable, so a test can break one rule
 * at a time; {@link #output()} is what the checker reads.
 */
final class CleanOutput {
    static final long T0 = 1_750_000_000_000L;
    static final String E1 = "kalshi:KXFED-25DEC";
    static final String E2 = "polymarket:rain-2025";
    static final String M1 = "kalshi:KXFED-25DEC-T4.00";
    static final String M2 = "polymarket:0xrain";
    static final String M3 = "polymarket:0xsnow";
    static final String M1_YES = M1 + "|YES";
    static final String M2_YES = M2 + "|YES";
    static final String M2_NO = M2 + "|NO";

    final List<Event> events = new ArrayList<>();
    final List<EventResolution> eventResolutions = new ArrayList<>();
    final List<Market> markets = new ArrayList<>();
    final List<MarketSnapshot> marketSnapshots = new ArrayList<>();
    final List<MarketUpdate> marketUpdates = new ArrayList<>();
    final List<MarketStateChange> marketStates = new ArrayList<>();
    final List<MarketResolution> marketResolutions = new ArrayList<>();
    final List<OrderBookSnapshot> bookSnapshots = new ArrayList<>();
    final List<OrderBookDelta> bookDeltas = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    /** M1's YES book, left after its CLOSED snapshot: a test can write what follows it. */
    final BookRecords m1Yes = new BookRecords(M1, "YES", "kalshi");

    private final BookRecords m2Yes = new BookRecords(M2, "YES", "polymarket");
    private final BookRecords m2No = new BookRecords(M2, "NO", "polymarket");
    private final List<MarketState> m1States = new ArrayList<>(List.of(MarketState.PRE_OPEN));

    CleanOutput() {
        catalog();
        m1Trading();
        m1Resolution();
        m2();
        quarantined.add(
                Quarantined.newBuilder()
                        .setReason(ReasonCode.MARKET_NOT_OPEN)
                        .setDetail("trade while HALTED")
                        .setStage("market-state")
                        .setSourceTopic("venue.messages")
                        .setSourcePartition(3)
                        .setSourceOffset(41L)
                        .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                        .setVenueId("kalshi")
                        .setMarketId(M1)
                        .setVenueEventTime(T0 + 450)
                        .setIngestTime(T0 + 453)
                        .build());
    }

    /** Everything, as the checker reads it. */
    DecodedOutput output() {
        List<SpecificRecord> all = new ArrayList<>();
        List.of(
                        events,
                        eventResolutions,
                        markets,
                        marketSnapshots,
                        marketUpdates,
                        marketStates,
                        marketResolutions,
                        bookSnapshots,
                        bookDeltas,
                        trades,
                        quarantined)
                .forEach(all::addAll);
        return DecodedOutput.of(all);
    }

    private void catalog() {
        events.add(event(E1, 1, "Fed decision December 2025", T0));
        events.add(event(E2, 1, "Rain in London", T0));
        markets.add(market(M1, E1, MarketState.PRE_OPEN, T0 + 10));
        marketSnapshots.add(marketSnapshot(M1, E1, MarketState.PRE_OPEN, 0, 0, T0 + 10));
        markets.add(market(M2, E2, MarketState.OPEN, T0 + 10));
        marketSnapshots.add(marketSnapshot(M2, E2, MarketState.OPEN, 0, 0, T0 + 10));
        markets.add(market(M3, E2, MarketState.PRE_OPEN, T0 + 10));
        marketSnapshots.add(marketSnapshot(M3, E2, MarketState.PRE_OPEN, 0, 0, T0 + 10));
        // A correction of the event's descriptive fields, and a metadata patch of M1.
        events.add(event(E1, 2, "Fed decision, 10 December 2025", T0 + 20));
        marketUpdates.add(
                MarketUpdate.newBuilder()
                        .setMarketId(M1)
                        .setRevision(1)
                        .setFieldMask(new ArrayList<>(List.of("close_time")))
                        .setCloseTime(T0 + 100_000)
                        .setVenueEventTime(T0 + 30)
                        .setIngestTime(T0 + 33)
                        .build());
        marketSnapshots.add(marketSnapshot(M1, E1, MarketState.PRE_OPEN, 0, 1, T0 + 30));
    }

    private void m1Trading() {
        m1Transition(MarketState.OPEN, "VENUE_OPENED", T0 + 100);
        m1Yes.level(BookSide.BID, 420_000, 100_000_000)
                .level(BookSide.BID, 410_000, 250_500_000)
                .level(BookSide.ASK, 450_000, 80_000_000);
        bookSnapshots.add(m1Yes.snapshot(SnapshotReason.INITIAL, BookHealth.LIVE, T0 + 200));
        bookDeltas.add(m1Yes.delta(T0 + 210, add(BookSide.BID, 400_000, 50_000_000)));
        bookDeltas.add(
                m1Yes.delta(
                        T0 + 220,
                        modify(BookSide.BID, 420_000, 60_000_000),
                        remove(BookSide.ASK, 450_000)));
        bookDeltas.add(m1Yes.delta(T0 + 230, add(BookSide.ASK, 460_000, 10_000_000)));
        bookSnapshots.add(m1Yes.snapshot(SnapshotReason.PERIODIC, BookHealth.LIVE, T0 + 230));
        bookDeltas.add(m1Yes.delta(T0 + 240, modify(BookSide.ASK, 460_000, 20_000_000)));
        trades.add(trade(M1, "kalshi", "t-1", 1, 420_000, TakerSide.BUY, T0 + 300));
        trades.add(trade(M1, "kalshi", "t-2", 2, 460_000, TakerSide.SELL, T0 + 310));
        trades.add(trade(M1, "kalshi", "t-3", 3, 430_000, TakerSide.BUY, T0 + 320));
        m1Transition(MarketState.HALTED, "TRADING_CLOSED", T0 + 400);
        // Venues cancel resting orders while a market is halted: book input is still accepted.
        bookDeltas.add(m1Yes.delta(T0 + 410, remove(BookSide.BID, 400_000)));
    }

    private void m1Resolution() {
        m1Transition(MarketState.RESOLVED, "RESOLUTION_DETERMINED", T0 + 500);
        marketResolutions.add(resolution(1, "YES", ResolutionConfidence.DETERMINED, T0 + 500));
        bookSnapshots.add(m1Yes.snapshot(SnapshotReason.CLOSED, BookHealth.CLOSED, T0 + 500));
        eventResolutions.add(eventResolution(1, "YES", FinalityStatus.TENTATIVE, T0 + 500));
        m1Transition(MarketState.DISPUTED, "RESOLUTION_DISPUTED", T0 + 600);
        eventResolutions.add(eventResolution(2, null, FinalityStatus.DISPUTED, T0 + 600));
        // Re-resolved with the other outcome after the dispute, then confirmed FINAL.
        m1Transition(MarketState.RESOLVED, "RESOLUTION_AMENDED", T0 + 700);
        marketResolutions.add(resolution(2, "NO", ResolutionConfidence.DETERMINED, T0 + 700));
        eventResolutions.add(eventResolution(3, "NO", FinalityStatus.TENTATIVE, T0 + 700));
        marketResolutions.add(resolution(3, "NO", ResolutionConfidence.FINAL, T0 + 800));
        eventResolutions.add(eventResolution(4, "NO", FinalityStatus.FINAL, T0 + 800));
    }

    private void m2() {
        m2Yes.level(BookSide.BID, 300_000, 5_000_000).level(BookSide.ASK, 320_000, 7_000_000);
        bookSnapshots.add(m2Yes.snapshot(SnapshotReason.INITIAL, BookHealth.LIVE, T0 + 1000));
        m2No.level(BookSide.BID, 680_000, 7_000_000).level(BookSide.ASK, 700_000, 5_000_000);
        bookSnapshots.add(m2No.snapshot(SnapshotReason.INITIAL, BookHealth.LIVE, T0 + 1000));
        bookDeltas.add(m2Yes.delta(T0 + 1010, add(BookSide.BID, 310_000, 1_000_000)));
        bookDeltas.add(m2No.delta(T0 + 1010, add(BookSide.ASK, 690_000, 1_000_000)));
        bookDeltas.add(m2No.delta(T0 + 1020, modify(BookSide.BID, 680_000, 9_000_000)));
        // A venue-side gap: RESYNCING, then the venue's next book as a RESYNC snapshot.
        bookDeltas.add(m2Yes.resyncing(T0 + 1030));
        m2Yes.clear()
                .level(BookSide.BID, 305_000, 2_000_000)
                .level(BookSide.ASK, 315_000, 3_000_000);
        bookSnapshots.add(m2Yes.snapshot(SnapshotReason.RESYNC, BookHealth.LIVE, T0 + 1040));
        bookDeltas.add(m2Yes.delta(T0 + 1050, modify(BookSide.ASK, 315_000, 4_000_000)));
        trades.add(trade(M2, "polymarket", "0xtx-1", 1, 310_000, TakerSide.SELL, T0 + 1100));
    }

    private void m1Transition(MarketState to, String reason, long time) {
        MarketState from = m1States.get(m1States.size() - 1);
        m1States.add(to);
        int sequence = m1States.size() - 1;
        marketStates.add(
                MarketStateChange.newBuilder()
                        .setMarketId(M1)
                        .setStateSequence(sequence)
                        .setPreviousState(from)
                        .setNewState(to)
                        .setTimestamp(time)
                        .setReason(reason)
                        .setVenueStatus(null)
                        .setIngestTime(time + 3)
                        .build());
        marketSnapshots.add(marketSnapshot(M1, E1, to, sequence, 1, time));
    }

    private static Event event(String id, int revision, String name, long time) {
        String[] venue = id.split(":", 2);
        return Event.newBuilder()
                .setEventId(id)
                .setRevision(revision)
                .setEventName(name)
                .setEventTags(new ArrayList<>())
                .setVenueEvents(new ArrayList<>(List.of(new VenueEventRef(venue[0], venue[1]))))
                .setVenueEventTime(time)
                .setIngestTime(time + 3)
                .build();
    }

    private static Market market(String id, String eventId, MarketState initial, long time) {
        String[] venue = id.split(":", 2);
        return Market.newBuilder()
                .setMarketId(id)
                .setEventId(eventId)
                .setVenueId(venue[0])
                .setVenueMarketId(venue[1])
                .setMarketDescription("Will it happen? " + venue[1])
                .setMarketType(MarketType.BINARY)
                .setInitialState(initial)
                .setOutcomes(
                        new ArrayList<>(
                                List.of(
                                        new Outcome("YES", "Yes", null),
                                        new Outcome("NO", "No", null))))
                .setVenueEventTime(time)
                .setIngestTime(time + 3)
                .build();
    }

    private static MarketSnapshot marketSnapshot(
            String id, String eventId, MarketState state, long sequence, long revision, long t) {
        return MarketSnapshot.newBuilder()
                .setMarketId(id)
                .setEventId(eventId)
                .setVenueId(id.substring(0, id.indexOf(':')))
                .setMarketState(state)
                .setStateSequence(sequence)
                .setMetadataRevision(revision)
                .setMarketDescription("Will it happen?")
                .setMarketType(MarketType.BINARY)
                .setQuotes(new ArrayList<>())
                .setSnapshotTime(t)
                .setIngestTime(t + 3)
                .build();
    }

    static Trade trade(
            String marketId,
            String venue,
            String venueTradeId,
            long sequence,
            long price,
            TakerSide side,
            long time) {
        return Trade.newBuilder()
                .setTradeId(venue + ":" + venueTradeId)
                .setVenueTradeId(venueTradeId)
                .setMarketId(marketId)
                .setVenueId(venue)
                .setOutcomeId("YES")
                .setPrice(price)
                .setQuantity(2_000_000)
                .setTakerSide(side)
                .setTimestamp(time)
                .setTradeSequence(sequence)
                .setIngestTime(time + 3)
                .build();
    }

    static MarketResolution resolution(
            int revision, String outcome, ResolutionConfidence confidence, long time) {
        long yes = outcome.equals("YES") ? 1_000_000L : 0L;
        return MarketResolution.newBuilder()
                .setMarketId(M1)
                .setEventId(E1)
                .setRevision(revision)
                .setResolvedOutcomeId(outcome)
                .setPayoutValue(1_000_000L)
                .setPayouts(
                        new ArrayList<>(
                                List.of(
                                        new OutcomePayout("YES", yes),
                                        new OutcomePayout("NO", 1_000_000L - yes))))
                .setResolutionTime(time)
                .setConfidenceLevel(confidence)
                .setIngestTime(time + 3)
                .build();
    }

    static EventResolution eventResolution(
            int revision, String outcome, FinalityStatus finality, long time) {
        return EventResolution.newBuilder()
                .setEventId(E1)
                .setRevision(revision)
                .setResolutionTime(time)
                .setResolvedOutcome(outcome)
                .setFinalityStatus(finality)
                .setMarkets(new ArrayList<>(List.of(new MarketOutcomeRef(M1, outcome, null))))
                .setIngestTime(time + 3)
                .build();
    }

    /** M1's state change at {@code sequence}. */
    MarketStateChange m1State(long sequence) {
        return first(marketStates, c -> c.getStateSequence() == sequence);
    }

    /** The delta of a book at a sequence number. */
    OrderBookDelta delta(String book, long sequence) {
        return first(
                bookDeltas,
                d ->
                        CanonicalStream.ORDERS_DELTA.keyOf(d).equals(book)
                                && d.getSequenceNumber() == sequence);
    }

    /** The first snapshot of a book with a reason. */
    OrderBookSnapshot snapshot(String book, SnapshotReason reason) {
        return first(
                bookSnapshots,
                s ->
                        CanonicalStream.ORDERS_SNAPSHOT.keyOf(s).equals(book)
                                && s.getReason() == reason);
    }

    /** A trade by its venue trade id. */
    Trade trade(String venueTradeId) {
        return first(trades, t -> t.getVenueTradeId().equals(venueTradeId));
    }

    /** An event record by id and revision. */
    Event event(String id, int revision) {
        return first(events, e -> e.getEventId().equals(id) && e.getRevision() == revision);
    }

    /** M1's resolution with a revision. */
    MarketResolution m1Resolution(int revision) {
        return first(marketResolutions, r -> r.getRevision() == revision);
    }

    /** E1's resolution with a revision. */
    EventResolution e1Resolution(int revision) {
        return first(eventResolutions, r -> r.getRevision() == revision);
    }

    /** A market's discovery record. */
    Market market(String id) {
        return first(markets, m -> m.getMarketId().equals(id));
    }

    /** A market's snapshot at a state sequence. */
    MarketSnapshot marketSnapshot(String id, long stateSequence) {
        return first(
                marketSnapshots,
                s -> s.getMarketId().equals(id) && s.getStateSequence() == stateSequence);
    }

    private static <T> T first(List<T> records, Predicate<T> which) {
        return records.stream().filter(which).findFirst().orElseThrow();
    }
}
