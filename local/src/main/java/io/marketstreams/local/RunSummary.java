package io.marketstreams.local;

import io.marketstreams.client.BookReplica;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting.Names;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.OutputChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The end-of-run summary of a {@link LocalRun}: both accounting identities from the job's
 * accumulators, written against committed records per stream, the output checker's verdict, the
 * books the client library rebuilt against the simulator's true books, and the cross-venue events.
 * Computed once from the stopped job; {@link #ok()} is the run's exit status.
 */
final class RunSummary {
    private final OutputChecker.Report report;
    private final Map<String, Object> acc;
    private final long produced;
    private final boolean simulated;
    private final Map<String, List<List<PriceLevel>>> truth;

    private final long framesIn;
    private final long framesParsed;
    private final long framesIgnored;
    private final long framesQuarantined;
    private final long framesRepeated;
    private final long in;
    private final long emitted;
    private final long quarantined;
    private final long duplicates;
    private final int committedQuarantine;
    private final int booksEqual;

    /**
     * @param report the output checker's report over the committed output
     * @param accumulators the stopped job's accumulators
     * @param produced native frames the run produced to the raw topics
     * @param trueBooks the simulator's true books, or {@code null} when a capture was replayed
     */
    RunSummary(
            OutputChecker.Report report,
            Map<String, Object> accumulators,
            long produced,
            Map<String, List<List<PriceLevel>>> trueBooks) {
        this.report = report;
        this.acc = accumulators;
        this.produced = produced;
        this.simulated = trueBooks != null;
        this.truth = trueBooks == null ? Map.of() : trueBooks;
        framesIn = counter(acc, RawFrameFunction.Names.IN);
        framesParsed = counter(acc, RawFrameFunction.Names.PARSED);
        framesIgnored = counter(acc, RawFrameFunction.Names.IGNORED);
        framesQuarantined = counter(acc, RawFrameFunction.Names.QUARANTINED);
        framesRepeated = counter(acc, RawFrameFunction.Names.DUPLICATES);
        in = counter(acc, Names.IN);
        emitted = counter(acc, Names.EMITTED);
        quarantined = counter(acc, Names.QUARANTINED);
        duplicates = counter(acc, Names.DUPLICATES);
        committedQuarantine = report.counts().get(StreamTopic.QUARANTINE);
        booksEqual = booksEqualToTheTruth();
    }

    /** An accumulator's value as a long, 0 when the job has not registered it (yet). */
    static long counter(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0L : ((Number) value).longValue();
    }

    /**
     * Whether the run is good: both identities hold, every written record is committed, the job
     * read every produced frame, the checker found nothing and every book equals the venue's.
     */
    boolean ok() {
        return frameIdentity()
                && recordIdentity()
                && committed()
                && framesIn == produced
                && report.ok()
                && booksEqual == truth.size();
    }

    /** The summary as printed, ending with the savepoint's location. */
    String text(String savepoint) {
        StringBuilder out = new StringBuilder();
        out.append("\n=== marketstreams local run: summary ===\n");
        out.append(
                String.format(
                        "native frames produced to raw.kalshi + raw.polymarket  %,10d%n",
                        produced));
        out.append(identities());
        out.append(streams());
        out.append(checker());
        if (simulated) {
            out.append(
                    String.format(
                            "books rebuilt by the client library equal to the simulated venues'"
                                    + " books: %d of %d%n",
                            booksEqual, truth.size()));
        }
        out.append(crossVenueEvents());
        out.append("savepoint: " + savepoint + "\n");
        return out.toString();
    }

    private boolean frameIdentity() {
        return framesIn == framesParsed + framesIgnored + framesQuarantined + framesRepeated;
    }

    private boolean recordIdentity() {
        return in == emitted + quarantined + duplicates;
    }

    /** Every record written to a stream (the quarantine included) is committed. */
    private boolean committed() {
        boolean committed = committedQuarantine == quarantined + framesQuarantined;
        for (StreamTopic topic : outputStreams()) {
            committed &= written(topic) == report.counts().get(topic);
        }
        return committed;
    }

    private static List<StreamTopic> outputStreams() {
        List<StreamTopic> streams = new ArrayList<>();
        for (StreamTopic topic : StreamTopic.values()) {
            if (topic.isOutput() && topic != StreamTopic.QUARANTINE) {
                streams.add(topic);
            }
        }
        return streams;
    }

    private long written(StreamTopic topic) {
        return counter(acc, Names.OUT_PREFIX + topic.streamName());
    }

    private int booksEqualToTheTruth() {
        int equal = 0;
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica replica = report.books().get(e.getKey());
            if (replica != null
                    && replica.levels(BookSide.BID).equals(e.getValue().get(0))
                    && replica.levels(BookSide.ASK).equals(e.getValue().get(1))) {
                equal++;
            }
        }
        return equal;
    }

    private String identities() {
        return String.format(
                        "frames read %,d = parsed %,d + ignored %,d + quarantined %,d + repeats"
                                + " dropped %,d  %s%n",
                        framesIn,
                        framesParsed,
                        framesIgnored,
                        framesQuarantined,
                        framesRepeated,
                        frameIdentity() ? "OK" : "BROKEN")
                + String.format(
                        "records (messages of parsed frames) %,d = emitted %,d + quarantined %,d +"
                                + " duplicates %,d  %s%n",
                        in, emitted, quarantined, duplicates, recordIdentity() ? "OK" : "BROKEN");
    }

    /** Written and committed records per stream, the quarantine last with its reasons. */
    private String streams() {
        StringBuilder streams = new StringBuilder();
        for (StreamTopic topic : outputStreams()) {
            streams.append(
                    String.format(
                            "  %-22s %,10d written, %,10d committed%n",
                            topic.streamName(), written(topic), report.counts().get(topic)));
        }
        Map<ReasonCode, Integer> reasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            reasons.merge(q.getReason(), 1, Integer::sum);
        }
        streams.append(
                String.format(
                        "  %-22s %,10d written, %,10d committed %s%n",
                        "quarantine",
                        quarantined + framesQuarantined,
                        committedQuarantine,
                        reasons));
        return streams.toString();
    }

    private String checker() {
        List<String> violations = report.violations();
        return "output checker (the five invariants, book sequences and checksums): "
                + (report.ok()
                        ? "OK"
                        : violations.size()
                                + " violations "
                                + violations.subList(0, Math.min(5, violations.size())))
                + "\n";
    }

    /** One line on the canonical events that list more than one venue (cross-venue linking). */
    private String crossVenueEvents() {
        Map<String, Event> latest = new TreeMap<>();
        for (Event e : report.lifecycle().events()) {
            latest.merge(e.getEventId(), e, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        List<String> linked = new ArrayList<>();
        for (Event e : latest.values()) {
            Set<String> venues = new TreeSet<>();
            e.getVenueEvents().forEach(v -> venues.add(v.getVenueId()));
            if (venues.size() > 1) {
                linked.add(e.getEventId() + " " + e.getVenueEvents().size() + " venue events");
            }
        }
        return String.format(
                "canonical events listed on several venues (linked): %d %s%n",
                linked.size(), linked);
    }
}
