package io.marketstreams.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary encoding of one stream's records, and decoding of the current and every
 * released writer schema of that stream (schema resolution turns an older writer's record into the
 * current class).
 *
 * <p>Not thread-safe: it reuses its encoder and buffers. Use one instance per operator instance.
 */
public final class AvroCodec<T extends SpecificRecord> {
    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final SpecificDatumWriter<T> writer;
    private final Map<Long, SpecificDatumReader<T>> readersByWriterFingerprint = new HashMap<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    private AvroCodec(Class<T> type, List<Schema> releasedWriterSchemas) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        this.fingerprint = WireHeaders.fingerprint(schema);
        this.writer = new SpecificDatumWriter<>(schema);
        readersByWriterFingerprint.put(fingerprint, new SpecificDatumReader<>(schema, schema));
        for (Schema released : releasedWriterSchemas) {
            readersByWriterFingerprint.putIfAbsent(
                    WireHeaders.fingerprint(released), new SpecificDatumReader<>(released, schema));
        }
    }

    /** A codec for a stream's record class that also reads every released version of its schema. */
    public static <T extends SpecificRecord> AvroCodec<T> forStream(
            StreamTopic topic, Class<T> type) {
        if (!SpecificData.get().getSchema(type).equals(topic.schema())) {
            throw new IllegalArgumentException(type.getName() + " is not the record of " + topic);
        }
        return new AvroCodec<>(type, ReleasedSchemas.versions(topic));
    }

    /** A codec for a record class that reads only the current schema. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type, List.of());
    }

    /** The record class. */
    public Class<T> type() {
        return type;
    }

    /** The current schema, used for writing. */
    public Schema schema() {
        return schema;
    }

    /** Fingerprint of the current schema. */
    public long fingerprint() {
        return fingerprint;
    }

    /** True when records written with this fingerprint can be decoded. */
    public boolean canRead(long writerFingerprint) {
        return readersByWriterFingerprint.containsKey(writerFingerprint);
    }

    /** Encodes a record as plain Avro binary of the current schema. */
    public byte[] encode(T record) {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Decodes bytes written with the current schema. */
    public T decode(byte[] bytes) throws DecodeException {
        return decode(bytes, fingerprint);
    }

    /**
     * Decodes bytes written with the schema of the given fingerprint. Every byte must belong to the
     * record: trailing bytes are an error.
     */
    public T decode(byte[] bytes, long writerFingerprint) throws DecodeException {
        SpecificDatumReader<T> reader = readersByWriterFingerprint.get(writerFingerprint);
        if (reader == null) {
            throw new DecodeException(
                    "unknown schema fingerprint "
                            + WireHeaders.fingerprintHex(writerFingerprint)
                            + " for "
                            + type.getSimpleName());
        }
        if (bytes == null) {
            throw new DecodeException("null value");
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        T record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DecodeException("trailing bytes after a " + type.getSimpleName());
            }
        } catch (IOException | RuntimeException e) {
            // Avro signals bad bytes with EOFException, AvroRuntimeException, index and
            // negative-size errors; all mean the same thing here: not a valid record.
            throw new DecodeException(
                    "not a valid "
                            + type.getSimpleName()
                            + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
        return record;
    }
}
