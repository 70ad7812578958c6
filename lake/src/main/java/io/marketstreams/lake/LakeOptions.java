package io.marketstreams.lake;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Options of the lake job ({@link ParquetSinkJob}). The Kafka connection, starting offsets and
 * bounded mode are the canonical job's options ({@code marketstreams.kafka.bootstrap-servers},
 * {@code marketstreams.source.starting-offsets}, {@code marketstreams.source.bounded}).
 */
public final class LakeOptions {
    private LakeOptions() {}

    public static final ConfigOption<String> PATH =
            key("marketstreams.lake.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Base directory (a Flink file system URI, e.g. file:///data/lake or"
                                    + " s3://bucket/lake) under which stream=<name>/date=<day>/"
                                    + " holds the Parquet files.");

    public static final ConfigOption<String> NAMESPACE =
            key("marketstreams.lake.namespace")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Namespace of the canonical topics the lake reads: the canonical"
                                    + " job's output namespace.");

    public static final ConfigOption<String> GROUP_ID =
            key("marketstreams.lake.group-id")
                    .stringType()
                    .defaultValue("marketstreams-lake")
                    .withDescription("Consumer group of the lake's Kafka sources.");

    public static final ConfigOption<MemorySize> MAX_PART_SIZE =
            key("marketstreams.lake.max-part-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128 mb"))
                    .withDescription(
                            "A part file also rolls when it reaches this size; otherwise files"
                                    + " roll on every checkpoint, so the checkpoint interval"
                                    + " sets the typical file size.");
}
