package io.marketstreams.testkit;

import static io.marketstreams.testkit.BookRecords.add;
import static io.marketstreams.testkit.CleanOutput.E1;
import static io.marketstreams.testkit.CleanOutput.E2;
import static io.marketstreams.testkit.CleanOutput.M1;
import static io.marketstreams.testkit.CleanOutput.M1_YES;
import static io.marketstreams.testkit.CleanOutput.M2;
import static io.marketstreams.testkit.CleanOutput.M2_NO;
import static io.marketstreams.testkit.CleanOutput.M2_YES;
import static io.marketstreams.testkit.CleanOutput.M3;
import static io.marketstreams.testkit.CleanOutput.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.testkit.Violation.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker can fail: clean output passes, and each single break of a rule is reported with
 * exactly the rules that name it (a checker that reported everything, or nothing, fails here).
 */
class OutputCheckerMutationTest {

    /** One break of clean output and the rules it must be reported under, no more, no fewer. */
    record Mutation(Consumer<CleanOutput> apply, Set<Rule> reported) {}

    private static final List<Named<Mutation>> MUTATIONS =
            List.of(
                    // --- books (invariant 3) ---
                    mutation(
                            "drop a delta",
                            o -> o.bookDeltas.remove(o.delta(M1_YES, 3)),
                            Rule.BOOK_SEQUENCE),
                    mutation(
                            "flip one bit of a delta's checksum",
                            o -> flipChecksumBit(o.delta(M1_YES, 3)),
                            Rule.BOOK_CHECKSUM),
                    mutation(
                            "flip one bit of an INITIAL snapshot's checksum",
                            o -> flipChecksumBit(o.snapshot(M1_YES, SnapshotReason.INITIAL)),
                            Rule.BOOK_CHECKSUM),
                    mutation(
                            "flip one bit of a PERIODIC snapshot's checksum",
                            o -> flipChecksumBit(o.snapshot(M1_YES, SnapshotReason.PERIODIC)),
                            Rule.BOOK_CHECKSUM),
                    mutation(
                            "a PERIODIC snapshot that does not restate the book",
                            o -> relevel(o.snapshot(M1_YES, SnapshotReason.PERIODIC)),
                            Rule.BOOK_CHECKSUM),
                    mutation(
                            "a delta before any snapshot of its book",
                            o -> o.bookSnapshots.remove(o.snapshot(M2_NO, SnapshotReason.INITIAL)),
                            Rule.BOOK_DELTA_BEFORE_SNAPSHOT),
                    mutation(
                            "a sequence repeat: a delta written twice",
                            o -> o.bookDeltas.add(2, copy(o.delta(M1_YES, 3))),
                            Rule.BOOK_TOPIC_ORDER,
                            Rule.BOOK_SEQUENCE),
                    mutation(
                            "two deltas swapped in their topic",
                            o -> Collections.swap(o.bookDeltas, 0, 1),
                            Rule.BOOK_TOPIC_ORDER),
                    mutation(
                            "an INITIAL snapshot after the book started",
                            o ->
                                    o.snapshot(M1_YES, SnapshotReason.PERIODIC)
                                            .setReason(SnapshotReason.INITIAL),
                            Rule.BOOK_START,
                            Rule.BOOK_SEQUENCE),
                    mutation(
                            "a reset not announced by a RESYNCING delta",
                            o -> o.delta(M2_YES, 3).setHealth(BookHealth.LIVE),
                            Rule.BOOK_RESYNC,
                            Rule.BOOK_DELTA_CONTENT),
                    mutation(
                            "a CLOSED snapshot with other levels than the book it closes",
                            o -> relevel(o.snapshot(M1_YES, SnapshotReason.CLOSED)),
                            Rule.BOOK_CLOSED_DIFFERS),
                    mutation(
                            "a book delta after its market resolved (after CLOSED)",
                            o ->
                                    o.bookDeltas.add(
                                            o.m1Yes.delta(
                                                    T0 + 550,
                                                    add(BookSide.BID, 390_000, 1_000_000))),
                            Rule.BOOK_AFTER_CLOSED),
                    mutation(
                            "a book snapshot after its CLOSED snapshot",
                            o ->
                                    o.bookSnapshots.add(
                                            o.m1Yes.snapshot(
                                                    SnapshotReason.PERIODIC,
                                                    BookHealth.CLOSED,
                                                    T0 + 550)),
                            Rule.BOOK_AFTER_CLOSED,
                            Rule.BOOK_TOPIC_ORDER),
                    // --- trades (invariant 4) ---
                    mutation(
                            "a duplicate trade: its id emitted again as the next trade",
                            o -> o.trades.add(withSequence(copy(o.trade("t-1")), 4)),
                            Rule.TRADE_DUPLICATE),
                    mutation(
                            "a trade after its market resolved",
                            o ->
                                    o.trades.add(
                                            CleanOutput.trade(
                                                    M1,
                                                    "kalshi",
                                                    "t-4",
                                                    4,
                                                    450_000,
                                                    TakerSide.BUY,
                                                    T0 + 550)),
                            Rule.TRADE_AFTER_RESOLUTION),
                    mutation(
                            "a gap in trade_sequence",
                            o -> o.trades.remove(o.trade("t-2")),
                            Rule.TRADE_SEQUENCE),
                    mutation(
                            "a trade priced 0", o -> o.trade("t-2").setPrice(0L), Rule.TRADE_VALUE),
                    mutation(
                            "a trade id that is not venue_id:venue_trade_id",
                            o -> o.trade("t-2").setTradeId("t-2"),
                            Rule.TRADE_ID),
                    // --- catalog (invariants 1 and 2) ---
                    mutation(
                            "markets before their event: the event never discovered",
                            o -> o.events.removeIf(e -> e.getEventId().equals(E2)),
                            Rule.MARKET_BEFORE_EVENT),
                    mutation(
                            "a market moved to an event never discovered",
                            o -> o.marketUpdates.add(moveTo(M1, 2, "kalshi:KXNOPE")),
                            Rule.MARKET_BEFORE_EVENT),
                    mutation(
                            "a market resolved under an event never discovered",
                            o -> o.m1Resolution(1).setEventId("kalshi:KXNOPE"),
                            Rule.MARKET_BEFORE_EVENT),
                    mutation(
                            "books, trades and snapshots of a market never discovered",
                            o -> o.markets.removeIf(m -> m.getMarketId().equals(M2)),
                            Rule.RECORD_BEFORE_MARKET),
                    mutation(
                            "a market discovered twice",
                            o -> o.markets.add(copy(o.market(M2))),
                            Rule.MARKET_DISCOVERED_TWICE),
                    mutation(
                            "a skipped event revision",
                            o -> o.event(E1, 2).setRevision(3),
                            Rule.EVENT_REVISION),
                    mutation(
                            "a skipped market metadata revision",
                            o -> o.marketUpdates.get(0).setRevision(2L),
                            Rule.MARKET_UPDATE_REVISION),
                    // --- lifecycle (invariant 5) ---
                    mutation(
                            "an illegal transition PRE_OPEN -> RESOLVED",
                            o ->
                                    o.marketStates.add(
                                            change(
                                                    M3,
                                                    1,
                                                    MarketState.PRE_OPEN,
                                                    MarketState.RESOLVED,
                                                    T0 + 1200)),
                            Rule.ILLEGAL_TRANSITION),
                    mutation(
                            "a state change after RESOLVED other than DISPUTED",
                            o ->
                                    o.marketStates.add(
                                            change(
                                                    M1,
                                                    6,
                                                    MarketState.RESOLVED,
                                                    MarketState.OPEN,
                                                    T0 + 900)),
                            Rule.ILLEGAL_TRANSITION),
                    mutation(
                            "a dispute after the FINAL resolution",
                            o ->
                                    o.marketStates.add(
                                            change(
                                                    M1,
                                                    6,
                                                    MarketState.RESOLVED,
                                                    MarketState.DISPUTED,
                                                    T0 + 900)),
                            Rule.MARKET_CHANGE_AFTER_FINAL),
                    mutation(
                            "a resolution after the FINAL resolution",
                            o ->
                                    o.marketResolutions.add(
                                            CleanOutput.resolution(
                                                    4, "NO", ResolutionConfidence.FINAL, T0 + 900)),
                            Rule.MARKET_CHANGE_AFTER_FINAL),
                    mutation(
                            "a changed result without a dispute",
                            o -> o.m1Resolution(3).setResolvedOutcomeId("YES"),
                            Rule.RESOLUTION_CHANGED_WITHOUT_DISPUTE),
                    mutation(
                            "a skipped state_sequence",
                            o -> o.m1State(5).setStateSequence(6L),
                            Rule.STATE_SEQUENCE),
                    mutation(
                            "a transition from a state the market was not in",
                            o -> o.m1State(3).setPreviousState(MarketState.OPEN),
                            Rule.STATE_PREVIOUS),
                    mutation(
                            "a market snapshot stating another state than its sequence's",
                            o -> o.marketSnapshot(M1, 2).setMarketState(MarketState.OPEN),
                            Rule.MARKET_SNAPSHOT_STATE),
                    mutation(
                            "a skipped resolution revision",
                            o -> o.m1Resolution(2).setRevision(3),
                            Rule.RESOLUTION_REVISION),
                    mutation(
                            "a skipped event resolution revision",
                            o -> o.e1Resolution(4).setRevision(5),
                            Rule.EVENT_RESOLUTION_REVISION),
                    mutation(
                            "an event resolution after FINAL",
                            o ->
                                    o.eventResolutions.add(
                                            CleanOutput.eventResolution(
                                                    5, "NO", FinalityStatus.FINAL, T0 + 900)),
                            Rule.EVENT_RESOLUTION_AFTER_FINAL),
                    mutation(
                            "an event resolved but never discovered",
                            o -> o.eventResolutions.add(resolvedEvent("kalshi:KXNOPE")),
                            Rule.EVENT_RESOLUTION_BEFORE_EVENT),
                    // --- quarantine ---
                    mutation(
                            "a quarantine record without a detail",
                            o -> o.quarantined.get(0).setDetail(" "),
                            Rule.QUARANTINE_INCOMPLETE));

    static Stream<Named<Mutation>> mutations() {
        return MUTATIONS.stream();
    }

    @Test
    void cleanOutputHasNoViolation() {
        OutputChecker.Report report = OutputChecker.inMemory().check(new CleanOutput().output());

        assertThat(report.violations()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.books()).containsOnlyKeys(M1_YES, M2_YES, M2_NO);
        // The rebuilt books are the ones the records describe, so the rules really ran on them.
        assertThat(report.books().get(M1_YES).levels(BookSide.BID))
                .containsExactly(
                        new PriceLevel(420_000L, 60_000_000L), level(410_000, 250_500_000));
        assertThat(report.books().get(M1_YES).health()).isEqualTo(BookHealth.CLOSED);
        assertThat(report.books().get(M2_YES).levels(BookSide.ASK))
                .containsExactly(level(315_000, 4_000_000));
        assertThat(report.lifecycle().marketStates()).hasSize(5);
        assertThat(report.trades()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachBreakIsReportedUnderTheRulesThatNameIt(Mutation mutation) {
        CleanOutput output = new CleanOutput();
        mutation.apply().accept(output);

        OutputChecker.Report report = OutputChecker.inMemory().check(output.output());

        assertThat(report.ok()).isFalse();
        assertThat(report.rules())
                .as("rules reported: %s", report.violations())
                .containsExactlyInAnyOrderElementsOf(mutation.reported());
    }

    /** Every rule of the checker is shown to fire by some break (the wire rules in WireTest). */
    @Test
    void everyRuleIsShownToFire() {
        Set<Rule> shown = EnumSet.noneOf(Rule.class);
        MUTATIONS.forEach(m -> shown.addAll(m.getPayload().reported()));
        shown.addAll(OutputCheckerWireTest.RULES_SHOWN);

        assertThat(shown).containsExactlyInAnyOrder(Rule.values());
    }

    @Test
    void exactRepeatsAreBreaksUnlessRepeatsAreAllowed() {
        CleanOutput output = new CleanOutput();
        output.trades.add(3, copy(output.trade("t-3")));
        output.bookDeltas.add(2, copy(output.delta(M1_YES, 3)));
        output.marketStates.add(copy(output.m1State(5)));

        OutputChecker.Report strict = OutputChecker.inMemory().check(output.output());
        OutputChecker.Report lenient =
                OutputChecker.inMemory().allowingRepeats().check(output.output());

        assertThat(strict.rules())
                .containsExactlyInAnyOrder(
                        Rule.TRADE_DUPLICATE,
                        Rule.TRADE_SEQUENCE,
                        Rule.BOOK_TOPIC_ORDER,
                        Rule.BOOK_SEQUENCE,
                        Rule.STATE_SEQUENCE,
                        Rule.STATE_PREVIOUS);
        assertThat(lenient.violations()).isEmpty();
        assertThat(lenient.trades()).hasSize(4);
        assertThat(lenient.counts().values().stream().mapToInt(Integer::intValue).sum())
                .as("counts are what was read, repeats included")
                .isEqualTo(strict.counts().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void stringListEntryPointsReportTheSameLines() {
        CleanOutput output = new CleanOutput();
        flipChecksumBit(output.delta(M1_YES, 3));
        output.marketStates.add(
                change(M3, 1, MarketState.PRE_OPEN, MarketState.RESOLVED, T0 + 1200));
        DecodedOutput broken = output.output();

        List<String> lines = new ArrayList<>();
        BookRules.check(broken.lifecycle().bookSnapshots(), broken.lifecycle().bookDeltas(), lines);
        LifecycleRules.check(broken.lifecycle(), lines);

        assertThat(lines)
                .containsExactlyInAnyOrderElementsOf(
                        OutputChecker.inMemory().check(broken).violations());
        assertThat(lines).anyMatch(l -> l.startsWith("BOOK_CHECKSUM: " + M1_YES + " @3"));
        assertThat(lines).anyMatch(l -> l.startsWith("ILLEGAL_TRANSITION: market " + M3));
    }

    private static Named<Mutation> mutation(
            String name, Consumer<CleanOutput> apply, Rule first, Rule... more) {
        return Named.of(name, new Mutation(apply, EnumSet.of(first, more)));
    }

    private static void flipChecksumBit(OrderBookDelta d) {
        d.setChecksum(d.getChecksum() ^ (1L << 17));
    }

    private static void flipChecksumBit(OrderBookSnapshot s) {
        s.setChecksum(s.getChecksum() ^ (1L << 17));
    }

    /** Changes one level's quantity and keeps the snapshot's checksum true to its own levels. */
    private static void relevel(OrderBookSnapshot s) {
        List<PriceLevel> bids = new ArrayList<>(s.getBids());
        PriceLevel best = bids.get(0);
        bids.set(0, level(best.getPrice(), best.getQuantity() + 1_000_000));
        s.setBids(bids);
        s.setChecksum(BookRecords.checksum(bids, s.getAsks()));
    }

    private static PriceLevel level(long price, long quantity) {
        return new PriceLevel(price, quantity);
    }

    private static Trade withSequence(Trade t, long sequence) {
        t.setTradeSequence(sequence);
        return t;
    }

    private static MarketStateChange change(
            String marketId, long sequence, MarketState from, MarketState to, long time) {
        return MarketStateChange.newBuilder()
                .setMarketId(marketId)
                .setStateSequence(sequence)
                .setPreviousState(from)
                .setNewState(to)
                .setTimestamp(time)
                .setReason("VENUE_OPENED")
                .setIngestTime(time + 3)
                .build();
    }

    private static MarketUpdate moveTo(String marketId, long revision, String eventId) {
        return MarketUpdate.newBuilder()
                .setMarketId(marketId)
                .setRevision(revision)
                .setFieldMask(new ArrayList<>(List.of("event_id")))
                .setEventId(eventId)
                .setVenueEventTime(T0 + 40)
                .setIngestTime(T0 + 43)
                .build();
    }

    private static EventResolution resolvedEvent(String eventId) {
        EventResolution r =
                CleanOutput.eventResolution(1, "YES", FinalityStatus.TENTATIVE, T0 + 1300);
        r.setEventId(eventId);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <T extends org.apache.avro.specific.SpecificRecord> T copy(T record) {
        return (T) org.apache.avro.specific.SpecificData.get().deepCopy(record.getSchema(), record);
    }
}
