package io.marketstreams.testkit;

import io.marketstreams.client.BookHistory;
import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.testkit.Violation.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order-book rules of {@link OutputChecker}, per book ({@code market_id|outcome_id}), over
 * records in per-topic order: per key and topic, sequences strictly increase; merged per key in
 * emission order the first record is an INITIAL snapshot; every sequence number from 1 to the last
 * is taken by exactly one delta or reset (INITIAL/RESYNC) or CLOSED snapshot, and PERIODIC
 * snapshots restate the book at an existing number; every record's checksum (and a restating
 * snapshot's levels) matches the book rebuilt so far by the client library; a RESYNCING delta has
 * no mutations and is followed only by a RESYNC snapshot, which only follows a RESYNCING delta
 * (books reset only via snapshots, and every reset is announced).
 *
 * <p>Once the rebuilt book is lost (a gap or a mismatch, already reported), the records up to the
 * next snapshot are checked for their numbers only, as a client would wait for that snapshot.
 */
public final class BookRules {
    private BookRules() {}

    /** Checks every book; adds a line per broken rule; returns the books rebuilt. */
    public static Map<String, BookReplica> check(
            List<OrderBookSnapshot> snapshots,
            List<OrderBookDelta> deltas,
            List<String> violations) {
        Violations found = new Violations();
        Map<String, BookReplica> books = check(snapshots, deltas, found);
        violations.addAll(found.lines());
        return books;
    }

    /** Checks every book; returns the books rebuilt by the client library. */
    public static Map<String, BookReplica> check(
            List<OrderBookSnapshot> snapshots, List<OrderBookDelta> deltas, Violations violations) {
        Map<String, List<OrderBookSnapshot>> snapshotsByKey = new LinkedHashMap<>();
        Map<String, List<OrderBookDelta>> deltasByKey = new LinkedHashMap<>();
        for (OrderBookSnapshot s : snapshots) {
            snapshotsByKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        for (OrderBookDelta d : deltas) {
            deltasByKey.computeIfAbsent(key(d), k -> new ArrayList<>()).add(d);
        }
        TreeMap<String, Boolean> keys = new TreeMap<>();
        snapshotsByKey.keySet().forEach(k -> keys.put(k, true));
        deltasByKey.keySet().forEach(k -> keys.put(k, true));
        Map<String, BookReplica> books = new TreeMap<>();
        for (String key : keys.keySet()) {
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
            Fold fold = new Fold(key, violations);
            BookHistory.ordered(ks, kd).forEach(fold::accept);
            books.put(key, fold.replica);
        }
        return books;
    }

    /** One book's records folded in emission order into the client library's replica. */
    private static final class Fold {
        private final String key;
        private final Violations violations;
        private final BookReplica replica;
        private long last;
        private boolean started;
        private boolean resyncing;

        Fold(String key, Violations violations) {
            this.key = key;
            this.violations = violations;
            this.replica = new BookReplica(key);
        }

        void accept(BookHistory.Entry e) {
            if (e.snapshot() != null) {
                snapshot(e.snapshot());
            } else {
                delta(e.delta());
            }
        }

        private void snapshot(OrderBookSnapshot s) {
            String where = key + " @" + s.getSequenceStart();
            SnapshotReason reason = s.getReason();
            // INITIAL, RESYNC and CLOSED take the next number; PERIODIC restates the last.
            boolean reset = reason != SnapshotReason.PERIODIC;
            if (!started && reason != SnapshotReason.INITIAL) {
                violations.add(
                        Rule.BOOK_START, where + ": first snapshot is " + reason + ", not INITIAL");
            }
            if (started && reason == SnapshotReason.INITIAL) {
                violations.add(
                        Rule.BOOK_START, where + ": INITIAL snapshot after the book started");
            }
            if (reason == SnapshotReason.RESYNC && !resyncing) {
                violations.add(
                        Rule.BOOK_RESYNC,
                        where + ": RESYNC snapshot without a preceding RESYNCING delta");
            }
            if (resyncing && reason != SnapshotReason.RESYNC) {
                violations.add(
                        Rule.BOOK_RESYNC,
                        where + ": " + reason + " snapshot while the book is RESYNCING");
            }
            long expected = reset ? last + 1 : last;
            if (s.getSequenceStart() != expected) {
                violations.add(
                        Rule.BOOK_SEQUENCE,
                        where
                                + ": "
                                + reason
                                + " snapshot where sequence "
                                + expected
                                + " was due");
            }
            if (reason == SnapshotReason.CLOSED
                    && replica.hasBook()
                    && (!replica.levels(BookSide.BID).equals(s.getBids())
                            || !replica.levels(BookSide.ASK).equals(s.getAsks()))) {
                violations.add(
                        Rule.BOOK_CLOSED_DIFFERS,
                        where + ": CLOSED snapshot differs from the book it closes");
            }
            // REPEAT or APPLIED where the other was due follows from a number reported above.
            if (replica.apply(s) == BookReplica.Status.MISMATCH) {
                violations.add(
                        Rule.BOOK_CHECKSUM,
                        where
                                + ": "
                                + reason
                                + " snapshot does not match its checksum or the book");
            }
            started = true;
            if (reset) {
                resyncing = false;
                last = s.getSequenceStart();
            }
        }

        private void delta(OrderBookDelta d) {
            String where = key + " @" + d.getSequenceNumber();
            if (!started) {
                violations.add(
                        Rule.BOOK_DELTA_BEFORE_SNAPSHOT,
                        where + ": delta before the first snapshot");
                return;
            }
            if (resyncing) {
                violations.add(Rule.BOOK_RESYNC, where + ": delta while the book is RESYNCING");
            }
            if (d.getSequenceNumber() != last + 1) {
                violations.add(
                        Rule.BOOK_SEQUENCE,
                        where + ": delta where sequence " + (last + 1) + " was due");
            }
            // GAP and REPEAT follow from the number just checked; NO_BOOK from a loss reported.
            if (replica.apply(d) == BookReplica.Status.MISMATCH) {
                violations.add(
                        Rule.BOOK_CHECKSUM,
                        where + ": delta checksum differs from the rebuilt book's");
            }
            if (d.getHealth() == BookHealth.RESYNCING) {
                if (!d.getMutations().isEmpty()) {
                    violations.add(
                            Rule.BOOK_DELTA_CONTENT, where + ": RESYNCING delta carries mutations");
                }
                resyncing = true;
            } else if (d.getMutations().isEmpty()) {
                violations.add(Rule.BOOK_DELTA_CONTENT, where + ": LIVE delta without mutations");
            }
            last = d.getSequenceNumber();
        }
    }

    private static void increasing(
            String key, String topic, List<Long> sequences, Violations violations) {
        for (int i = 1; i < sequences.size(); i++) {
            if (sequences.get(i) <= sequences.get(i - 1)) {
                violations.add(
                        Rule.BOOK_TOPIC_ORDER,
                        "%s: %s sequence %d after %d"
                                .formatted(key, topic, sequences.get(i), sequences.get(i - 1)));
            }
        }
    }

    private static String key(OrderBookSnapshot s) {
        return s.getMarketId() + "|" + s.getOutcomeId();
    }

    private static String key(OrderBookDelta d) {
        return d.getMarketId() + "|" + d.getOutcomeId();
    }
}
