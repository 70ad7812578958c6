package io.marketstreams.client;

import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One book's records in emission order, and the book "as of" a venue event time, from records read
 * off the topics (or the Parquet archive). Emission order is by canonical sequence; at an equal
 * sequence the delta that produced it comes before a snapshot restating it.
 */
public final class BookHistory {
    private BookHistory() {}

    /** A snapshot or a delta of one book. */
    public record Entry(OrderBookSnapshot snapshot, OrderBookDelta delta) {
        public long sequence() {
            return snapshot != null ? snapshot.getSequenceStart() : delta.getSequenceNumber();
        }

        public long venueEventTime() {
            return snapshot != null ? snapshot.getVenueEventTime() : delta.getVenueEventTime();
        }
    }

    /** Merges one book's snapshots and deltas into emission order. */
    public static List<Entry> ordered(
            List<OrderBookSnapshot> snapshots, List<OrderBookDelta> deltas) {
        List<Entry> entries = new ArrayList<>(snapshots.size() + deltas.size());
        snapshots.forEach(s -> entries.add(new Entry(s, null)));
        deltas.forEach(d -> entries.add(new Entry(null, d)));
        entries.sort(
                Comparator.comparingLong(Entry::sequence)
                        .thenComparingInt(e -> e.snapshot() == null ? 0 : 1));
        return entries;
    }

    /**
     * The book as of venue event time {@code t}: the state after the last record, in emission
     * order, whose venue event time is at or before {@code t}. Null when no snapshot at or before
     * {@code t} is among the records (a compacted snapshot topic keeps only the latest snapshot per
     * book; older points in time need the archive).
     */
    public static BookReplica asOf(
            String key, List<OrderBookSnapshot> snapshots, List<OrderBookDelta> deltas, long t) {
        List<Entry> entries = ordered(snapshots, deltas);
        int start = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.venueEventTime() > t) {
                break;
            }
            if (e.snapshot() != null) {
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        BookReplica replica = new BookReplica(key);
        replica.apply(entries.get(start).snapshot());
        for (int i = start + 1; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.venueEventTime() > t) {
                break;
            }
            BookReplica.Status status =
                    e.snapshot() != null ? replica.apply(e.snapshot()) : replica.apply(e.delta());
            if (status == BookReplica.Status.GAP || status == BookReplica.Status.MISMATCH) {
                throw new IllegalStateException(key + ": " + status + " at " + e.sequence());
            }
        }
        return replica;
    }
}
