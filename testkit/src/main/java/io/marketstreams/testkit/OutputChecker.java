package io.marketstreams.testkit;

import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.testkit.Violation.Rule;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An independent checker of the job's output: it decodes the output streams with the published
 * schemas and checks each stream's contract and the cross-stream invariants. It shares no code with
 * the job beyond the schemas and the client library. Each stream adds its rules here.
 *
 * <p>Three ways in, one set of rules:
 *
 * <ul>
 *   <li>{@code new OutputChecker(bootstrap, namespace).check()} reads the output topics of a
 *       namespace with a plain {@code read_committed} consumer ({@link TopicRecords});
 *   <li>{@link #check(Map)} checks Kafka records already in memory (headers, bytes and keys too);
 *   <li>{@link #check(DecodedOutput)} checks decoded records, for example built by hand or taken
 *       from an operator harness, without a broker.
 * </ul>
 *
 * <p>Rules: the wire rules of {@link WireDecoder}; {@link TradeRules}; {@link BookRules};
 * quarantine records carry a detail and a stage; {@link LifecycleRules} (the catalog and lifecycle
 * streams and the spec's five cross-stream invariants). Every {@link Violation} names its {@link
 * Rule}.
 *
 * <p>For at-least-once output, {@link #allowingRepeats()} first drops records that repeat an
 * earlier record of the same key exactly, as a client dropping {@code seq <= last} would.
 */
public final class OutputChecker {
    private final String bootstrapServers;
    private final String namespace;
    private final boolean allowRepeats;

    /** A checker of the output topics of {@code namespace} on the cluster at the bootstrap. */
    public OutputChecker(String bootstrapServers, String namespace) {
        this(bootstrapServers, namespace, false);
    }

    private OutputChecker(String bootstrapServers, String namespace, boolean allowRepeats) {
        this.bootstrapServers = bootstrapServers;
        this.namespace = namespace;
        this.allowRepeats = allowRepeats;
    }

    /** A checker of output in memory: {@link #check()} is not available on it. */
    public static OutputChecker inMemory() {
        return new OutputChecker(null, null, false);
    }

    /** A checker for at-least-once output, which may repeat records after a restart. */
    public OutputChecker allowingRepeats() {
        return new OutputChecker(bootstrapServers, namespace, true);
    }

    /** What the checker read and what it found wrong. */
    public record Report(
            Map<StreamTopic, Integer> counts,
            LifecycleRules.Streams lifecycle,
            List<Trade> trades,
            List<OrderBookSnapshot> snapshots,
            List<OrderBookDelta> deltas,
            Map<String, BookReplica> books,
            List<Quarantined> quarantined,
            List<Violation> found) {
        public boolean ok() {
            return found.isEmpty();
        }

        /** One line per violation: the rule, then what broke it. */
        public List<String> violations() {
            return found.stream().map(Violation::toString).toList();
        }

        /** The rules broken at least once. */
        public Set<Rule> rules() {
            Set<Rule> rules = EnumSet.noneOf(Rule.class);
            found.forEach(f -> rules.add(f.rule()));
            return rules;
        }
    }

    /** Reads the output topics of the namespace and checks every rule. */
    public Report check() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("an in-memory checker has no topics to read");
        }
        Map<String, StreamTopic> streams = new LinkedHashMap<>();
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            streams.put(stream.topic().topicName(namespace), stream.topic());
        }
        Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        TopicRecords.readAll(bootstrapServers, streams.keySet())
                .forEach((topic, read) -> records.put(streams.get(topic), read));
        return check(records);
    }

    /**
     * Checks Kafka records of the output streams, each list in the order a consumer reads its topic
     * (a stream without an entry has no records); counts are the records given, decodable or not.
     */
    public Report check(Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> records) {
        Violations violations = new Violations();
        DecodedOutput decoded = WireDecoder.decode(records, violations);
        Map<StreamTopic, Integer> counts = new HashMap<>();
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            counts.put(stream.topic(), records.getOrDefault(stream.topic(), List.of()).size());
        }
        return check(decoded, counts, violations);
    }

    /** Checks decoded records of the output streams; counts are the records given. */
    public Report check(DecodedOutput output) {
        return check(output, output.counts(), new Violations());
    }

    private Report check(
            DecodedOutput output, Map<StreamTopic, Integer> counts, Violations violations) {
        DecodedOutput checked = allowRepeats ? output.withoutRepeats() : output;
        LifecycleRules.Streams streams = checked.lifecycle();
        TradeRules.check(streams.trades(), violations);
        Map<String, BookReplica> books =
                BookRules.check(streams.bookSnapshots(), streams.bookDeltas(), violations);
        for (Quarantined q : checked.quarantined()) {
            if (q.getDetail() == null || q.getDetail().isBlank() || q.getStage().isBlank()) {
                violations.add(
                        Rule.QUARANTINE_INCOMPLETE,
                        "quarantine record without detail or stage: " + q);
            }
        }
        LifecycleRules.check(streams, violations);
        return new Report(
                counts,
                streams,
                streams.trades(),
                streams.bookSnapshots(),
                streams.bookDeltas(),
                books,
                checked.quarantined(),
                violations.all());
    }
}
