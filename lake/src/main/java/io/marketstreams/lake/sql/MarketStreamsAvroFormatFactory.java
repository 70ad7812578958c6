package io.marketstreams.lake.sql;

import io.marketstreams.schema.StreamTopic;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Flink SQL value format {@code marketstreams-avro}: decodes a Kafka value as plain Avro binary of
 * a stream's <em>current</em> schema ({@link StreamTopic#schema()}), enums as {@code STRING} and
 * unions with null as nullable columns (docs/sql/, docs/querying.md).
 *
 * <p>Flink's built-in {@code avro} format derives its reader schema from the table and cannot
 * decode the enum fields of the streams; this format reads with the stream's own schema instead. It
 * reads the current schema version only: records written with an older released schema need the
 * header-aware DataStream path ({@code AvroStreamDeserializer}), which resolves by the {@code
 * marketstreams.schema.fingerprint} header.
 *
 * <p>Options (with the {@code value.} prefix in a Kafka table): {@code marketstreams-avro.stream}
 * (required), the stream name such as {@code trades.executed}.
 */
public final class MarketStreamsAvroFormatFactory implements DeserializationFormatFactory {
    /** The format identifier used in {@code 'value.format'}. */
    public static final String IDENTIFIER = "marketstreams-avro";

    /** The stream whose current schema the values are written with. */
    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Stream name (for example trades.executed); the values are decoded"
                                    + " with its current Avro schema.");

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        String stream = formatOptions.get(STREAM);
        StreamTopic topic;
        try {
            topic = StreamTopic.ofStreamName(stream);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Unknown marketstreams stream: " + stream, e);
        }
        if (topic.isRaw()) {
            throw new ValidationException(
                    "Stream " + stream + " holds native venue frames, not Avro records");
        }
        return new DecodingFormat<>() {
            @Override
            public DeserializationSchema<RowData> createRuntimeDecoder(
                    DynamicTableSource.Context ctx, DataType physicalDataType) {
                RowType rowType = (RowType) physicalDataType.getLogicalType();
                TypeInformation<RowData> typeInfo = ctx.createTypeInformation(physicalDataType);
                return new StreamAvroRowDataDeserializationSchema(
                        topic.streamName(), rowType, typeInfo);
            }

            @Override
            public ChangelogMode getChangelogMode() {
                return ChangelogMode.insertOnly();
            }
        };
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(STREAM);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
