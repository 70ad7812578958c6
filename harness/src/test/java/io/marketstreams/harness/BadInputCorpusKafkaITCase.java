package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.testkit.OutputChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole bad-input corpus through the raw path, in one run of the canonical job with its default
 * limits (embedded Kafka, MiniCluster, RocksDB, exactly-once): every frame ends parsed, ignored,
 * dropped or quarantined with the reason {@code corpus/manifest.tsv} gives it, attributed by its
 * raw-topic offset; the run ends without a failure; both accounting identities hold with the
 * manifest's counts; and the output keeps every rule of the independent checker. The huge frame is
 * 6 MiB here: above the job's 4 MiB limit, within what the raw topics take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusKafkaITCase {
    private static final int HUGE_FRAME_BYTES = 6 << 20;
    private static final String IN = "corpus";
    private static final String OUT = "corpus-out";

    private JobRuns runs;
    private List<BadInputCorpus.Class> classes;
    private List<BadInputCorpus.Frame> frames;
    private JobExecutionResult result;
    private OutputChecker.Report report;

    @BeforeAll
    void run() throws Exception {
        assertThat(HUGE_FRAME_BYTES)
                .isGreaterThan(InputLimits.DEFAULTS.maxFrameBytes())
                .isLessThan(RawFrameWire.MAX_RECORD_BYTES);
        classes = BadInputCorpus.classes(HUGE_FRAME_BYTES);
        frames = BadInputCorpus.frames(classes);
        runs = JobRuns.start();
        runs.provisionRaw(IN);
        runs.produceFrames(IN, frames.stream().map(BadInputCorpus.Frame::frame).toList());
        // A failing job makes runBounded throw (no restarts): reaching the next line is the
        // "zero job failures" of the corpus.
        result = runs.rawFrames(IN, OUT).runBounded();
        report = new OutputChecker(runs.bootstrap(), OUT).check();
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    @Test
    void everyFrameEndsAsTheManifestSays() {
        Map<String, List<String>> quarantinedBySource = new HashMap<>();
        for (Quarantined q : report.quarantined()) {
            quarantinedBySource
                    .computeIfAbsent(
                            q.getSourceTopic() + "@" + q.getSourceOffset(), k -> new ArrayList<>())
                    .add(BadInputCorpus.Disposition.of(q.getStage(), q.getReason(), q.getDetail()));
        }
        List<String> mismatches = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        Map<String, Long> offsets = new HashMap<>();
        for (BadInputCorpus.Class c : classes) {
            for (int i = 0; i < c.frames().size(); i++) {
                BadInputCorpus.Frame f = c.frames().get(i);
                String topic =
                        StreamTopic.ofStreamName(RawFrameWire.streamName(f.frame().venueId()))
                                .topicName(IN);
                String source = topic + "@" + (offsets.merge(topic, 1L, Long::sum) - 1);
                sources.add(source);
                String quarantine = f.expected().quarantine();
                List<String> expected = quarantine == null ? List.of() : List.of(quarantine);
                List<String> actual = quarantinedBySource.getOrDefault(source, List.of());
                if (!actual.equals(expected)) {
                    mismatches.add(
                            c.name()
                                    + " frame "
                                    + i
                                    + " ("
                                    + source
                                    + "): expected "
                                    + f.expected().token()
                                    + ", quarantined "
                                    + actual);
                }
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(quarantinedBySource.keySet())
                .as("no quarantine record without its frame")
                .isSubsetOf(sources);
        assertThat(report.quarantined())
                .allSatisfy(
                        q ->
                                assertThat(q.getPayload().remaining())
                                        .isLessThanOrEqualTo(InputLimits.QUARANTINE_PAYLOAD_BYTES));
    }

    @Test
    void bothAccountingIdentitiesHoldWithTheManifestsCounts() {
        Map<String, Object> acc = result.getAllAccumulatorResults();
        AccountingIdentities.assertFramesAccountedFor(acc, frames.size());

        assertThat(AccountingIdentities.count(acc, RawFrameFunction.Names.PARSED))
                .isEqualTo(count(d -> d.parses() && !d.token().equals("repeat")));
        assertThat(AccountingIdentities.count(acc, RawFrameFunction.Names.IGNORED))
                .isEqualTo(count(d -> d.token().equals("ignored")));
        assertThat(AccountingIdentities.count(acc, RawFrameFunction.Names.QUARANTINED))
                .isEqualTo(count(BadInputCorpus.Disposition::rawQuarantine));
        assertThat(AccountingIdentities.count(acc, RawFrameFunction.Names.DUPLICATES))
                .isEqualTo(count(d -> d.token().equals("repeat")));
        assertThat(AccountingIdentities.count(acc, RecordAccounting.Names.QUARANTINED))
                .isEqualTo(count(BadInputCorpus.Disposition::laterQuarantine));
        long duplicateRecords =
                frames.stream()
                        .filter(f -> f.expected().token().equals("duplicate"))
                        .mapToLong(f -> BadInputCorpus.messages(f.frame()))
                        .sum();
        assertThat(AccountingIdentities.count(acc, RecordAccounting.Names.DUPLICATES))
                .isEqualTo(duplicateRecords);
    }

    @Test
    void theOutputKeepsEveryRuleOfTheChecker() {
        assertThat(report.violations()).isEmpty();
        assertThat(report.books()).as("the clean sessions made books").isNotEmpty();
    }

    private long count(Predicate<BadInputCorpus.Disposition> which) {
        return frames.stream().map(BadInputCorpus.Frame::expected).filter(which).count();
    }
}
