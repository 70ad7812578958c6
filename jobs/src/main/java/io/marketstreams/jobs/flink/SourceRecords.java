package io.marketstreams.jobs.flink;

import io.marketstreams.schema.Quarantined;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * What every source deserializer of the job emits for one Kafka record: {@code Right}, the decoded
 * record; {@code Left}, when the bytes could not be read, the quarantine record that says why. A
 * source cannot have side outputs, and no record may vanish there, so both travel on until the
 * first stage, which counts every record and sends the left ones to {@code quarantine}.
 */
public final class SourceRecords {
    private SourceRecords() {}

    /** The type of a source's records of decoded type {@code type}: serialized without Kryo. */
    public static <T> TypeInformation<Either<Quarantined, T>> type(Class<T> type) {
        return new EitherTypeInfo<>(
                TypeInformation.of(Quarantined.class), TypeInformation.of(type));
    }
}
