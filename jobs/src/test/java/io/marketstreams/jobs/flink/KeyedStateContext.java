package io.marketstreams.jobs.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * A keyed runtime context on RocksDB, set to one key, for testing the Flink-backed stores outside
 * their operators: the production backend serializes every value, so nothing passes by object
 * identity.
 */
final class KeyedStateContext implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;
    private final Opener opener = new Opener();

    /** A function that only keeps its runtime context. */
    private static final class Opener extends KeyedProcessFunction<String, String, String> {
        transient RuntimeContext context;

        @Override
        public void open(OpenContext openContext) {
            context = getRuntimeContext();
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {}
    }

    KeyedStateContext(String key) throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(opener), v -> v, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        harness.getOperator().setCurrentKey(key);
    }

    RuntimeContext context() {
        return opener.context;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
