package io.marketstreams.jobs.topology;

import io.marketstreams.schema.CanonicalStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where each output stream goes: Kafka topics in production ({@code KafkaWiring#sinks}), collecting
 * sinks in tests.
 */
@FunctionalInterface
public interface Sinks {
    /** The sink of one stream. */
    <T extends SpecificRecord> Sink<T> of(CanonicalStream<T> stream);
}
