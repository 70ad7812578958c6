package io.marketstreams.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.harness.JobRun;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.harness.RunningJob;
import io.marketstreams.harness.VenueRecord;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.sim.TradeTrafficGenerator;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OutputChecker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the canonical job (RocksDB, exactly-once) unbounded on embedded Kafka over generated book
 * traffic followed by lifecycle input (a halt, a close and a resolution), stops it with a savepoint
 * once its output holds every final book and state change, and checks the savepoint tools against
 * that savepoint: {@link SavepointBooks} lists and dumps exactly the books of the committed output,
 * {@link SavepointMarkets} the lifecycle the committed {@code market.state.updated} shows last, and
 * {@link SavepointVerification} finds the savepoint equal to a replay of its input, and unequal to
 * a replay of less input or to a tampered book. The job runs once, for all tests.
 */
class SavepointBooksKafkaITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String IN = "sp-in";
    private static final String OUT = "sp-out";
    private static final String HALTED = "kalshi:SIM-K-0001";
    private static final String RESOLVED = "kalshi:SIM-K-0002";

    /** The job run and its savepoint, shared by the tests (taken by the first that needs it). */
    private record Run(
            Path dir,
            JobRuns runs,
            Configuration conf,
            String savepoint,
            int inputRecords,
            Map<String, List<List<PriceLevel>>> truth,
            OutputChecker.Report committed) {}

    private static Run run;
    private static InputReplay.Result fullReplay;

    private static synchronized Run run() throws Exception {
        if (run == null) {
            run = takeSavepoint();
        }
        return run;
    }

    private static synchronized InputReplay.Result fullReplay() throws Exception {
        if (fullReplay == null) {
            fullReplay = InputReplay.run(SourceOffsets.read(run().savepoint()), run().conf());
        }
        return fullReplay;
    }

    @AfterAll
    static void stopKafkaAndDeleteFiles() throws Exception {
        if (run != null) {
            run.runs().close();
            try (Stream<Path> files = Files.walk(run.dir())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void listsTheBooksOfTheCommittedOutput() throws Exception {
        Run r = run();
        List<BookRow> rows = SavepointBooks.read(r.savepoint());

        assertThat(rows).extracting(BookRow::key).isSorted();
        assertThat(rows)
                .extracting(BookRow::key)
                .containsExactlyElementsOf(new TreeMap<>(r.truth()).keySet())
                .containsExactlyInAnyOrderElementsOf(r.committed().books().keySet());
        Map<String, String> lastState = lastCommittedState(r.committed());
        for (BookRow row : rows) {
            BookReplica replica = r.committed().books().get(row.key());
            assertThat(row.sequence()).as(row.key() + " sequence").isEqualTo(replica.sequence());
            assertThat(row.checksum()).as(row.key() + " checksum").isEqualTo(replica.checksum());
            assertThat(row.health()).as(row.key()).isEqualTo(replica.health().name());
            assertThat(levels(row.bidPrices(), row.bidQty()))
                    .as(row.key() + " bids")
                    .isEqualTo(replica.levels(BookSide.BID));
            assertThat(levels(row.askPrices(), row.askQty()))
                    .as(row.key() + " asks")
                    .isEqualTo(replica.levels(BookSide.ASK));
            String market = row.key().substring(0, row.key().indexOf('|'));
            assertThat(row.lifecycle()).as(row.key()).isEqualTo(lastState.get(market));
        }
        assertThat(rows)
                .filteredOn(b -> b.key().startsWith(RESOLVED + "|"))
                .extracting(BookRow::health)
                .containsOnly(BookHealth.CLOSED.name());

        // The printed table: a header, one line per book, a count.
        List<String> lines = printed(out -> SavepointBooks.print(rows, out));
        assertThat(lines).hasSize(rows.size() + 2);
        assertThat(lines.get(0)).startsWith("KEY");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(rows.size() + " books");
    }

    @Test
    void dumpsOneBookLevelByLevelAsTheClientRebuildsIt() throws Exception {
        Run r = run();
        // The deepest live book, so that the dump has levels on both sides to compare.
        BookReplica replica =
                r.committed().books().values().stream()
                        .filter(b -> b.health() == BookHealth.LIVE)
                        .max(
                                Comparator.comparingInt(
                                        b ->
                                                b.levels(BookSide.BID).size()
                                                        + b.levels(BookSide.ASK).size()))
                        .orElseThrow();
        assertThat(replica.levels(BookSide.BID)).isNotEmpty();
        assertThat(replica.levels(BookSide.ASK)).isNotEmpty();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit =
                SavepointBooks.run(
                        new String[] {r.savepoint(), "--book", replica.key()},
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        System.err);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(exit).isZero();
        assertThat(lines.get(0))
                .isEqualTo(
                        replica.key()
                                + " sequence="
                                + replica.sequence()
                                + " health=LIVE checksum="
                                + replica.checksum()
                                + " lifecycle="
                                + lastCommittedState(r.committed())
                                        .get(
                                                replica.key()
                                                        .substring(0, replica.key().indexOf('|'))));
        Map<String, List<PriceLevel>> dumped = new TreeMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.trim().split("\\s+");
            assertThat(Integer.parseInt(f[1]))
                    .as("level index of " + line)
                    .isEqualTo(dumped.getOrDefault(f[0], List.of()).size());
            dumped.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new PriceLevel(Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        assertThat(dumped.get("BID")).isEqualTo(replica.levels(BookSide.BID));
        assertThat(dumped.get("ASK")).isEqualTo(replica.levels(BookSide.ASK));

        assertThat(
                        SavepointBooks.run(
                                new String[] {r.savepoint(), "--book", "no-such|book"},
                                new PrintStream(new ByteArrayOutputStream()),
                                new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(1);
    }

    @Test
    void dumpsTheLifecycleOfEveryMarketAsTheCommittedStateStreamShowsLast() throws Exception {
        Run r = run();
        List<MarketRow> markets = SavepointMarkets.read(r.savepoint());
        List<Market> discovered = r.committed().lifecycle().markets();
        Map<String, MarketStateChange> last = new HashMap<>();
        for (MarketStateChange c : r.committed().lifecycle().marketStates()) {
            last.merge(
                    c.getMarketId(),
                    c,
                    (a, b) -> a.getStateSequence() >= b.getStateSequence() ? a : b);
        }

        assertThat(markets)
                .extracting(MarketRow::marketId)
                .isSorted()
                .containsExactlyInAnyOrderElementsOf(
                        discovered.stream().map(Market::getMarketId).toList());
        assertThat(last).containsKeys(HALTED, RESOLVED);
        Map<String, String> lastState = lastCommittedState(r.committed());
        for (MarketRow m : markets) {
            MarketStateChange change = last.get(m.marketId());
            assertThat(m.discovered()).as(m.marketId()).isTrue();
            assertThat(m.state()).as(m.marketId()).isEqualTo(lastState.get(m.marketId()));
            assertThat(m.stateSequence())
                    .as(m.marketId() + " state sequence")
                    .isEqualTo(change == null ? 0 : change.getStateSequence());
            if (change != null) {
                assertThat(m.stateReason()).as(m.marketId()).isEqualTo(change.getReason());
            }
            assertThat(m.pending()).as(m.marketId() + " held input").isZero();
            assertThat(m.books()).as(m.marketId() + " books").isEqualTo(2);
        }
        MarketRow halted = byId(markets, HALTED);
        assertThat(halted.state()).isEqualTo("HALTED");
        assertThat(halted.stateReason()).isEqualTo("VENUE_PAUSED");
        assertThat(halted.cleanupTime()).isNull();
        MarketRow resolved = byId(markets, RESOLVED);
        assertThat(resolved.state()).isEqualTo("RESOLVED");
        assertThat(resolved.stateSequence()).isEqualTo(2);
        assertThat(resolved.resolutionRevision()).isEqualTo(1);
        assertThat(resolved.resolvedOutcomeId()).isEqualTo("YES");
        assertThat(resolved.resolutionConfidence()).isEqualTo("DETERMINED");
        assertThat(resolved.booksClosed()).isTrue();
        // The closed-state retention (1 h of event time) is far ahead of this input's watermark.
        assertThat(resolved.cleanupTime()).isNotNull();
        assertThat(resolved.cleaned()).isFalse();

        List<String> table = printed(out -> SavepointMarkets.print(markets, out));
        assertThat(table).hasSize(markets.size() + 2);
        assertThat(table.get(0)).startsWith("MARKET");
        assertThat(table.get(table.size() - 1)).isEqualTo(markets.size() + " markets");
        List<String> one =
                printed(
                        out ->
                                assertThat(
                                                SavepointMarkets.run(
                                                        new String[] {
                                                            r.savepoint(), "--market", RESOLVED
                                                        },
                                                        out,
                                                        System.err))
                                        .isZero());
        assertThat(one)
                .contains(
                        "market: " + RESOLVED,
                        "state: RESOLVED",
                        "state_sequence: 2",
                        "resolved_outcome: YES",
                        "books_closed: true",
                        "cleanup_time: " + resolved.cleanupTime());
    }

    @Test
    void verifiesTheSavepointAgainstAReplayOfItsInput() throws Exception {
        Run r = run();
        Map<String, Map<TopicPartition, Long>> offsets = SourceOffsets.read(r.savepoint());
        // The job's position in each of the 4 input partitions: at most their end (the last
        // records may be unread when the output is final, e.g. a repeated venue message); a
        // partition no key hashed to is still at the EARLIEST_OFFSET marker of its split.
        assertThat(offsets).containsOnlyKeys(Stages.SOURCE);
        assertThat(offsets.get(Stages.SOURCE)).hasSize(4);
        assertThat(offsets.get(Stages.SOURCE).values())
                .allSatisfy(o -> assertThat(o == -2L || o > 0).as("offset " + o).isTrue());
        assertThat(
                        offsets.get(Stages.SOURCE).values().stream()
                                .mapToLong(o -> Math.max(o, 0))
                                .sum())
                .isBetween(r.inputRecords() - 20L, (long) r.inputRecords());

        // The command line, with the job's configuration as --key value overrides.
        List<String> args = new ArrayList<>(List.of(r.savepoint()));
        r.conf().toMap().forEach((k, v) -> args.addAll(List.of("--" + k, v)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit =
                SavepointVerification.run(
                        args.toArray(String[]::new),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        System.err);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(exit).as(String.join("\n", lines)).isZero();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("VERIFIED");
        int books = r.truth().size();
        int markets = r.committed().lifecycle().markets().size();
        assertThat(lines)
                .filteredOn(l -> l.startsWith("OK ") && l.contains(" book "))
                .hasSize(books);
        assertThat(lines)
                .filteredOn(l -> l.startsWith("OK ") && l.contains(" market "))
                .hasSize(markets);
        assertThat(lines)
                .contains(
                        books
                                + " books and "
                                + markets
                                + " markets compared: "
                                + (books + markets)
                                + " OK, 0 HELD, 0 MISMATCH; 0 books of cleaned markets only"
                                + " in the replay");
    }

    @Test
    void reportsAMismatchAgainstLessInputOrATamperedBook() throws Exception {
        Run r = run();
        Map<String, Map<TopicPartition, Long>> offsets = SourceOffsets.read(r.savepoint());
        List<BookRow> books = SavepointBooks.read(r.savepoint());
        List<MarketRow> markets = SavepointMarkets.read(r.savepoint());

        // A tampered expectation: one book's checksum off by one.
        List<BookRow> tampered = new ArrayList<>(books);
        BookRow b = tampered.get(0);
        tampered.set(
                0,
                new BookRow(
                        b.key(),
                        b.sequence(),
                        b.health(),
                        b.bidPrices(),
                        b.bidQty(),
                        b.askPrices(),
                        b.askQty(),
                        b.checksum() + 1,
                        b.lifecycle()));
        SavepointVerification.Report report =
                SavepointVerification.compare(tampered, markets, offsets, fullReplay());
        assertThat(report.ok()).isFalse();
        assertThat(report.with(SavepointVerification.Status.MISMATCH))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.key()).isEqualTo(b.key());
                            assertThat(v.detail()).startsWith("checksum");
                        });

        // A different input range: the replay stops 40 records early on one partition.
        Map<TopicPartition, Long> shorter = new TreeMap<>(comparator());
        shorter.putAll(offsets.get(Stages.SOURCE));
        TopicPartition cut = shorter.keySet().iterator().next();
        shorter.put(cut, shorter.get(cut) - 40);
        InputReplay.Result lessInput = InputReplay.run(Map.of(Stages.SOURCE, shorter), r.conf());
        SavepointVerification.Report less =
                SavepointVerification.compare(
                        books, markets, Map.of(Stages.SOURCE, shorter), lessInput);
        assertThat(less.ok()).isFalse();
        assertThat(less.with(SavepointVerification.Status.MISMATCH))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.detail()).doesNotContain("null"));
        List<String> lines = printed(out -> SavepointVerification.print(less, out));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("MISMATCH");
    }

    private static Comparator<TopicPartition> comparator() {
        return Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition);
    }

    private static MarketRow byId(List<MarketRow> markets, String id) {
        return markets.stream().filter(m -> m.marketId().equals(id)).findFirst().orElseThrow();
    }

    /** Each market's state as the committed output shows last: its last change, or discovery. */
    private static Map<String, String> lastCommittedState(OutputChecker.Report report) {
        Map<String, String> state = new HashMap<>();
        for (Market m : report.lifecycle().markets()) {
            state.put(m.getMarketId(), m.getInitialState().name());
        }
        Map<String, Long> sequence = new HashMap<>();
        for (MarketStateChange c : report.lifecycle().marketStates()) {
            if (c.getStateSequence() > sequence.getOrDefault(c.getMarketId(), 0L)) {
                sequence.put(c.getMarketId(), c.getStateSequence());
                state.put(c.getMarketId(), c.getNewState().name());
            }
        }
        return state;
    }

    private static List<String> printed(Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<PriceLevel> levels(long[] prices, long[] quantities) {
        List<PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            levels.add(new PriceLevel(prices[i], quantities[i]));
        }
        return levels;
    }

    private static Run takeSavepoint() throws Exception {
        Path dir = Files.createTempDirectory("marketstreams-savepoints");
        JobRuns runs = JobRuns.start(dir);
        BookTrafficGenerator generator = new BookTrafficGenerator(7L, 3, 3, 0.08);
        List<GeneratedRecord> input = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            input.add(generator.next());
        }
        input.addAll(generator.finish());
        Map<String, List<List<PriceLevel>>> truth = generator.trueBooks();
        input.addAll(lifecycleTail());
        runs.provisionVenueMessages(IN);
        runs.produce(IN, venueRecords(input));

        JobRun job =
                runs.venueMessages(IN, OUT)
                        // The input ends: without an idle timeout its quiet partitions would hold
                        // the watermark back, and the linker (which discovers events and markets
                        // in event-time order) would wait for more input forever in this
                        // unbounded run.
                        .set(CanonicalJobOptions.IDLE_TIMEOUT.key(), "500 ms")
                        .named("savepoint-books");
        RunningJob running = job.start();
        Path savepoint;
        try {
            awaitFinalOutput(runs.bootstrap(), truth);
        } finally {
            savepoint = running.stopWithSavepoint(false);
        }
        // Everything the job emitted before the savepoint is committed by now.
        OutputChecker.Report committed = new OutputChecker(runs.bootstrap(), OUT).check();
        assertThat(committed.violations()).isEmpty();
        return new Run(
                dir,
                runs,
                job.configuration(),
                savepoint.toString(),
                input.size(),
                truth,
                committed);
    }

    /**
     * After the books' final snapshots: {@link #HALTED} is paused; {@link #RESOLVED} closes and is
     * determined YES, which closes its books.
     */
    private static List<GeneratedRecord> lifecycleTail() {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        // A minute after the generator's traffic (milliseconds apart, from the same epoch).
        long t = TradeTrafficGenerator.EPOCH_MS + Duration.ofMinutes(1).toMillis();
        List<Object> payloads =
                List.of(
                        new MarketStatus("SIM-K-0001", "inactive", null),
                        new MarketStatus("SIM-K-0002", "closed", null),
                        Resolution.newBuilder()
                                .setVenueMarketId("SIM-K-0002")
                                .setResolvedOutcomeId("YES")
                                .setPayouts(List.<OutcomePayout>of())
                                .setVenueStatus("determined")
                                .setResolutionSource("venue")
                                .build());
        List<String> keys = List.of(HALTED, RESOLVED, RESOLVED);
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            VenueMessage message =
                    VenueMessage.newBuilder()
                            .setVenueId("kalshi")
                            .setVenueEventTime(t + i)
                            .setIngestTime(t + i + 1)
                            .setPayload(payloads.get(i))
                            .build();
            records.add(
                    new GeneratedRecord(
                            keys.get(i),
                            codec.encode(message),
                            codec.fingerprint(),
                            GeneratedRecord.Kind.CATALOG));
        }
        return records;
    }

    /**
     * Polls the committed output until every open book equals its true book and the lifecycle
     * tail's state changes are there: those are each market's last input, so by then the job has
     * processed all input.
     */
    private static void awaitFinalOutput(
            String bootstrap, Map<String, List<List<PriceLevel>>> truth) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            OutputChecker.Report report = new OutputChecker(bootstrap, OUT).check();
            Map<String, BookReplica> books = report.books();
            boolean booksDone =
                    truth.entrySet().stream()
                            .allMatch(
                                    e -> {
                                        BookReplica b = books.get(e.getKey());
                                        if (e.getKey().startsWith(RESOLVED + "|")) {
                                            return b != null && b.health() == BookHealth.CLOSED;
                                        }
                                        return b != null
                                                && b.hasBook()
                                                && b.levels(BookSide.BID)
                                                        .equals(e.getValue().get(0))
                                                && b.levels(BookSide.ASK)
                                                        .equals(e.getValue().get(1));
                                    });
            Map<String, String> state = lastCommittedState(report);
            boolean lifecycleDone =
                    "HALTED".equals(state.get(HALTED)) && "RESOLVED".equals(state.get(RESOLVED));
            if (booksDone && lifecycleDone) {
                return;
            }
            assertThat(System.nanoTime()).as("final output").isLessThan(deadline);
        }
    }

    private static List<VenueRecord> venueRecords(List<GeneratedRecord> generated) {
        return generated.stream()
                .map(r -> VenueRecord.of(r.key(), r.value(), r.schemaFingerprint()))
                .toList();
    }
}
