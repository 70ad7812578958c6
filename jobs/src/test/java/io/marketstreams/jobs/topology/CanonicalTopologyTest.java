package io.marketstreams.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.jobs.flink.SourceRecords;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.sim.SimulatorOptions;
import io.marketstreams.sim.VenueSimulator;
import io.marketstreams.testkit.DecodedOutput;
import io.marketstreams.testkit.OutputChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canonical topology on a MiniCluster over an in-memory bounded source of the simulator's
 * native frames and collecting sinks — no Kafka: the output passes the independent checker, every
 * frame and record is accounted for, and two runs give the same output per key.
 */
class CanonicalTopologyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int FRAMES = 1200;

    private static List<Either<Quarantined, IngestedFrame>> frames() {
        VenueSimulator simulator =
                new VenueSimulator(3L, SimulatorOptions.defaults().withFaultRate(0.02));
        List<RawFrame> raw = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            raw.add(simulator.next());
        }
        raw.addAll(simulator.finish());
        List<Either<Quarantined, IngestedFrame>> frames = new ArrayList<>();
        for (RawFrame f : raw) {
            IngestedFrame frame = new IngestedFrame();
            frame.venueId = f.venueId();
            frame.connectionId = f.connectionId();
            frame.receiveTime = f.receiveTimeMs();
            frame.payload = f.payload();
            frame.sourceTopic = RawFrameWire.streamName(f.venueId());
            frame.sourceOffset = frames.size();
            frames.add(Either.Right(frame));
        }
        return frames;
    }

    private record Run(List<SpecificRecord> records, JobExecutionResult result) {}

    private static Run run(String name, List<Either<Quarantined, IngestedFrame>> frames)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        conf.setString("pipeline.auto-generate-uids", "false");
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("parallelism.default", "2");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        TypeInformation<Either<Quarantined, IngestedFrame>> type =
                SourceRecords.type(IngestedFrame.class);
        DataGeneratorSource<Either<Quarantined, IngestedFrame>> source =
                new DataGeneratorSource<>(
                        new FromElementsGeneratorFunction<>(type, env.getConfig(), frames),
                        frames.size(),
                        type);
        Settings settings = Settings.defaults();
        var input = Inputs.rawFrames(env, source, settings);
        // One reader keeps the frames in their order, as one raw-topic partition would.
        ((SingleOutputStreamOperator<?>) input).setParallelism(1);
        CollectingSinks sinks = new CollectingSinks(name);
        CanonicalTopology.sinkTo(
                CanonicalTopology.build(Inputs.ofRawFrames(input), settings), sinks);
        JobExecutionResult result = env.execute(name);
        return new Run(sinks.records(), result);
    }

    /** Per stream and key, the records in order (quarantine: sorted, as on Kafka). */
    private static Map<String, List<String>> perKey(List<SpecificRecord> records) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (SpecificRecord r : records) {
            CanonicalStream<?> stream = CanonicalStream.of(r);
            byKey.computeIfAbsent(stream + "/" + stream.keyOfRecord(r), k -> new ArrayList<>())
                    .add(r.toString());
        }
        byKey.forEach(
                (k, v) -> {
                    if (k.startsWith(StreamTopic.QUARANTINE.streamName())) {
                        v.sort(String::compareTo);
                    }
                });
        return byKey;
    }

    private static long count(JobExecutionResult result, String name) {
        Object v = result.getAllAccumulatorResults().get(name);
        return v == null ? 0L : (Long) v;
    }

    @Test
    void theOutputIsCheckedCompleteAndTheSameOnEveryRun() throws Exception {
        List<Either<Quarantined, IngestedFrame>> frames = frames();
        Run first = run("topology-1", frames);
        Run second = run("topology-2", frames);

        OutputChecker.Report report =
                OutputChecker.inMemory().check(DecodedOutput.of(first.records()));
        assertThat(report.violations()).isEmpty();
        assertThat(report.counts().get(StreamTopic.ORDERS_DELTA)).isPositive();
        assertThat(report.counts().get(StreamTopic.MARKETS_DISCOVERED)).isPositive();
        assertThat(report.counts().get(StreamTopic.EVENTS_DISCOVERED)).isPositive();

        JobExecutionResult r = first.result();
        assertThat(count(r, RawFrameFunction.Names.IN)).isEqualTo(frames.size());
        assertThat(count(r, RawFrameFunction.Names.IN))
                .isEqualTo(
                        count(r, RawFrameFunction.Names.PARSED)
                                + count(r, RawFrameFunction.Names.IGNORED)
                                + count(r, RawFrameFunction.Names.QUARANTINED)
                                + count(r, RawFrameFunction.Names.DUPLICATES));
        assertThat(count(r, RecordAccounting.Names.IN))
                .isEqualTo(
                        count(r, RecordAccounting.Names.EMITTED)
                                + count(r, RecordAccounting.Names.QUARANTINED)
                                + count(r, RecordAccounting.Names.DUPLICATES));

        assertThat(perKey(second.records())).isEqualTo(perKey(first.records()));
    }
}
