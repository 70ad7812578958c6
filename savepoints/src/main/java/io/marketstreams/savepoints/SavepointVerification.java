package io.marketstreams.savepoints;

import io.marketstreams.client.BookReplica;
import io.marketstreams.jobs.JobConfiguration;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.PriceLevel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.common.TopicPartition;

/**
 * Verifies a savepoint of the canonical job against a replay of its input: replays the job's Kafka
 * input from the earliest offset up to the position stored in the savepoint ({@link SourceOffsets})
 * through the job's topology ({@link InputReplay}), rebuilds every book from the replayed output
 * with the client library, and compares each book the savepoint holds (sequence, health, checksum,
 * every level) and each market's lifecycle (state, state sequence, resolution) with the replay's.
 *
 * <pre>
 * SavepointVerification &lt;savepoint-path&gt; [--config-dir DIR] [--key value ...]
 * </pre>
 *
 * The configuration is the job's ({@code --config-dir} and overrides, as for the job): it names the
 * Kafka cluster and the operator settings, which must be those the savepoint was taken with. Exit
 * code 0 when nothing mismatches, 1 on a mismatch, 2 when the savepoint or input cannot be read.
 *
 * <p>How the end of the bounded replay is accounted for: when the replay's input ends, the
 * watermark jumps to its maximum and fires every pending event-time timer of the market operator,
 * which the savepoint's timers had not necessarily reached. Those timers (1) clear a resolved
 * market's books after the closed-state retention — invisible in the output, so the replay's books
 * are unaffected, and books the savepoint itself already cleared are only counted; (2) quarantine
 * input held past the discovery timeout. Input is held only while its market (or a market info's
 * event) is not known, and a market's books exist only once it is known, so this changes no book
 * unless the savepoint still holds input of a discovered market (a market info naming an event not
 * yet discovered); for such a market ({@code pending > 0} in {@link MarketRow}) a replay that went
 * further is reported as {@link Status#HELD} provided the replayed book at the savepoint's sequence
 * equals the savepoint's. Nothing else of the market operator runs on timers.
 */
public final class SavepointVerification {
    /** Verdict of one book or market. */
    public enum Status {
        /** Equal to the replay. */
        OK,
        /**
         * The replay went further only by deciding input the savepoint still holds (see the class
         * comment); equal up to the savepoint's position. Not a failure.
         */
        HELD,
        /** Different from the replay: a failure. */
        MISMATCH
    }

    /**
     * The verdict of one book ({@code market|outcome}) or market.
     *
     * @param kind {@code book} or {@code market}
     * @param key the book key or market id
     * @param status the verdict
     * @param detail what was compared, or the first difference
     */
    public record Verdict(String kind, String key, Status status, String detail) {}

    /**
     * The verification's result.
     *
     * @param verdicts one per book and market of the savepoint (and per replayed book or market the
     *     savepoint lacks), books first, each sorted by key
     * @param cleanedBooks books the replay rebuilt whose market the savepoint already cleaned after
     *     the closed-state retention
     * @param offsets the savepoint's input position the replay stopped at, per source uid
     */
    public record Report(
            List<Verdict> verdicts,
            int cleanedBooks,
            Map<String, Map<TopicPartition, Long>> offsets) {
        /** Whether no book or market mismatched. */
        public boolean ok() {
            return verdicts.stream().noneMatch(v -> v.status() == Status.MISMATCH);
        }

        /** The verdicts with a status. */
        public List<Verdict> with(Status status) {
            return verdicts.stream().filter(v -> v.status() == status).toList();
        }
    }

    private SavepointVerification() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the verification with command-line arguments.
     *
     * @return the exit code: 0 verified, 1 a mismatch, 2 usage error, unreadable savepoint or input
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args[0].startsWith("--")) {
            err.println(
                    "usage: SavepointVerification <savepoint-path> [--config-dir DIR] [--key"
                            + " value ...]");
            return 2;
        }
        Report report;
        try {
            Configuration conf =
                    JobConfiguration.fromArgs(Arrays.copyOfRange(args, 1, args.length));
            report = verify(args[0], conf);
        } catch (Exception e) {
            err.println("cannot verify " + args[0] + ": " + e);
            return 2;
        }
        print(report, out);
        return report.ok() ? 0 : 1;
    }

    /** Reads the savepoint, replays its input and compares. */
    public static Report verify(String savepointPath, Configuration jobConf) throws Exception {
        Map<String, Map<TopicPartition, Long>> offsets = SourceOffsets.read(savepointPath);
        return compare(
                SavepointBooks.read(savepointPath),
                SavepointMarkets.read(savepointPath),
                offsets,
                InputReplay.run(offsets, jobConf));
    }

    /** Compares the books and markets of a savepoint with a replay. */
    public static Report compare(
            List<BookRow> books,
            List<MarketRow> markets,
            Map<String, Map<TopicPartition, Long>> offsets,
            InputReplay.Result replay) {
        Map<String, MarketRow> marketById = new HashMap<>();
        for (MarketRow m : markets) {
            marketById.put(m.marketId(), m);
        }
        List<Verdict> verdicts = new ArrayList<>();
        Map<String, BookRow> saved = new HashMap<>();
        for (BookRow book : books) {
            saved.put(book.key(), book);
            verdicts.add(compareBook(book, marketById.get(marketOf(book.key())), replay));
        }
        int cleaned = 0;
        for (String key : replay.books().keySet()) {
            if (saved.containsKey(key)) {
                continue;
            }
            MarketRow market = marketById.get(marketOf(key));
            if (market != null && market.cleaned()) {
                cleaned++;
            } else if (market != null && market.pending() > 0) {
                verdicts.add(
                        new Verdict(
                                "book",
                                key,
                                Status.HELD,
                                "not in the savepoint; the replay created it deciding the "
                                        + market.pending()
                                        + " inputs the savepoint holds"));
            } else {
                BookReplica r = replay.books().get(key);
                verdicts.add(
                        new Verdict(
                                "book",
                                key,
                                Status.MISMATCH,
                                "in the replay (seq="
                                        + r.sequence()
                                        + " checksum="
                                        + r.checksum()
                                        + "), not in the savepoint"));
            }
        }
        for (MarketRow market : markets) {
            verdicts.add(compareMarket(market, replay));
        }
        for (String marketId : replay.markets().keySet()) {
            if (!marketById.containsKey(marketId)) {
                verdicts.add(
                        new Verdict(
                                "market",
                                marketId,
                                Status.MISMATCH,
                                "discovered in the replay, not in the savepoint"));
            }
        }
        verdicts.sort(
                (a, b) ->
                        a.kind().equals(b.kind())
                                ? a.key().compareTo(b.key())
                                : a.kind().equals("book") ? -1 : 1);
        return new Report(verdicts, cleaned, offsets);
    }

    private static Verdict compareBook(BookRow book, MarketRow market, InputReplay.Result replay) {
        BookReplica full = replay.books().get(book.key());
        if (full == null) {
            return new Verdict("book", book.key(), Status.MISMATCH, "no replayed record");
        }
        String difference = difference(book, full);
        if (difference == null) {
            return new Verdict(
                    "book",
                    book.key(),
                    Status.OK,
                    "seq=" + book.sequence() + " checksum=" + book.checksum());
        }
        if (market != null && market.pending() > 0 && full.sequence() > book.sequence()) {
            String prefix = difference(book, replay.bookAt(book.key(), book.sequence()));
            if (prefix == null) {
                return new Verdict(
                        "book",
                        book.key(),
                        Status.HELD,
                        "equal at seq="
                                + book.sequence()
                                + "; the replay went on to seq="
                                + full.sequence()
                                + " deciding the "
                                + market.pending()
                                + " inputs the savepoint holds");
            }
        }
        return new Verdict("book", book.key(), Status.MISMATCH, difference);
    }

    /** The first difference between a savepoint's book and a replayed one, or null. */
    static String difference(BookRow book, BookReplica replica) {
        if (!replica.hasBook()) {
            return "the client holds no book after the replayed records (gap or checksum"
                    + " mismatch)";
        }
        if (book.sequence() != replica.sequence()) {
            return "sequence "
                    + book.sequence()
                    + " in the savepoint, "
                    + replica.sequence()
                    + " in the replay";
        }
        if (!book.health().equals(replica.health().name())) {
            return "health "
                    + book.health()
                    + " in the savepoint, "
                    + replica.health()
                    + " in the replay";
        }
        if (book.checksum() != replica.checksum()) {
            return "checksum "
                    + book.checksum()
                    + " in the savepoint, "
                    + replica.checksum()
                    + " in the replay";
        }
        if (!levels(book.bidPrices(), book.bidQty()).equals(replica.levels(BookSide.BID))) {
            return "bid levels differ";
        }
        if (!levels(book.askPrices(), book.askQty()).equals(replica.levels(BookSide.ASK))) {
            return "ask levels differ";
        }
        return null;
    }

    private static Verdict compareMarket(MarketRow market, InputReplay.Result replay) {
        Market discovered = replay.markets().get(market.marketId());
        MarketStateChange last = replay.lastStateChange().get(market.marketId());
        MarketResolution resolution = replay.lastResolution().get(market.marketId());
        String state =
                last != null
                        ? last.getNewState().name()
                        : discovered != null ? discovered.getInitialState().name() : "-";
        long stateSequence = last == null ? 0 : last.getStateSequence();
        int revision = resolution == null ? 0 : resolution.getRevision();
        String outcome = resolution == null ? null : resolution.getResolvedOutcomeId();
        String difference = null;
        if (market.discovered() != (discovered != null)) {
            difference =
                    (market.discovered() ? "discovered" : "not discovered")
                            + " in the savepoint, "
                            + (discovered != null ? "discovered" : "not discovered")
                            + " in the replay";
        } else if (!market.state().equals(state) || market.stateSequence() != stateSequence) {
            difference =
                    "state "
                            + market.state()
                            + "#"
                            + market.stateSequence()
                            + " in the savepoint, "
                            + state
                            + "#"
                            + stateSequence
                            + " in the replay";
        } else if (market.resolutionRevision() != revision
                || !Objects.equals(market.resolvedOutcomeId(), outcome)) {
            difference =
                    "resolution "
                            + market.resolutionRevision()
                            + "/"
                            + market.resolvedOutcomeId()
                            + " in the savepoint, "
                            + revision
                            + "/"
                            + outcome
                            + " in the replay";
        }
        if (difference == null) {
            return new Verdict(
                    "market",
                    market.marketId(),
                    Status.OK,
                    "state=" + market.state() + " seq=" + market.stateSequence());
        }
        if (market.pending() > 0 && stateSequence >= market.stateSequence()) {
            return new Verdict(
                    "market",
                    market.marketId(),
                    Status.HELD,
                    difference
                            + ", after deciding the "
                            + market.pending()
                            + " inputs the savepoint holds");
        }
        return new Verdict("market", market.marketId(), Status.MISMATCH, difference);
    }

    /** Prints one line per verdict, then a summary. */
    public static void print(Report report, PrintStream out) {
        for (Map.Entry<String, Map<TopicPartition, Long>> source : report.offsets().entrySet()) {
            out.println("input of " + source.getKey() + " up to " + source.getValue());
        }
        for (Verdict v : report.verdicts()) {
            out.printf("%-8s %-6s %-40s %s%n", v.status(), v.kind(), v.key(), v.detail());
        }
        long books = report.verdicts().stream().filter(v -> v.kind().equals("book")).count();
        out.printf(
                "%d books and %d markets compared: %d OK, %d HELD, %d MISMATCH; %d books of"
                        + " cleaned markets only in the replay%n",
                books,
                report.verdicts().size() - books,
                report.with(Status.OK).size(),
                report.with(Status.HELD).size(),
                report.with(Status.MISMATCH).size(),
                report.cleanedBooks());
        out.println(report.ok() ? "VERIFIED" : "MISMATCH");
    }

    private static String marketOf(String bookKey) {
        int bar = bookKey.indexOf('|');
        return bar < 0 ? bookKey : bookKey.substring(0, bar);
    }

    private static List<PriceLevel> levels(long[] prices, long[] quantities) {
        List<PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            levels.add(new PriceLevel(prices[i], quantities[i]));
        }
        return levels;
    }
}
