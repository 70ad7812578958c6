package io.marketstreams.lake;

import io.marketstreams.jobs.JobConfiguration;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.kafka.KafkaWiring;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * The lake job: every canonical stream and {@code quarantine} from Kafka into Parquet files, one
 * directory per stream and event day: {@code <path>/stream=<name>/date=<yyyy-MM-dd>/part-*.parquet}
 * (docs/querying.md).
 *
 * <p>Files are written with the stream's current Avro schema (records of older writer schemas are
 * resolved to it on read), and committed on checkpoints: a file becomes visible (loses its hidden
 * in-progress name) only when the checkpoint covering its records completes, and the Kafka offsets
 * are part of the same checkpoint, so every committed record is in exactly one visible file. With a
 * bounded source the final files are committed at the end of input.
 *
 * <p>The topology ({@link #build}) takes its sources and the base path, so tests can run it on any
 * source; {@link #main} wires Kafka from configuration.
 */
public final class ParquetSinkJob {
    /** Job name shown in the Flink UI. */
    public static final String NAME = "marketstreams-lake";

    /** File name suffix of committed part files. */
    public static final String PART_SUFFIX = ".parquet";

    private ParquetSinkJob() {}

    /** The source of each stream. */
    public interface Sources {
        /** The source of one stream's records. */
        <T extends SpecificRecordBase> Source<T, ?, ?> source(LakeStream<T> stream);
    }

    /**
     * Adds, for every stream of {@link LakeStream#ALL}, its source and its Parquet sink under
     * {@code basePath}, each with a stable uid.
     */
    public static void build(
            StreamExecutionEnvironment env, Sources sources, String basePath, long maxPartSize) {
        for (LakeStream<?> stream : LakeStream.ALL) {
            add(env, sources, stream, basePath, maxPartSize);
        }
    }

    private static <T extends SpecificRecordBase> void add(
            StreamExecutionEnvironment env,
            Sources sources,
            LakeStream<T> stream,
            String basePath,
            long maxPartSize) {
        env.fromSource(
                        sources.source(stream),
                        WatermarkStrategy.noWatermarks(),
                        stream.sourceUid(),
                        TypeInformation.of(stream.type()))
                .uid(stream.sourceUid())
                .name(stream.sourceUid())
                .sinkTo(fileSink(stream, basePath, maxPartSize))
                .uid(stream.sinkUid())
                .name(stream.sinkUid());
    }

    /**
     * The Parquet file sink of one stream: buckets {@code stream=<name>/date=<day>} by the record's
     * event time, part files rolled on checkpoint or at {@code maxPartSize} bytes.
     */
    public static <T extends SpecificRecordBase> FileSink<T> fileSink(
            LakeStream<T> stream, String basePath, long maxPartSize) {
        return FileSink.forBulkFormat(
                        new Path(basePath), AvroParquetWriters.forSpecificRecord(stream.type()))
                .withBucketAssigner(new StreamDateBucketAssigner<>(stream))
                .withRollingPolicy(new CheckpointOrSizeRollingPolicy<>(maxPartSize))
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(PART_SUFFIX)
                                .build())
                .build();
    }

    /** The Kafka source of one stream (read_committed), per the configuration. */
    public static <T extends SpecificRecordBase> KafkaSource<T> kafkaSource(
            Configuration conf, LakeStream<T> stream) {
        String groupId = conf.get(LakeOptions.GROUP_ID);
        return KafkaWiring.<T>sourceBuilder(conf)
                .setTopics(stream.topic().topicName(conf.get(LakeOptions.NAMESPACE)))
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + stream.name())
                .setDeserializer(new AvroStreamDeserializer<>(stream))
                .build();
    }

    /** Sources of every stream from Kafka, per the configuration. */
    public static Sources kafkaSources(Configuration conf) {
        return new Sources() {
            @Override
            public <T extends SpecificRecordBase> Source<T, ?, ?> source(LakeStream<T> stream) {
                return kafkaSource(conf, stream);
            }
        };
    }

    /**
     * The execution environment: the canonical job's settings, and checkpointing required (files
     * are committed only on checkpoints).
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        if (conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL) == null) {
            throw new IllegalArgumentException(
                    "the lake commits files on checkpoints: set execution.checkpointing.interval");
        }
        return JobEnvironment.of(conf);
    }

    /** Builds the job on Kafka from the configuration. */
    public static void buildOnKafka(StreamExecutionEnvironment env, Configuration conf) {
        String path =
                conf.getOptional(LakeOptions.PATH)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "set " + LakeOptions.PATH.key()));
        build(env, kafkaSources(conf), path, conf.get(LakeOptions.MAX_PART_SIZE).getBytes());
    }

    /**
     * Runs the lake job against Kafka. Arguments: {@code --config-dir DIR} and {@code --key value}
     * overrides, as for the canonical job.
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.fromArgs(args);
        StreamExecutionEnvironment env = environment(conf);
        buildOnKafka(env, conf);
        env.execute(NAME);
    }
}
