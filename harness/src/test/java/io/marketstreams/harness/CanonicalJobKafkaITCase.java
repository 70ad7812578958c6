package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.DeliveryMode;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.sim.GeneratedRecord.Destination;
import io.marketstreams.sim.TradeTrafficGenerator;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OutputChecker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canonical job end to end on a real embedded Kafka broker and a Flink MiniCluster with RocksDB
 * and exactly-once sinks: routing of every input record, the accounting identity, byte-identical
 * per-key output across runs, and identical committed output across a failure and restore from
 * checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanonicalJobKafkaITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private JobRuns runs;
    private final List<Input> inputs = new ArrayList<>();
    private JobExecutionResult baseline;

    /** One input record with where it must end up. */
    record Input(VenueRecord record, Destination destination, ReasonCode reason) {
        byte[] value() {
            return record.value();
        }
    }

    @BeforeAll
    void startKafkaAndRunBaseline() throws Exception {
        runs = JobRuns.start();
        TradeTrafficGenerator generator = new TradeTrafficGenerator(11L, 24, 0.15);
        for (int i = 0; i < 3000; i++) {
            GeneratedRecord r = generator.next();
            inputs.add(
                    new Input(
                            VenueRecord.of(r.key(), r.value(), r.schemaFingerprint()),
                            r.kind().destination(),
                            reasonOf(r.kind())));
        }
        inputs.addAll(craftedInputs());

        runs.provisionVenueMessages("in-a");
        runs.produce("in-a", wire(inputs));
        baseline = runs.venueMessages("in-a", "run-a").runBounded();
    }

    @AfterAll
    void stopKafka() throws Exception {
        runs.close();
    }

    @Test
    void everyInputRecordIsEmittedQuarantinedOrCountedAsDuplicate() {
        OutputChecker.Report report = new OutputChecker(runs.bootstrap(), "run-a").check();
        assertThat(report.violations()).isEmpty();

        long expectedEmitted = count(Destination.EMITTED);
        long expectedTrades = inputs.stream().filter(CanonicalJobKafkaITCase::isTrade).count();
        long expectedQuarantined = count(Destination.QUARANTINED);
        long expectedDuplicates = count(Destination.DUPLICATE_DROPPED);
        assertThat(expectedDuplicates).isPositive();
        assertThat(report.trades()).hasSize((int) expectedTrades);
        // The catalog prelude: 24 markets under 6 events, plus the crafted event without markets.
        assertThat(report.lifecycle().events()).hasSize(7);
        assertThat(report.lifecycle().markets()).hasSize(24);
        assertThat(report.quarantined()).hasSize((int) expectedQuarantined);

        // Each valid trade exactly once, under its canonical id.
        List<String> expectedIds = new ArrayList<>();
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        for (Input input : inputs) {
            if (isTrade(input)) {
                VenueMessage m = decode(codec, input.value());
                expectedIds.add(
                        TradeTrafficGenerator.VENUE
                                + ":"
                                + ((TradeReport) m.getPayload()).getVenueTradeId());
            }
        }
        assertThat(report.trades().stream().map(Trade::getTradeId))
                .containsExactlyInAnyOrderElementsOf(expectedIds);

        // Every bad record in quarantine with the right reason, and its original bytes.
        Map<ReasonCode, Long> expectedReasons = new TreeMap<>();
        Map<String, byte[]> expectedPayloadByReasonAndValue = new HashMap<>();
        for (Input input : inputs) {
            if (input.destination() == Destination.QUARANTINED) {
                expectedReasons.merge(input.reason(), 1L, Long::sum);
                expectedPayloadByReasonAndValue.put(
                        input.reason() + Arrays.toString(input.value()), input.value());
            }
        }
        Map<ReasonCode, Long> actualReasons = new TreeMap<>();
        for (Quarantined q : report.quarantined()) {
            actualReasons.merge(q.getReason(), 1L, Long::sum);
            byte[] payload = new byte[q.getPayload().remaining()];
            q.getPayload().duplicate().get(payload);
            assertThat(expectedPayloadByReasonAndValue)
                    .as("quarantined payload of %s is an input value", q.getReason())
                    .containsKey(q.getReason() + Arrays.toString(payload));
            assertThat(q.getSourceTopic()).isEqualTo("in-a.venue.messages");
        }
        assertThat(actualReasons).isEqualTo(expectedReasons);

        // The accounting identity, from the job's own counters.
        Map<String, Object> acc = baseline.getAllAccumulatorResults();
        long in = (Long) acc.get(RecordAccounting.Names.IN);
        long emitted = (Long) acc.get(RecordAccounting.Names.EMITTED);
        long quarantined = (Long) acc.get(RecordAccounting.Names.QUARANTINED);
        long duplicates = (Long) acc.get(RecordAccounting.Names.DUPLICATES);
        assertThat(in).isEqualTo(inputs.size());
        assertThat(emitted).isEqualTo(expectedEmitted);
        assertThat(quarantined).isEqualTo(expectedQuarantined);
        assertThat(duplicates).isEqualTo(expectedDuplicates);
        assertThat(in).isEqualTo(emitted + quarantined + duplicates);
        assertThat(acc.get(RecordAccounting.Names.OUT_PREFIX + "trades.executed"))
                .isEqualTo(expectedTrades);
    }

    @Test
    void aSecondRunProducesByteIdenticalPerKeyOutput() throws Exception {
        runs.venueMessages("in-a", "run-b").runBounded();

        runs.assertSameOutput("run-a", "run-b", false);
    }

    @Test
    void aFailureAndRestoreFromCheckpointGiveTheSameCommittedOutput() throws Exception {
        int half = inputs.size() / 2;
        runs.runWithOneFailure(
                runs.venueMessages("in-c", "run-c").delivery(DeliveryMode.EXACTLY_ONCE),
                wire(inputs.subList(0, half)),
                wire(inputs.subList(half, inputs.size())),
                expectedOutputs(inputs.subList(0, half)),
                () -> runs.outputCount("run-a"));

        assertThat(new OutputChecker(runs.bootstrap(), "run-c").check().violations()).isEmpty();
        assertThat(runs.outputCount("run-c")).isEqualTo(runs.outputCount("run-a"));
        runs.assertSameOutput("run-a", "run-c", false);
    }

    /** Inputs the generator does not make: a missing header, an event without markets. */
    private static List<Input> craftedInputs() {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        VenueMessage trade =
                VenueMessage.newBuilder()
                        .setVenueId(TradeTrafficGenerator.VENUE)
                        .setVenueEventTime(TradeTrafficGenerator.EPOCH_MS)
                        .setIngestTime(TradeTrafficGenerator.EPOCH_MS)
                        .setPayload(
                                TradeReport.newBuilder()
                                        .setVenueTradeId("no-header")
                                        .setVenueMarketId("SIM-MKT-0001")
                                        .setOutcomeId("YES")
                                        .setPrice(1)
                                        .setQuantity(1)
                                        .setTakerSide(io.marketstreams.schema.TakerSide.BUY)
                                        .build())
                        .build();
        VenueMessage event =
                VenueMessage.newBuilder()
                        .setVenueId(TradeTrafficGenerator.VENUE)
                        .setVenueEventTime(TradeTrafficGenerator.EPOCH_MS)
                        .setIngestTime(TradeTrafficGenerator.EPOCH_MS)
                        .setPayload(
                                EventInfo.newBuilder()
                                        .setVenueEventId("EV-1")
                                        .setEventName("Will it rain?")
                                        .build())
                        .build();
        return List.of(
                new Input(
                        VenueRecord.withoutFingerprint(
                                TradeTrafficGenerator.marketId(1), codec.encode(trade)),
                        Destination.QUARANTINED,
                        ReasonCode.MALFORMED),
                new Input(
                        VenueRecord.of(
                                TradeTrafficGenerator.VENUE + ":event:EV-1",
                                codec.encode(event),
                                codec.fingerprint()),
                        Destination.EMITTED,
                        null));
    }

    private static ReasonCode reasonOf(GeneratedRecord.Kind kind) {
        switch (kind) {
            case CONFLICTING_DUPLICATE:
                return ReasonCode.CONFLICTING_DUPLICATE;
            case MALFORMED:
                return ReasonCode.MALFORMED;
            case PRICE_OUT_OF_RANGE:
                return ReasonCode.PRICE_OUT_OF_RANGE;
            case INVALID_QUANTITY:
                return ReasonCode.INVALID_QUANTITY;
            case UNKNOWN_TAKER_SIDE:
                return ReasonCode.UNKNOWN_TAKER_SIDE;
            case UNKNOWN_OUTCOME:
                return ReasonCode.UNKNOWN_OUTCOME;
            default:
                return null;
        }
    }

    private static List<VenueRecord> wire(List<Input> inputs) {
        return inputs.stream().map(Input::record).toList();
    }

    private long count(Destination destination) {
        return inputs.stream().filter(i -> i.destination() == destination).count();
    }

    /**
     * A lower bound of the output records of some inputs: one trade or quarantine record each
     * (catalog inputs add records on other streams).
     */
    private static long expectedOutputs(List<Input> records) {
        return records.stream()
                .filter(i -> i.destination() == Destination.QUARANTINED || isTrade(i))
                .count();
    }

    private static boolean isTrade(Input input) {
        if (input.destination() != Destination.EMITTED) {
            return false;
        }
        return decode(AvroCodec.of(VenueMessage.class), input.value()).getPayload()
                instanceof TradeReport;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
            AvroCodec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
