package io.marketstreams.testkit;

import io.marketstreams.client.BookHistory;
import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.SnapshotReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The order-book rules of {@link OutputChecker}, per book, over records in per-topic order. */
public final class BookRules {
    private BookRules() {}

    /** Checks every book; returns the books rebuilt by the client library. */
    public static Map<String, BookReplica> check(
            List<OrderBookSnapshot> snapshots,
            List<OrderBookDelta> deltas,
            List<String> violations) {
        Map<String, List<OrderBookSnapshot>> snapshotsByKey = new LinkedHashMap<>();
        Map<String, List<OrderBookDelta>> deltasByKey = new LinkedHashMap<>();
        for (OrderBookSnapshot s : snapshots) {
            snapshotsByKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        for (OrderBookDelta d : deltas) {
            deltasByKey.computeIfAbsent(key(d), k -> new ArrayList<>()).add(d);
        }
        Map<String, BookReplica> books = new TreeMap<>();
        for (String key : union(snapshotsByKey, deltasByKey)) {
            List<OrderBookSnapshot> ks = snapshotsByKey.getOrDefault(key, List.of());
            List<OrderBookDelta> kd = deltasByKey.getOrDefault(key, List.of());
            increasing(
                    key,
                    "orders.snapshot",
                    ks.stream().map(OrderBookSnapshot::getSequenceStart).toList(),
                    violations);
            increasing(
                    key,
                    "orders.delta",
                    kd.stream().map(OrderBookDelta::getSequenceNumber).toList(),
                    violations);
            books.put(key, fold(key, BookHistory.ordered(ks, kd), violations));
        }
        return books;
    }

    private static BookReplica fold(
            String key, List<BookHistory.Entry> entries, List<String> violations) {
        BookReplica replica = new BookReplica(key);
        long last = 0;
        boolean resyncing = false;
        for (BookHistory.Entry e : entries) {
            String where = key + " @" + e.sequence();
            if (e.snapshot() != null) {
                OrderBookSnapshot s = e.snapshot();
                SnapshotReason reason = s.getReason();
                // INITIAL, RESYNC and CLOSED take the next number; PERIODIC restates the last.
                boolean reset = reason != SnapshotReason.PERIODIC;
                if (last == 0 && reason != SnapshotReason.INITIAL) {
                    violations.add(
                            where + ": first record is a " + reason + " snapshot, not INITIAL");
                }
                if (last > 0 && reason == SnapshotReason.INITIAL) {
                    violations.add(where + ": INITIAL snapshot after the book started");
                }
                if (reason == SnapshotReason.RESYNC && !resyncing) {
                    violations.add(where + ": RESYNC snapshot without a preceding RESYNCING delta");
                }
                if (resyncing && reason != SnapshotReason.RESYNC) {
                    violations.add(where + ": " + reason + " snapshot while the book is RESYNCING");
                }
                long expected = reset ? last + 1 : last;
                if (s.getSequenceStart() != expected) {
                    violations.add(
                            where
                                    + ": "
                                    + reason
                                    + " snapshot where sequence "
                                    + expected
                                    + " was due");
                }
                if (reason == SnapshotReason.CLOSED
                        && (!replica.levels(BookSide.BID).equals(s.getBids())
                                || !replica.levels(BookSide.ASK).equals(s.getAsks()))) {
                    violations.add(where + ": CLOSED snapshot differs from the book it closes");
                }
                BookReplica.Status status = replica.apply(s);
                BookReplica.Status want =
                        reset ? BookReplica.Status.APPLIED : BookReplica.Status.REPEAT;
                if (status != want) {
                    violations.add(
                            where + ": " + reason + " snapshot " + status + " on the rebuilt book");
                }
                if (reset) {
                    resyncing = false;
                    last = s.getSequenceStart();
                }
            } else {
                OrderBookDelta d = e.delta();
                if (last == 0) {
                    violations.add(where + ": delta before the first snapshot");
                    continue;
                }
                if (resyncing) {
                    violations.add(where + ": delta while the book is RESYNCING");
                }
                if (d.getSequenceNumber() != last + 1) {
                    violations.add(where + ": delta where sequence " + (last + 1) + " was due");
                }
                BookReplica.Status status = replica.apply(d);
                if (status != BookReplica.Status.APPLIED) {
                    violations.add(where + ": delta " + status + " on the rebuilt book");
                }
                if (d.getHealth() == BookHealth.RESYNCING) {
                    if (!d.getMutations().isEmpty()) {
                        violations.add(where + ": RESYNCING delta carries mutations");
                    }
                    resyncing = true;
                } else if (d.getMutations().isEmpty()) {
                    violations.add(where + ": LIVE delta without mutations");
                }
                last = d.getSequenceNumber();
            }
        }
        return replica;
    }

    private static void increasing(
            String key, String topic, List<Long> sequences, List<String> violations) {
        for (int i = 1; i < sequences.size(); i++) {
            if (sequences.get(i) <= sequences.get(i - 1)) {
                violations.add(
                        key
                                + ": "
                                + topic
                                + " sequence "
                                + sequences.get(i)
                                + " after "
                                + sequences.get(i - 1));
            }
        }
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return new ArrayList<>(keys.keySet());
    }

    private static String key(OrderBookSnapshot s) {
        return s.getMarketId() + "|" + s.getOutcomeId();
    }

    private static String key(OrderBookDelta d) {
        return d.getMarketId() + "|" + d.getOutcomeId();
    }
}
