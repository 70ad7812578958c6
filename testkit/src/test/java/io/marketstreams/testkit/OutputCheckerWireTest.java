package io.marketstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.Violation.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker on Kafka records in memory: clean output encoded as the job writes it passes with the
 * same books and counts as the decoded output; each break of a wire rule (headers, bytes, key) is
 * reported under its rule, and a content break still reaches the stream rules.
 */
class OutputCheckerWireTest {
    /** The wire rules these breaks show firing (the mutation test checks all rules are shown). */
    static final Set<Rule> RULES_SHOWN =
            EnumSet.of(Rule.WIRE_HEADER, Rule.WIRE_UNDECODABLE, Rule.WIRE_KEY);

    /** One break of a Kafka record of a stream, and the rule it must be reported under. */
    record WireBreak(
            StreamTopic stream,
            UnaryOperator<ConsumerRecord<byte[], byte[]>> apply,
            Rule reported) {}

    static Stream<Named<WireBreak>> breaks() {
        return Stream.of(
                wireBreak(
                        "a trade keyed by another market",
                        StreamTopic.TRADES_EXECUTED,
                        r -> rebuilt(r, bytes("kalshi:OTHER"), r.value(), r.headers()),
                        Rule.WIRE_KEY),
                wireBreak(
                        "no stream header",
                        StreamTopic.QUARANTINE,
                        r -> rebuilt(r, r.key(), r.value(), without(r, WireHeaders.STREAM)),
                        Rule.WIRE_HEADER),
                wireBreak(
                        "another stream's header",
                        StreamTopic.QUARANTINE,
                        r -> withHeader(r, WireHeaders.STREAM, bytes("trades.executed")),
                        Rule.WIRE_HEADER),
                wireBreak(
                        "no fingerprint header",
                        StreamTopic.QUARANTINE,
                        r ->
                                rebuilt(
                                        r,
                                        r.key(),
                                        r.value(),
                                        without(r, WireHeaders.SCHEMA_FINGERPRINT)),
                        Rule.WIRE_HEADER),
                wireBreak(
                        "a fingerprint of no released schema",
                        StreamTopic.QUARANTINE,
                        r ->
                                withHeader(
                                        r,
                                        WireHeaders.SCHEMA_FINGERPRINT,
                                        WireHeaders.fingerprintHeader(42L)),
                        Rule.WIRE_UNDECODABLE),
                wireBreak(
                        "a trailing byte after the value",
                        StreamTopic.QUARANTINE,
                        r ->
                                rebuilt(
                                        r,
                                        r.key(),
                                        Arrays.copyOf(r.value(), r.value().length + 1),
                                        r.headers()),
                        Rule.WIRE_UNDECODABLE),
                wireBreak(
                        "a truncated value",
                        StreamTopic.QUARANTINE,
                        r ->
                                rebuilt(
                                        r,
                                        r.key(),
                                        Arrays.copyOf(r.value(), r.value().length / 2),
                                        r.headers()),
                        Rule.WIRE_UNDECODABLE));
    }

    @Test
    void cleanOutputOnTheWireHasNoViolationAndTheSameContent() {
        DecodedOutput clean = new CleanOutput().output();
        Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> wire = WireRecords.encode(clean, "");

        OutputChecker.Report fromWire = OutputChecker.inMemory().check(wire);
        OutputChecker.Report decoded = OutputChecker.inMemory().check(clean);

        assertThat(fromWire.violations()).isEmpty();
        assertThat(fromWire.counts()).isEqualTo(decoded.counts());
        assertThat(fromWire.counts().get(StreamTopic.ORDERS_DELTA)).isEqualTo(10);
        assertThat(fromWire.books().keySet()).isEqualTo(decoded.books().keySet());
        fromWire.books()
                .forEach(
                        (key, book) ->
                                assertThat(book.checksum())
                                        .as(key)
                                        .isEqualTo(decoded.books().get(key).checksum()));
        // Partitioning interleaves keys differently from emission order: per key is enough.
        assertThat(fromWire.trades()).containsExactlyInAnyOrderElementsOf(decoded.trades());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void eachWireBreakIsReportedUnderItsRule(WireBreak wireBreak) {
        Map<StreamTopic, List<ConsumerRecord<byte[], byte[]>>> wire =
                WireRecords.encode(new CleanOutput().output(), "");
        List<ConsumerRecord<byte[], byte[]>> records =
                new ArrayList<>(wire.get(wireBreak.stream()));
        records.set(0, wireBreak.apply().apply(records.get(0)));
        wire.put(wireBreak.stream(), records);

        OutputChecker.Report report = OutputChecker.inMemory().check(wire);

        assertThat(report.rules())
                .as("rules reported: %s", report.violations())
                .containsExactly(wireBreak.reported());
        assertThat(report.counts().get(wireBreak.stream()))
                .as("a record that breaks a wire rule is still counted as read")
                .isEqualTo(records.size());
    }

    @Test
    void aContentBreakReachesTheStreamRulesThroughTheWire() {
        CleanOutput output = new CleanOutput();
        output.delta(CleanOutput.M1_YES, 3)
                .setChecksum(output.delta(CleanOutput.M1_YES, 3).getChecksum() ^ 1L);

        OutputChecker.Report report =
                OutputChecker.inMemory().check(WireRecords.encode(output.output(), ""));

        assertThat(report.rules()).containsExactly(Rule.BOOK_CHECKSUM);
    }

    @Test
    void anInMemoryCheckerHasNoTopicsToRead() {
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> OutputChecker.inMemory().check());
    }

    private static Named<WireBreak> wireBreak(
            String name,
            StreamTopic stream,
            UnaryOperator<ConsumerRecord<byte[], byte[]>> apply,
            Rule reported) {
        return Named.of(name, new WireBreak(stream, apply, reported));
    }

    private static ConsumerRecord<byte[], byte[]> rebuilt(
            ConsumerRecord<byte[], byte[]> r, byte[] key, byte[] value, Iterable<Header> headers) {
        ConsumerRecord<byte[], byte[]> copy =
                new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), key, value);
        headers.forEach(h -> copy.headers().add(h));
        return copy;
    }

    private static List<Header> without(ConsumerRecord<byte[], byte[]> r, String header) {
        List<Header> kept = new ArrayList<>();
        r.headers()
                .forEach(
                        h -> {
                            if (!h.key().equals(header)) {
                                kept.add(h);
                            }
                        });
        return kept;
    }

    private static ConsumerRecord<byte[], byte[]> withHeader(
            ConsumerRecord<byte[], byte[]> r, String header, byte[] value) {
        ConsumerRecord<byte[], byte[]> copy = rebuilt(r, r.key(), r.value(), without(r, header));
        copy.headers().add(header, value);
        return copy;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
