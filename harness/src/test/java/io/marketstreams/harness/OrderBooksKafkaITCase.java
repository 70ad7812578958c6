package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookFeed;
import io.marketstreams.client.BookReplica;
import io.marketstreams.jobs.DeliveryMode;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OutputChecker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Order books end to end: generated Kalshi- and Polymarket-style book traffic with gaps, repeats,
 * reorders and stale messages → Kafka → canonical job (RocksDB) → Kafka → the client library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderBooksKafkaITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private JobRuns runs;
    private final List<VenueRecord> inputs = new ArrayList<>();
    private Map<String, List<List<PriceLevel>>> truth;
    private JobExecutionResult baseline;
    private long baselineOutput;

    @BeforeAll
    void runBaseline() throws Exception {
        runs = JobRuns.start();
        BookTrafficGenerator generator = new BookTrafficGenerator(21L, 6, 6, 0.08);
        for (int i = 0; i < 4000; i++) {
            inputs.add(venueRecord(generator.next()));
        }
        for (GeneratedRecord r : generator.finish()) {
            inputs.add(venueRecord(r));
        }
        truth = generator.trueBooks();
        runs.provisionVenueMessages("books-in");
        runs.produce("books-in", inputs);
        baseline = runs.venueMessages("books-in", "books-a").runBounded();
        baselineOutput = runs.outputCount("books-a");
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    private static VenueRecord venueRecord(GeneratedRecord r) {
        return VenueRecord.of(r.key(), r.value(), r.schemaFingerprint());
    }

    @Test
    void booksAreGapFreeVerifiableAndEqualTheVenueBooks() {
        OutputChecker.Report report = new OutputChecker(runs.bootstrap(), "books-a").check();
        assertThat(report.violations()).isEmpty();

        // The rebuilt books are the venue's true books after its closing snapshots.
        assertThat(report.books().keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica book = report.books().get(e.getKey());
            assertThat(book.levels(BookSide.BID)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(book.levels(BookSide.ASK)).as(e.getKey()).isEqualTo(e.getValue().get(1));
        }

        // Venue gaps are visible to clients as RESYNCING deltas and RESYNC snapshots.
        assertThat(report.deltas()).anyMatch(d -> d.getHealth() == BookHealth.RESYNCING);
        assertThat(report.snapshots()).anyMatch(s -> s.getReason() == SnapshotReason.RESYNC);
        assertThat(report.snapshots()).anyMatch(s -> s.getReason() == SnapshotReason.PERIODIC);
        assertThat(report.quarantined())
                .extracting(Quarantined::getReason)
                .contains(ReasonCode.SEQUENCE_GAP, ReasonCode.STALE)
                .isSubsetOf(ReasonCode.SEQUENCE_GAP, ReasonCode.RESYNCING, ReasonCode.STALE);

        // The accounting identity.
        Map<String, Object> acc = baseline.getAllAccumulatorResults();
        long in = (Long) acc.get(RecordAccounting.Names.IN);
        long emitted = (Long) acc.get(RecordAccounting.Names.EMITTED);
        long quarantined = (Long) acc.get(RecordAccounting.Names.QUARANTINED);
        long duplicates = (Long) acc.get(RecordAccounting.Names.DUPLICATES);
        assertThat(in).isEqualTo(inputs.size());
        assertThat(in).isEqualTo(emitted + quarantined + duplicates);
        assertThat(quarantined).isEqualTo(report.quarantined().size());
        assertThat(duplicates).isPositive();
        assertThat(acc.get(RecordAccounting.Names.OUT_PREFIX + "orders.delta"))
                .isEqualTo((long) report.deltas().size());
        assertThat(acc.get(RecordAccounting.Names.OUT_PREFIX + "orders.snapshot"))
                .isEqualTo((long) report.snapshots().size());
    }

    @Test
    void theClientLibraryRebuildsTheSameBooksFromKafka() {
        List<String> problems = new ArrayList<>();
        try (BookFeed feed =
                new BookFeed(
                        runs.bootstrap(),
                        "books-a",
                        (book, status, sequence, snapshot) -> {
                            if (status == BookReplica.Status.MISMATCH) {
                                problems.add(book.key() + " mismatch at " + sequence);
                            }
                        })) {
            while (feed.poll(Duration.ofMillis(500)) > 0) {
                // drain everything committed
            }
            assertThat(problems).isEmpty();
            assertThat(feed.undecodable()).isZero();
            for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
                BookReplica book = feed.books().get(e.getKey());
                assertThat(book.hasBook()).as(e.getKey()).isTrue();
                assertThat(book.levels(BookSide.BID)).as(e.getKey()).isEqualTo(e.getValue().get(0));
                assertThat(book.levels(BookSide.ASK)).as(e.getKey()).isEqualTo(e.getValue().get(1));
            }
        }
    }

    @Test
    void aRerunIsByteIdenticalPerKey() throws Exception {
        runs.venueMessages("books-in", "books-b").runBounded();

        runs.assertSameOutput("books-a", "books-b", false);
    }

    @Test
    void exactlyOnceFailureAndRestoreGiveIdenticalOutput() throws Exception {
        int half = inputs.size() / 2;
        runs.runWithOneFailure(
                runs.venueMessages("books-in-c", "books-c").delivery(DeliveryMode.EXACTLY_ONCE),
                inputs.subList(0, half),
                inputs.subList(half, inputs.size()),
                1,
                () -> baselineOutput);

        assertThat(runs.outputCount("books-c")).isEqualTo(baselineOutput);
        runs.assertSameOutput("books-a", "books-c", false);
    }

    @Test
    void atLeastOnceFailureMayRepeatButDedupesToIdenticalOutput() throws Exception {
        int half = inputs.size() / 2;
        runs.runWithOneFailure(
                runs.venueMessages("books-in-d", "books-d").delivery(DeliveryMode.AT_LEAST_ONCE),
                inputs.subList(0, half),
                inputs.subList(half, inputs.size()),
                1,
                () -> baselineOutput);

        OutputChecker.Report report =
                new OutputChecker(runs.bootstrap(), "books-d").allowingRepeats().check();
        assertThat(report.violations()).isEmpty();
        runs.assertSameOutput("books-a", "books-d", true);
    }
}
