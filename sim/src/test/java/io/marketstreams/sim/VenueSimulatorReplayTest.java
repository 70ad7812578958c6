package io.marketstreams.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.kalshi.KalshiEnvelope;
import io.marketstreams.connectors.kalshi.KalshiFrameParser;
import io.marketstreams.connectors.polymarket.PolymarketFrameParser;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays the simulator's frames through the parsers and a tiny book fold (the venue conventions of
 * docs/contract.md, "Venue normalization"): the books it ends with after {@code finish()} must be
 * the simulator's true books.
 */
class VenueSimulatorReplayTest {
    private static final long ONE = 1_000_000L;

    @Test
    void withoutFaultsTheReplayedBooksEqualTheTrueBooks() {
        VenueSimulator sim = new VenueSimulator(11, SimulatorOptions.defaults().withFaultRate(0));
        Fold fold = new Fold();
        for (int i = 0; i < 6000; i++) {
            fold.accept(sim.next());
        }
        sim.finish().forEach(fold::accept);

        assertThat(fold.rejected).isZero();
        assertThat(fold.repeats).isZero();
        assertThat(fold.gaps).isZero();
        assertThat(fold.stale).isZero();
        assertThat(fold.books()).isEqualTo(sim.trueBooks());
        assertThat(sim.trueBooks()).hasSize(2 * (9 + 9));
    }

    @Test
    void withLifecycleOffAndALargerCatalogTheReplayedBooksEqualTheTrueBooks() {
        SimulatorOptions options =
                SimulatorOptions.defaults().withFaultRate(0).withLifecycle(false).withCatalog(4, 5);
        VenueSimulator sim = new VenueSimulator(5, options);
        Fold fold = new Fold();
        for (int i = 0; i < 4000; i++) {
            fold.accept(sim.next());
        }
        sim.finish().forEach(fold::accept);

        assertThat(fold.rejected + fold.repeats + fold.gaps + fold.stale).isZero();
        assertThat(fold.books()).isEqualTo(sim.trueBooks());
        assertThat(sim.trueBooks()).hasSize(2 * (4 * 5 + (5 + 3 * 5)));
    }

    @Test
    void withFaultsAJobLikeReplayStillEndsWithTheTrueBooks() {
        VenueSimulator sim =
                new VenueSimulator(23, SimulatorOptions.defaults().withFaultRate(0.08));
        Fold fold = new Fold();
        for (int i = 0; i < 8000; i++) {
            fold.accept(sim.next());
        }
        sim.finish().forEach(fold::accept);

        SimulatorStats stats = sim.stats();
        assertThat(fold.rejected).isEqualTo(stats.malformedFrames()).isPositive();
        assertThat(fold.repeats).isPositive();
        assertThat(fold.gaps).isPositive();
        assertThat(fold.stale).isZero();
        assertThat(fold.books()).isEqualTo(sim.trueBooks());
    }

    @Test
    void manySeedsAndCatalogShapesEndWithTheTrueBooks() {
        int[][] shapes = {{1, 1}, {1, 2}, {2, 4}, {5, 6}};
        for (long seed = 100; seed < 112; seed++) {
            int[] shape = shapes[(int) (seed % shapes.length)];
            SimulatorOptions options =
                    SimulatorOptions.defaults()
                            .withCatalog(shape[0], shape[1])
                            .withFaultRate(0.1)
                            .withLifecycleSteps(800);
            VenueSimulator sim = new VenueSimulator(seed, options);
            Fold fold = new Fold();
            for (int i = 0; i < 2500; i++) {
                fold.accept(sim.next());
            }
            sim.finish().forEach(fold::accept);

            assertThat(fold.rejected).as("seed %s", seed).isEqualTo(sim.stats().malformedFrames());
            assertThat(fold.books()).as("seed %s", seed).isEqualTo(sim.trueBooks());
        }
    }

    /**
     * The book fold: Kalshi YES and NO bid ladders with signed deltas, checked and deduplicated per
     * connection and subscription like the job (a number not above the subscription's last is a
     * repeat; a jump puts the subscription's markets out of sync until their next snapshot);
     * Polymarket token books with absolute sizes, tokens mapped to outcomes through the Gamma
     * market infos.
     */
    static final class Fold {
        private final KalshiFrameParser kalshiParser = new KalshiFrameParser();
        private final PolymarketFrameParser polyParser = new PolymarketFrameParser();

        /** Kalshi ticker → [YES bids, NO bids]. */
        private final Map<String, List<NavigableMap<Long, Long>>> kalshi = new TreeMap<>();

        private final Map<String, Long> lastSeq = new HashMap<>();
        private final Map<String, Set<String>> subscriptionMarkets = new HashMap<>();
        private final Set<String> outOfSync = new HashSet<>();

        /** Polymarket token → [bids, asks]. */
        private final Map<String, List<NavigableMap<Long, Long>>> tokens = new HashMap<>();

        private final Map<String, Long> lastBookTime = new HashMap<>();
        private final Map<String, String> outcomeOfToken = new HashMap<>();

        int rejected;
        int repeats;
        int gaps;
        int stale;

        void accept(RawFrame frame) {
            if (frame.venueId().equals("kalshi")) {
                kalshi(frame);
            } else {
                polymarket(frame);
            }
        }

        private void kalshi(RawFrame frame) {
            KalshiEnvelope envelope = KalshiEnvelope.read(frame.payload());
            String subscription = null;
            if (envelope != null && envelope.sid() != null && envelope.seq() != null) {
                subscription = frame.connectionId() + "/" + envelope.sid();
                Long last = lastSeq.get(subscription);
                if (last != null && envelope.seq() <= last) {
                    repeats++;
                    return;
                }
                if (last != null && envelope.seq() > last + 1) {
                    gaps++;
                    outOfSync.addAll(subscriptionMarkets.getOrDefault(subscription, Set.of()));
                }
                lastSeq.put(subscription, envelope.seq());
            }
            for (VenueMessage m : messages(kalshiParser.parse(frame))) {
                if (m.getPayload() instanceof BookSnapshot s) {
                    String ticker = s.getVenueMarketId();
                    List<NavigableMap<Long, Long>> book = List.of(descending(), descending());
                    for (Ladder ladder : s.getLadders()) {
                        assertThat(ladder.getSide()).isEqualTo(BookSide.BID);
                        NavigableMap<Long, Long> side =
                                book.get(ladder.getOutcomeId().equals("YES") ? 0 : 1);
                        ladder.getLevels().forEach(l -> side.put(l.getPrice(), l.getQuantity()));
                    }
                    kalshi.put(ticker, book);
                    outOfSync.remove(ticker);
                    if (subscription != null) {
                        subscriptionMarkets
                                .computeIfAbsent(subscription, k -> new HashSet<>())
                                .add(ticker);
                    }
                } else if (m.getPayload() instanceof BookDelta d) {
                    String ticker = d.getVenueMarketId();
                    if (outOfSync.contains(ticker)) {
                        continue;
                    }
                    List<NavigableMap<Long, Long>> book = kalshi.get(ticker);
                    assertThat(book).as("delta before snapshot of %s", ticker).isNotNull();
                    for (LevelUpdate u : d.getChanges()) {
                        assertThat(u.getKind()).isEqualTo(UpdateKind.DELTA);
                        NavigableMap<Long, Long> side =
                                book.get(u.getOutcomeId().equals("YES") ? 0 : 1);
                        long updated = side.getOrDefault(u.getPrice(), 0L) + u.getQuantity();
                        assertThat(updated).as("level after %s", u).isNotNegative();
                        if (updated == 0) {
                            side.remove(u.getPrice());
                        } else {
                            side.put(u.getPrice(), updated);
                        }
                    }
                }
            }
        }

        private void polymarket(RawFrame frame) {
            for (VenueMessage m : messages(polyParser.parse(frame))) {
                if (m.getPayload() instanceof MarketInfo info) {
                    for (Outcome o : info.getOutcomes()) {
                        outcomeOfToken.put(
                                o.getVenueOutcomeId(),
                                info.getVenueMarketId() + "|" + o.getOutcomeId());
                    }
                } else if (m.getPayload() instanceof BookSnapshot s) {
                    for (Ladder ladder : s.getLadders()) {
                        NavigableMap<Long, Long> side =
                                ladder.getSide() == BookSide.BID ? descending() : new TreeMap<>();
                        ladder.getLevels().forEach(l -> side.put(l.getPrice(), l.getQuantity()));
                        List<NavigableMap<Long, Long>> book =
                                tokens.computeIfAbsent(
                                        ladder.getOutcomeId(),
                                        k ->
                                                new ArrayList<>(
                                                        List.of(descending(), new TreeMap<>())));
                        book.set(ladder.getSide() == BookSide.BID ? 0 : 1, side);
                        lastBookTime.put(ladder.getOutcomeId(), m.getVenueEventTime());
                    }
                } else if (m.getPayload() instanceof BookDelta d) {
                    for (LevelUpdate u : d.getChanges()) {
                        assertThat(u.getKind()).isEqualTo(UpdateKind.ABSOLUTE);
                        Long bookTime = lastBookTime.get(u.getOutcomeId());
                        if (bookTime != null && m.getVenueEventTime() < bookTime) {
                            stale++;
                            continue;
                        }
                        List<NavigableMap<Long, Long>> book = tokens.get(u.getOutcomeId());
                        assertThat(book).as("change before book of %s", u).isNotNull();
                        NavigableMap<Long, Long> side =
                                book.get(u.getSide() == BookSide.BID ? 0 : 1);
                        if (u.getQuantity() == 0) {
                            side.remove(u.getPrice());
                        } else {
                            side.put(u.getPrice(), u.getQuantity());
                        }
                    }
                }
            }
        }

        private List<VenueMessage> messages(ParsedFrame parsed) {
            if (parsed instanceof ParsedFrame.Messages m) {
                return m.messages();
            }
            if (parsed instanceof ParsedFrame.Rejected) {
                rejected++;
            }
            return List.of();
        }

        /** The canonical books, keyed and shaped as {@link VenueSimulator#trueBooks()}. */
        Map<String, List<List<PriceLevel>>> books() {
            Map<String, List<List<PriceLevel>>> out = new TreeMap<>();
            kalshi.forEach(
                    (ticker, book) -> {
                        out.put(
                                "kalshi:" + ticker + "|YES",
                                List.of(levels(book.get(0)), complement(book.get(1))));
                        out.put(
                                "kalshi:" + ticker + "|NO",
                                List.of(levels(book.get(1)), complement(book.get(0))));
                    });
            tokens.forEach(
                    (token, book) ->
                            out.put(
                                    "polymarket:" + outcomeOfToken.get(token),
                                    List.of(levels(book.get(0)), levels(book.get(1)))));
            return out;
        }

        private static NavigableMap<Long, Long> descending() {
            return new TreeMap<>(Collections.reverseOrder());
        }

        private static List<PriceLevel> levels(NavigableMap<Long, Long> side) {
            List<PriceLevel> out = new ArrayList<>();
            side.forEach((p, q) -> out.add(new PriceLevel(p, q)));
            return out;
        }

        /** 1 − each bid, as asks best (lowest) first. */
        private static List<PriceLevel> complement(NavigableMap<Long, Long> bids) {
            List<PriceLevel> out = new ArrayList<>();
            bids.forEach((p, q) -> out.add(new PriceLevel(ONE - p, q)));
            return out;
        }
    }
}
