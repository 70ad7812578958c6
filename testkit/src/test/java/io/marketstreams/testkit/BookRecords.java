package io.marketstreams.testkit;

import io.marketstreams.client.Checksum;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.SnapshotReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Writes one book's records as the contract says the job must: a canonical sequence from 1, the
 * levels best first, the checksum of the book after each record (the client library's {@link
 * Checksum}). Tests build clean output with it, and correctly numbered breaks.
 */
final class BookRecords {
    private final String marketId;
    private final String outcomeId;
    private final String venueId;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private long sequence;

    BookRecords(String marketId, String outcomeId, String venueId) {
        this.marketId = marketId;
        this.outcomeId = outcomeId;
        this.venueId = venueId;
    }

    /** Sets a level directly, as a venue snapshot does (0 removes it). */
    BookRecords level(BookSide side, long price, long quantity) {
        NavigableMap<Long, Long> levels = side == BookSide.BID ? bids : asks;
        if (quantity == 0) {
            levels.remove(price);
        } else {
            levels.put(price, quantity);
        }
        return this;
    }

    /** Clears both sides, as before a RESYNC snapshot replaces the book. */
    BookRecords clear() {
        bids.clear();
        asks.clear();
        return this;
    }

    /** A snapshot of the book now: resets take the next number, PERIODIC restates the last. */
    OrderBookSnapshot snapshot(SnapshotReason reason, BookHealth health, long time) {
        if (reason != SnapshotReason.PERIODIC) {
            sequence++;
        }
        return OrderBookSnapshot.newBuilder()
                .setMarketId(marketId)
                .setOutcomeId(outcomeId)
                .setVenueId(venueId)
                .setSequenceStart(sequence)
                .setBids(levels(bids))
                .setAsks(levels(asks))
                .setChecksum(checksum())
                .setReason(reason)
                .setHealth(health)
                .setVenueSequence(null)
                .setVenueEventTime(time)
                .setIngestTime(time + 3)
                .build();
    }

    /** A LIVE delta applying the mutations atomically, at the next number. */
    OrderBookDelta delta(long time, LevelMutation... mutations) {
        for (LevelMutation m : mutations) {
            level(
                    m.getSide(),
                    m.getPrice(),
                    m.getAction() == MutationAction.REMOVE ? 0 : m.getQuantity());
        }
        return deltaRecord(time, BookHealth.LIVE, List.of(mutations));
    }

    /** The health delta announcing RESYNCING: no mutations, the next number. */
    OrderBookDelta resyncing(long time) {
        return deltaRecord(time, BookHealth.RESYNCING, List.of());
    }

    private OrderBookDelta deltaRecord(long time, BookHealth health, List<LevelMutation> changes) {
        sequence++;
        return OrderBookDelta.newBuilder()
                .setMarketId(marketId)
                .setOutcomeId(outcomeId)
                .setVenueId(venueId)
                .setSequenceNumber(sequence)
                .setMutations(new ArrayList<>(changes))
                .setChecksum(checksum())
                .setHealth(health)
                .setVenueSequence(null)
                .setVenueEventTime(time)
                .setIngestTime(time + 3)
                .build();
    }

    static LevelMutation add(BookSide side, long price, long quantity) {
        return new LevelMutation(MutationAction.ADD, side, price, quantity);
    }

    static LevelMutation modify(BookSide side, long price, long quantity) {
        return new LevelMutation(MutationAction.MODIFY, side, price, quantity);
    }

    static LevelMutation remove(BookSide side, long price) {
        return new LevelMutation(MutationAction.REMOVE, side, price, 0L);
    }

    /** The contract's checksum of levels given best first. */
    static long checksum(List<PriceLevel> bids, List<PriceLevel> asks) {
        long sum = 0;
        for (PriceLevel l : bids) {
            sum += Checksum.level(true, l.getPrice(), l.getQuantity());
        }
        for (PriceLevel l : asks) {
            sum += Checksum.level(false, l.getPrice(), l.getQuantity());
        }
        return sum;
    }

    private long checksum() {
        return checksum(levels(bids), levels(asks));
    }

    private static List<PriceLevel> levels(NavigableMap<Long, Long> side) {
        List<PriceLevel> levels = new ArrayList<>();
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            levels.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return levels;
    }
}
