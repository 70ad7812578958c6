package io.marketstreams.client;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A client's copy of one (market, outcome) book, rebuilt from {@code orders.snapshot} and {@code
 * orders.delta} records by the rules of docs/contract.md:
 *
 * <ul>
 *   <li>a snapshot with {@code sequence_start} S replaces the book when there is none or S is newer
 *       than the book; a snapshot at the book's own sequence is compared with the book;
 *   <li>the first delta to apply after a record at S is the one with {@code sequence_number} S + 1;
 *       deltas at or below the book's sequence are repeats and are dropped;
 *   <li>a delta beyond S + 1 is a gap: the book is dropped until the next snapshot;
 *   <li>after every record the book's checksum must equal the record's checksum.
 * </ul>
 *
 * Not thread-safe.
 */
public final class BookReplica {
    private final String key;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private boolean hasBook;
    private long sequence;
    private long checksum;
    private BookHealth health = BookHealth.RESYNCING;
    private long venueEventTime;

    /** What applying one record did. */
    public enum Status {
        /** Applied; the book is at the record's sequence. */
        APPLIED,
        /** A record at or below the book's sequence, already reflected: dropped. */
        REPEAT,
        /** A delta while there is no book (before the first snapshot or after a gap): ignored. */
        NO_BOOK,
        /** A delta beyond the next sequence: the book is dropped until a snapshot. */
        GAP,
        /** The book did not match the record's checksum or levels: dropped until a snapshot. */
        MISMATCH
    }

    public BookReplica(String key) {
        this.key = key;
    }

    /** The book key, {@code market_id|outcome_id}. */
    public String key() {
        return key;
    }

    /** Applies a snapshot. */
    public Status apply(OrderBookSnapshot snapshot) {
        long s = snapshot.getSequenceStart();
        if (hasBook && s < sequence) {
            return Status.REPEAT;
        }
        if (hasBook && s == sequence) {
            // A restatement (PERIODIC, or a repeat): it must describe our book exactly.
            boolean same =
                    snapshot.getChecksum() == checksum
                            && levelsEqual(snapshot.getBids(), bids)
                            && levelsEqual(snapshot.getAsks(), asks);
            health = snapshot.getHealth();
            if (same) {
                return Status.REPEAT;
            }
            load(snapshot);
            return Status.MISMATCH;
        }
        load(snapshot);
        if (computeChecksum() != snapshot.getChecksum()) {
            drop();
            return Status.MISMATCH;
        }
        return Status.APPLIED;
    }

    private void load(OrderBookSnapshot snapshot) {
        bids.clear();
        asks.clear();
        for (PriceLevel l : snapshot.getBids()) {
            bids.put(l.getPrice(), l.getQuantity());
        }
        for (PriceLevel l : snapshot.getAsks()) {
            asks.put(l.getPrice(), l.getQuantity());
        }
        hasBook = true;
        sequence = snapshot.getSequenceStart();
        checksum = snapshot.getChecksum();
        health = snapshot.getHealth();
        venueEventTime = snapshot.getVenueEventTime();
    }

    /** Applies a delta. */
    public Status apply(OrderBookDelta delta) {
        long n = delta.getSequenceNumber();
        if (!hasBook) {
            return Status.NO_BOOK;
        }
        if (n <= sequence) {
            return Status.REPEAT;
        }
        if (n > sequence + 1) {
            drop();
            return Status.GAP;
        }
        long sum = checksum;
        for (LevelMutation m : delta.getMutations()) {
            NavigableMap<Long, Long> side = m.getSide() == BookSide.BID ? bids : asks;
            boolean bid = m.getSide() == BookSide.BID;
            Long old = side.get(m.getPrice());
            if (old != null) {
                sum -= Checksum.level(bid, m.getPrice(), old);
            }
            if (m.getAction() == MutationAction.REMOVE) {
                side.remove(m.getPrice());
            } else {
                side.put(m.getPrice(), m.getQuantity());
                sum += Checksum.level(bid, m.getPrice(), m.getQuantity());
            }
        }
        sequence = n;
        checksum = sum;
        health = delta.getHealth();
        venueEventTime = delta.getVenueEventTime();
        if (sum != delta.getChecksum()) {
            drop();
            return Status.MISMATCH;
        }
        return Status.APPLIED;
    }

    private void drop() {
        hasBook = false;
        bids.clear();
        asks.clear();
        health = BookHealth.RESYNCING;
    }

    private long computeChecksum() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : bids.entrySet()) {
            sum += Checksum.level(true, e.getKey(), e.getValue());
        }
        for (Map.Entry<Long, Long> e : asks.entrySet()) {
            sum += Checksum.level(false, e.getKey(), e.getValue());
        }
        return sum;
    }

    private static boolean levelsEqual(List<PriceLevel> levels, NavigableMap<Long, Long> side) {
        if (levels.size() != side.size()) {
            return false;
        }
        int i = 0;
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            PriceLevel l = levels.get(i++);
            if (l.getPrice() != e.getKey() || l.getQuantity() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** True when the replica holds a book (it has a snapshot and no gap since). */
    public boolean hasBook() {
        return hasBook;
    }

    /** Canonical sequence of the last applied record. */
    public long sequence() {
        return sequence;
    }

    /** Checksum of the book, as verified. */
    public long checksum() {
        return checksum;
    }

    /** Health of the book as the job last reported it. */
    public BookHealth health() {
        return health;
    }

    /** Venue event time of the last applied record. */
    public long venueEventTime() {
        return venueEventTime;
    }

    /** Levels of a side, best first. */
    public List<PriceLevel> levels(BookSide side) {
        List<PriceLevel> levels = new ArrayList<>();
        for (Map.Entry<Long, Long> e : (side == BookSide.BID ? bids : asks).entrySet()) {
            levels.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return levels;
    }

    /** Best bid, or null. */
    public PriceLevel bestBid() {
        return bids.isEmpty()
                ? null
                : new PriceLevel(bids.firstKey(), bids.firstEntry().getValue());
    }

    /** Best ask, or null. */
    public PriceLevel bestAsk() {
        return asks.isEmpty()
                ? null
                : new PriceLevel(asks.firstKey(), asks.firstEntry().getValue());
    }

    /** Best ask − best bid in micro-units, or null when a side is empty. */
    public Long spread() {
        return bids.isEmpty() || asks.isEmpty() ? null : asks.firstKey() - bids.firstKey();
    }

    /** Mid price in payout units (exact decimal, e.g. 0.435), or null when a side is empty. */
    public BigDecimal mid() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(bids.firstKey() + asks.firstKey(), 6)
                .divide(BigDecimal.valueOf(2));
    }

    /**
     * Total quantity (micro-contracts) on a side at prices at least as good as {@code limit}: bids
     * at or above it, asks at or below it.
     */
    public long depthTo(BookSide side, long limit) {
        long total = 0;
        for (Map.Entry<Long, Long> e : (side == BookSide.BID ? bids : asks).entrySet()) {
            boolean within = side == BookSide.BID ? e.getKey() >= limit : e.getKey() <= limit;
            if (!within) {
                break;
            }
            total += e.getValue();
        }
        return total;
    }
}
