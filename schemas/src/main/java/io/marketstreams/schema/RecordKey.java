package io.marketstreams.schema;

import java.io.Serializable;

/** Extracts the Kafka key (the entity a record describes) from an output record. */
@FunctionalInterface
public interface RecordKey<T> extends Serializable {
    /** The key as a string; written UTF-8. */
    String of(T record);
}
