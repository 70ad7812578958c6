package io.marketstreams.sim;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded generator of venue book traffic in both venues' semantics, with faults, and the true
 * canonical books it implies.
 *
 * <ul>
 *   <li>Kalshi-style markets ({@code kalshi:SIM-K-nnnn}): YES and NO bid ladders, signed deltas, a
 *       venue sequence per subscription. Faults: a lost message (sequence gap, after which the
 *       generator resubscribes: new stream id, sequence from 1, fresh snapshot), a repeated
 *       message, two messages swapped.
 *   <li>Polymarket-style markets ({@code polymarket:SIM-P-nnnn}): a full book per token with
 *       absolute sizes, no sequence; the NO token mirrors the YES token. Faults: a repeated change
 *       and a late (stale) copy of an old change; periodic fresh {@code book} messages.
 * </ul>
 *
 * The first records are the catalog prelude ({@link CatalogPrelude}): every event and market, open.
 * {@link #finish()} ends every market with a fresh snapshot, after which the job's books must equal
 * {@link #trueBooks()} exactly. Same seed, same records, byte for byte.
 */
public final class BookTrafficGenerator {
    private static final long CENT = 10_000L;
    private static final long CONTRACT = 1_000_000L;
    private static final long ONE = 1_000_000L;

    private final SplittableRandom random;
    private final double faultRate;
    private final List<KalshiMarket> kalshi = new ArrayList<>();
    private final List<PolyMarket> poly = new ArrayList<>();
    private final AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
    private final List<GeneratedRecord> pending = new ArrayList<>();
    private long clockMs = TradeTrafficGenerator.EPOCH_MS;

    /**
     * @param seed random seed
     * @param kalshiMarkets Kalshi-style markets
     * @param polymarketMarkets Polymarket-style markets
     * @param faultRate share of messages that carry a fault, in [0, 1)
     */
    public BookTrafficGenerator(
            long seed, int kalshiMarkets, int polymarketMarkets, double faultRate) {
        if (kalshiMarkets + polymarketMarkets < 1 || faultRate < 0 || faultRate >= 1) {
            throw new IllegalArgumentException("need at least one market and faultRate in [0, 1)");
        }
        this.random = new SplittableRandom(seed);
        this.faultRate = faultRate;
        for (int i = 0; i < kalshiMarkets; i++) {
            kalshi.add(new KalshiMarket(String.format("SIM-K-%04d", i)));
        }
        for (int i = 0; i < polymarketMarkets; i++) {
            poly.add(new PolyMarket(String.format("SIM-P-%04d", i)));
        }
        List<String> kalshiIds = new ArrayList<>();
        for (int i = 0; i < kalshiMarkets; i++) {
            kalshiIds.add(String.format("SIM-K-%04d", i));
        }
        List<String> polyIds = new ArrayList<>();
        for (int i = 0; i < polymarketMarkets; i++) {
            polyIds.add(String.format("SIM-P-%04d", i));
        }
        List<GeneratedRecord> prelude = new ArrayList<>();
        prelude.addAll(CatalogPrelude.records("kalshi", kalshiIds, "SIM-K-", clockMs));
        prelude.addAll(CatalogPrelude.records("polymarket", polyIds, "SIM-P-", clockMs));
        pending.addAll(0, prelude);
    }

    /** The next record. */
    public GeneratedRecord next() {
        while (pending.isEmpty()) {
            clockMs += 1 + random.nextInt(20);
            int i = random.nextInt(kalshi.size() + poly.size());
            if (i < kalshi.size()) {
                kalshi.get(i).step();
            } else {
                poly.get(i - kalshi.size()).step();
            }
        }
        return pending.remove(0);
    }

    /** A fresh snapshot of every market, after which the job's books equal the true books. */
    public List<GeneratedRecord> finish() {
        clockMs += 1;
        for (KalshiMarket m : kalshi) {
            m.sendSnapshot();
        }
        for (PolyMarket m : poly) {
            m.sendBook("YES");
            m.sendBook("NO");
        }
        List<GeneratedRecord> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    /**
     * The true canonical books, key {@code market_id|outcome_id}: for each side the levels best
     * first.
     */
    public Map<String, List<List<PriceLevel>>> trueBooks() {
        Map<String, List<List<PriceLevel>>> books = new TreeMap<>();
        for (KalshiMarket m : kalshi) {
            books.put(m.marketId() + "|YES", List.of(levels(m.yesBids), complement(m.noBids)));
            books.put(m.marketId() + "|NO", List.of(levels(m.noBids), complement(m.yesBids)));
        }
        for (PolyMarket m : poly) {
            books.put(m.marketId() + "|YES", List.of(levels(m.yesBids), levels(m.yesAsks)));
            books.put(m.marketId() + "|NO", List.of(levels(m.noBids()), levels(m.noAsks())));
        }
        return books;
    }

    private static List<PriceLevel> levels(NavigableMap<Long, Long> side) {
        List<PriceLevel> levels = new ArrayList<>();
        side.forEach((p, q) -> levels.add(new PriceLevel(p, q)));
        return levels;
    }

    /** 1 − price of each bid, as asks best (lowest) first. */
    private static List<PriceLevel> complement(NavigableMap<Long, Long> bids) {
        List<PriceLevel> asks = new ArrayList<>();
        bids.forEach((p, q) -> asks.add(new PriceLevel(ONE - p, q)));
        return asks;
    }

    private void emit(
            String venue,
            String venueMarketId,
            Long seq,
            String stream,
            long time,
            Object payload) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId(venue)
                        .setVenueSequence(seq)
                        .setVenueStreamId(stream)
                        .setVenueEventTime(time)
                        .setIngestTime(clockMs + 2)
                        .setPayload(payload)
                        .build();
        pending.add(
                new GeneratedRecord(
                        venue + ":" + venueMarketId,
                        codec.encode(message),
                        codec.fingerprint(),
                        GeneratedRecord.Kind.BOOK));
    }

    private static NavigableMap<Long, Long> descending() {
        return new TreeMap<>(Collections.reverseOrder());
    }

    private static Ladder ladder(String outcome, BookSide side, NavigableMap<Long, Long> levels) {
        List<PriceLevel> list = new ArrayList<>();
        levels.forEach((p, q) -> list.add(new PriceLevel(p, q)));
        return new Ladder(outcome, side, list);
    }

    /** A Kalshi-style market: YES and NO bid ladders whose best bids never sum to 1 or more. */
    private final class KalshiMarket {
        final String id;
        final NavigableMap<Long, Long> yesBids = descending();
        final NavigableMap<Long, Long> noBids = descending();
        int subscription;
        long seq;
        BookDelta lastDelta;
        boolean started;

        KalshiMarket(String id) {
            this.id = id;
            long mid = (30 + random.nextInt(41)) * CENT;
            for (int i = 1; i <= 5 + random.nextInt(10); i++) {
                yesBids.put(mid - i * CENT, (1 + random.nextInt(200)) * CONTRACT);
                noBids.put(ONE - mid - i * CENT, (1 + random.nextInt(200)) * CONTRACT);
            }
        }

        String marketId() {
            return "kalshi:" + id;
        }

        String stream() {
            return "sid-" + id + "-" + subscription;
        }

        void sendSnapshot() {
            seq++;
            emit(
                    "kalshi",
                    id,
                    seq,
                    stream(),
                    clockMs,
                    new BookSnapshot(
                            id,
                            List.of(
                                    ladder("YES", BookSide.BID, yesBids),
                                    ladder("NO", BookSide.BID, noBids))));
        }

        void step() {
            if (!started) {
                started = true;
                sendSnapshot();
                return;
            }
            double roll = random.nextDouble();
            if (roll < faultRate / 3 && lastDelta != null) {
                // Repeat the last message (same sequence).
                emit("kalshi", id, seq, stream(), clockMs, lastDelta);
                return;
            }
            BookDelta delta = randomDelta();
            if (roll < 2 * faultRate / 3) {
                // Lost message: the venue's book moved, we never hear of it; a few more deltas
                // arrive after the gap, then the adapter resubscribes and gets a fresh snapshot.
                seq++;
                int after = random.nextInt(4);
                for (int i = 0; i < after; i++) {
                    seq++;
                    emit("kalshi", id, seq, stream(), clockMs, randomDelta());
                }
                subscription++;
                seq = 0;
                sendSnapshot();
                return;
            }
            if (roll < faultRate) {
                // Two messages swapped in transit.
                BookDelta second = randomDelta();
                emit("kalshi", id, seq + 2, stream(), clockMs, second);
                emit("kalshi", id, seq + 1, stream(), clockMs, delta);
                seq += 2;
                lastDelta = second;
                subscription++;
                seq = 0;
                sendSnapshot();
                return;
            }
            seq++;
            lastDelta = delta;
            emit("kalshi", id, seq, stream(), clockMs, delta);
        }

        /** A valid signed change to the true book (which it updates). */
        BookDelta randomDelta() {
            boolean yes = random.nextBoolean();
            NavigableMap<Long, Long> side = yes ? yesBids : noBids;
            NavigableMap<Long, Long> other = yes ? noBids : yesBids;
            long otherBest = other.isEmpty() ? 0 : other.firstKey();
            long maxPrice = ONE - otherBest - CENT;
            long price;
            long change;
            if (!side.isEmpty() && random.nextInt(3) > 0) {
                List<Long> prices = new ArrayList<>(side.keySet());
                price = prices.get(random.nextInt(prices.size()));
                long current = side.get(price);
                change = random.nextBoolean() ? -current : (random.nextInt(100) + 1) * CONTRACT;
                if (random.nextInt(3) == 0 && current > CONTRACT) {
                    change = -CONTRACT;
                }
            } else if (maxPrice >= CENT) {
                price = Math.max(CENT, maxPrice - random.nextInt(10) * CENT);
                change = (1 + random.nextInt(100)) * CONTRACT;
            } else {
                // No room for a new bid below the other side's best: that best level leaves.
                yes = !yes;
                side = other;
                price = side.firstKey();
                change = -side.get(price);
            }
            long updated = side.getOrDefault(price, 0L) + change;
            if (updated == 0) {
                side.remove(price);
            } else {
                side.put(price, updated);
            }
            String outcome = yes ? "YES" : "NO";
            return new BookDelta(
                    id,
                    List.of(
                            new LevelUpdate(
                                    outcome, BookSide.BID, price, change, UpdateKind.DELTA)));
        }
    }

    /** A Polymarket-style market: a YES token book; the NO token book mirrors it. */
    private final class PolyMarket {
        final String id;
        final NavigableMap<Long, Long> yesBids = descending();
        final NavigableMap<Long, Long> yesAsks = new TreeMap<>();
        final List<BookDelta> history = new ArrayList<>();
        long lastBookTime = Long.MIN_VALUE;
        boolean started;

        PolyMarket(String id) {
            this.id = id;
            long mid = (30 + random.nextInt(41)) * CENT;
            for (int i = 1; i <= 5 + random.nextInt(10); i++) {
                yesBids.put(mid - i * CENT, (1 + random.nextInt(500)) * CONTRACT);
                yesAsks.put(mid + i * CENT, (1 + random.nextInt(500)) * CONTRACT);
            }
        }

        String marketId() {
            return "polymarket:" + id;
        }

        NavigableMap<Long, Long> noBids() {
            NavigableMap<Long, Long> bids = descending();
            yesAsks.forEach((p, q) -> bids.put(ONE - p, q));
            return bids;
        }

        NavigableMap<Long, Long> noAsks() {
            NavigableMap<Long, Long> asks = new TreeMap<>();
            yesBids.forEach((p, q) -> asks.put(ONE - p, q));
            return asks;
        }

        void sendBook(String outcome) {
            boolean yes = outcome.equals("YES");
            lastBookTime = clockMs;
            emit(
                    "polymarket",
                    id,
                    null,
                    null,
                    clockMs,
                    new BookSnapshot(
                            id,
                            List.of(
                                    ladder(outcome, BookSide.BID, yes ? yesBids : noBids()),
                                    ladder(outcome, BookSide.ASK, yes ? yesAsks : noAsks()))));
        }

        void step() {
            if (!started) {
                started = true;
                sendBook("YES");
                sendBook("NO");
                return;
            }
            double roll = random.nextDouble();
            if (roll < faultRate / 2 && !history.isEmpty()) {
                // A repeated change: absolute sizes make it a no-op.
                emit("polymarket", id, null, null, clockMs, history.get(history.size() - 1));
                return;
            }
            if (roll < faultRate && history.size() > 1 && lastBookTime > clockMs - 10_000) {
                // A late copy of an old change, from before the last book: stale.
                emit("polymarket", id, null, null, lastBookTime - 1_000, history.get(0));
                return;
            }
            if (random.nextInt(25) == 0) {
                sendBook(random.nextBoolean() ? "YES" : "NO");
                return;
            }
            BookDelta change = randomChange();
            history.add(change);
            if (history.size() > 8) {
                history.remove(0);
            }
            emit("polymarket", id, null, null, clockMs, change);
        }

        /** A valid absolute change on the YES token with its mirror on the NO token. */
        BookDelta randomChange() {
            boolean bid = random.nextBoolean();
            NavigableMap<Long, Long> side = bid ? yesBids : yesAsks;
            long price;
            if (!side.isEmpty() && random.nextInt(3) > 0) {
                List<Long> prices = new ArrayList<>(side.keySet());
                price = prices.get(random.nextInt(prices.size()));
            } else if (bid) {
                long bestAsk = yesAsks.isEmpty() ? ONE : yesAsks.firstKey();
                price = bestAsk - (1 + random.nextInt(8)) * CENT;
            } else {
                long bestBid = yesBids.isEmpty() ? 0 : yesBids.firstKey();
                price = bestBid + (1 + random.nextInt(8)) * CENT;
            }
            long quantity = random.nextInt(4) == 0 ? 0 : (1 + random.nextInt(500)) * CONTRACT;
            if (price < CENT || price > ONE - CENT) {
                // No room between the touch and the price bounds: the opposite best level leaves.
                NavigableMap<Long, Long> opposite = bid ? yesAsks : yesBids;
                bid = !bid;
                side = opposite;
                price = opposite.firstKey();
                quantity = 0;
            }
            if (quantity == 0) {
                side.remove(price);
            } else {
                side.put(price, quantity);
            }
            BookSide yesSide = bid ? BookSide.BID : BookSide.ASK;
            BookSide noSide = bid ? BookSide.ASK : BookSide.BID;
            return new BookDelta(
                    id,
                    List.of(
                            new LevelUpdate("YES", yesSide, price, quantity, UpdateKind.ABSOLUTE),
                            new LevelUpdate(
                                    "NO", noSide, ONE - price, quantity, UpdateKind.ABSOLUTE)));
        }
    }
}
