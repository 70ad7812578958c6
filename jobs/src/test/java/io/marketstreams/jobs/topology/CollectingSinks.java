package io.marketstreams.jobs.topology;

import io.marketstreams.schema.CanonicalStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * {@link Sinks} that keep every output record of a run in memory, per stream, in the order each
 * sink subtask received them (so per key in the order the topology emitted them). Records are
 * copied: with object reuse, the topology may reuse an instance after handing it on. A run is
 * named, so that runs in one JVM keep apart; the MiniCluster runs in the test's JVM.
 */
final class CollectingSinks implements Sinks {
    private static final Map<String, List<SpecificRecord>> RUNS = new ConcurrentHashMap<>();

    private final String run;

    CollectingSinks(String run) {
        this.run = run;
        RUNS.put(run, Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public <T extends SpecificRecord> Sink<T> of(CanonicalStream<T> stream) {
        String name = run;
        return (Sink<T>) context -> new Writer<>(name);
    }

    /** Every record the run wrote, all streams. */
    List<SpecificRecord> records() {
        synchronized (RUNS.get(run)) {
            return List.copyOf(RUNS.remove(run));
        }
    }

    private static final class Writer<T extends SpecificRecord> implements SinkWriter<T> {
        private final List<SpecificRecord> records;

        Writer(String run) {
            this.records = RUNS.get(run);
        }

        @Override
        public void write(T element, Context context) {
            records.add(SpecificData.get().deepCopy(element.getSchema(), element));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
