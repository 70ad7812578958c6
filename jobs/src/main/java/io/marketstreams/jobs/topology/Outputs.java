package io.marketstreams.jobs.topology;

import io.marketstreams.schema.CanonicalStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The canonical topology's output streams, one per {@link CanonicalStream}. */
public final class Outputs {
    private final Map<CanonicalStream<?>, DataStream<?>> streams = new LinkedHashMap<>();

    <T extends SpecificRecord> void put(CanonicalStream<T> stream, DataStream<T> records) {
        if (streams.put(stream, records) != null) {
            throw new IllegalStateException(stream + " is built twice");
        }
    }

    /** The records of one stream. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> DataStream<T> get(CanonicalStream<T> stream) {
        DataStream<T> records = (DataStream<T>) streams.get(stream);
        if (records == null) {
            throw new IllegalArgumentException(stream + " is not an output of the topology");
        }
        return records;
    }

    /** Checks that every stream of the table is built. */
    Outputs complete() {
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            get(stream);
        }
        return this;
    }
}
