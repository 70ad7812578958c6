package io.marketstreams.lake.sql;

import io.marketstreams.schema.StreamTopic;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Decodes plain Avro binary of a stream's current schema into the table's value columns. The record
 * is converted with the full row type of the schema, then the requested columns are picked by name,
 * so a table may declare any subset of the schema's fields in any order (and the Kafka connector
 * may project them); a column that is not a field of the schema, or has another type, fails
 * validation.
 */
final class StreamAvroRowDataDeserializationSchema implements DeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final RowType producedType;
    private final TypeInformation<RowData> producedTypeInfo;
    private final int[] positions;

    private transient GenericDatumReader<GenericRecord> reader;
    private transient AvroToRowDataConverters.AvroToRowDataConverter converter;
    private transient BinaryDecoder decoder;
    private transient GenericRecord reuse;

    StreamAvroRowDataDeserializationSchema(
            String stream, RowType producedType, TypeInformation<RowData> producedTypeInfo) {
        this.stream = stream;
        this.producedType = producedType;
        this.producedTypeInfo = producedTypeInfo;
        RowType full = schemaRowType(stream);
        List<String> names = full.getFieldNames();
        this.positions = new int[producedType.getFieldCount()];
        for (int i = 0; i < positions.length; i++) {
            String name = producedType.getFieldNames().get(i);
            int pos = names.indexOf(name);
            if (pos < 0) {
                throw new ValidationException(
                        "Column " + name + " is not a field of the schema of stream " + stream);
            }
            LogicalType expected = full.getTypeAt(pos);
            LogicalType declared = producedType.getTypeAt(i);
            // A declared column may be nullable where the field is not; the type must match.
            if (!expected.copy(true).equals(declared.copy(true))) {
                throw new ValidationException(
                        "Column "
                                + name
                                + " of stream "
                                + stream
                                + " is declared "
                                + declared.asSummaryString()
                                + " but the schema gives "
                                + expected.asSummaryString());
            }
            positions[i] = pos;
        }
    }

    /** The Flink row type of a stream's current schema. */
    static RowType schemaRowType(String stream) {
        Schema schema = StreamTopic.ofStreamName(stream).schema();
        return (RowType) AvroSchemaConverter.convertToDataType(schema.toString()).getLogicalType();
    }

    @Override
    public void open(InitializationContext context) {
        Schema schema = StreamTopic.ofStreamName(stream).schema();
        reader = new GenericDatumReader<>(schema);
        converter = AvroToRowDataConverters.createRowConverter(schemaRowType(stream));
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        if (message == null) {
            return null;
        }
        if (reader == null) {
            open(null);
        }
        decoder = DecoderFactory.get().binaryDecoder(message, decoder);
        try {
            reuse = reader.read(reuse, decoder);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "Value is not Avro binary of the current schema of stream " + stream, e);
        }
        GenericRowData full = (GenericRowData) converter.convert(reuse);
        GenericRowData row = new GenericRowData(positions.length);
        for (int i = 0; i < positions.length; i++) {
            row.setField(i, full.getField(positions[i]));
        }
        return row;
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedTypeInfo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamAvroRowDataDeserializationSchema other
                && stream.equals(other.stream)
                && producedType.equals(other.producedType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, producedType);
    }
}
