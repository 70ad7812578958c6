package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.flink.OperatorInputs.CONTRACT;
import static io.marketstreams.jobs.flink.OperatorInputs.T0;
import static io.marketstreams.jobs.flink.OperatorInputs.kalshi;
import static io.marketstreams.jobs.flink.OperatorInputs.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The raw path under the hostile sizes of issue 16, within the job's default limits: the raw
 * source's deserializer and the {@code raw-frames} stage in Flink's keyed harness. Every frame ends
 * parsed or quarantined with its reason, the frame accounting holds, and no quarantine record
 * carries more than the first 64 KiB of its frame.
 */
class HostileFramesStageTest {
    private static final int LIMIT = InputLimits.DEFAULTS.maxFrameBytes();
    private static final String A = "KXA-1";

    private KeyedOneInputStreamOperatorTestHarness<
                    String,
                    Either<Quarantined, IngestedFrame>,
                    Either<Quarantined, IngestedMessage>>
            h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("raw.kalshi", 0, offset, "kalshi".getBytes(), value);
        RawFrameWire.headers(new RawFrame("kalshi", "kalshi-1", T0, value))
                .forEach((name, bytes) -> record.headers().add(name, bytes));
        return record;
    }

    private static List<Either<Quarantined, IngestedFrame>> read(
            ConsumerRecord<byte[], byte[]> record) throws Exception {
        List<Either<Quarantined, IngestedFrame>> out = new ArrayList<>();
        new RawFrameDeserializer(LIMIT).deserialize(record, new ListCollector<>(out));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTwentyMegabyteFrameLeavesTheDeserializerAsItsSizeAndFirstFourKilobytes()
            throws Exception {
        byte[] frame = new byte[20 << 20];
        Arrays.fill(frame, (byte) '{');
        frame[0] = '[';

        Quarantined q = read(record(7, frame)).get(0).left();

        assertThat(q.getReason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(q.getDetail())
                .isEqualTo(
                        "limit exceeded: frame of 20971520 bytes is larger than the limit of"
                            + " 4194304; the payload holds the first 65536 of its 20971520 bytes");
        assertThat(q.getPayload().remaining()).isEqualTo(InputLimits.QUARANTINE_PAYLOAD_BYTES);
        assertThat(q.getPayload().get(0)).isEqualTo((byte) '[');
        assertThat(q)
                .extracting(
                        Quarantined::getStage,
                        Quarantined::getVenueId,
                        Quarantined::getIngestTime,
                        Quarantined::getSourceOffset)
                .containsExactly(Stages.RAW_FRAMES, "kalshi", T0, 7L);
        // At the limit a frame passes on, bytes unchanged.
        byte[] atLimit = new byte[LIMIT];
        assertThat(read(record(8, atLimit)).get(0).right().payload).isSameAs(atLimit);
    }

    @Test
    void hostileFramesThroughTheStageAreEachQuarantinedWithTheirReasonAndAccountedFor()
            throws Exception {
        h = OperatorInputs.rawFrames(HarnessView.Backend.HEAP);
        h.open();
        List<KalshiFrames.Level> levels = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            levels.add(level(i % 99 + 1, 1));
        }
        byte[] big = new byte[20 << 20];
        Arrays.fill(big, (byte) ' ');
        h.processElement(read(record(0, big)).get(0), T0);
        List<IngestedFrame> frames =
                List.of(
                        kalshi(1, snap(1, List.of(level(30, 5)))),
                        kalshi(2, snap(2, levels)),
                        kalshi(3, utf8("[".repeat(10_000) + "]".repeat(10_000))),
                        kalshi(
                                4,
                                utf8(
                                        "{\"type\":\"trade\",\"sid\":2,\"seq\":"
                                                + "9".repeat(400)
                                                + "}")),
                        kalshi(
                                5,
                                KalshiFrames.trade(
                                        2,
                                        1L,
                                        "T".repeat(100 * 1024),
                                        A,
                                        300_000L,
                                        CONTRACT,
                                        TakerSide.BUY,
                                        T0)),
                        kalshi(6, new byte[] {'{', '"', (byte) 0xc3, '"', '}'}),
                        kalshi(
                                7,
                                KalshiFrames.orderbookDelta(
                                        1, 3, A, "YES", 200_000L, CONTRACT, T0)));
        for (IngestedFrame frame : frames) {
            h.processElement(Either.Right(frame), frame.receiveTime);
        }

        assertThat(HarnessView.side(h, RawFrameFunction.QUARANTINE))
                .extracting(
                        Quarantined::getSourceOffset,
                        HostileFramesStageTest::reason,
                        Quarantined::getMarketId)
                .containsExactly(
                        tuple(0L, "MALFORMED: limit", null),
                        tuple(2L, "LEVEL_LIMIT", "kalshi:" + A),
                        tuple(3L, "MALFORMED: limit", null),
                        tuple(4L, "MALFORMED: limit", null),
                        tuple(5L, "MALFORMED: limit", null),
                        tuple(6L, "MALFORMED", null));
        assertThat(HarnessView.side(h, RawFrameFunction.QUARANTINE))
                .allSatisfy(
                        q ->
                                assertThat(q.getPayload().remaining())
                                        .isLessThanOrEqualTo(InputLimits.QUARANTINE_PAYLOAD_BYTES))
                .allSatisfy(q -> assertThat(q.getDetail().length()).isLessThan(300));
        long in = HarnessView.counter(h, RawFrameFunction.Names.IN);
        assertThat(in).isEqualTo(8);
        assertThat(in)
                .isEqualTo(
                        HarnessView.counter(h, RawFrameFunction.Names.PARSED)
                                + HarnessView.counter(h, RawFrameFunction.Names.IGNORED)
                                + HarnessView.counter(h, RawFrameFunction.Names.QUARANTINED)
                                + HarnessView.counter(h, RawFrameFunction.Names.DUPLICATES));
        // The refused snapshot is a lost change of A's book: its next delta shows the gap.
        assertThat(bookNumbers()).containsExactly(tuple(A, 1L), tuple(A, 3L));
    }

    /** The reason, and whether the detail says an input limit was exceeded. */
    private static String reason(Quarantined q) {
        return q.getReason() + (q.getDetail().startsWith(InputLimits.EXCEEDED) ? ": limit" : "");
    }

    private static byte[] snap(long seq, List<KalshiFrames.Level> yes) {
        return KalshiFrames.orderbookSnapshot(1, seq, A, yes, List.of(level(60, 1)));
    }

    private List<Object> bookNumbers() {
        return h.extractOutputValues().stream()
                .map(out -> out.right().message)
                .filter(
                        m ->
                                m.getPayload() instanceof BookSnapshot
                                        || m.getPayload() instanceof BookDelta)
                .map(m -> (Object) tuple(market(m), m.getVenueSequence()))
                .toList();
    }

    private static String market(VenueMessage m) {
        return m.getPayload() instanceof BookSnapshot s
                ? s.getVenueMarketId()
                : ((BookDelta) m.getPayload()).getVenueMarketId();
    }
}
