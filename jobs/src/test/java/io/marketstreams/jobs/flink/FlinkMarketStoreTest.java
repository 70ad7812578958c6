package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.market.MarketStore;
import io.marketstreams.jobs.core.market.MarketStoreContract;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;

/**
 * The store over Flink keyed state passes the store contract, on RocksDB (the production backend,
 * which serializes every value, so nothing passes by object identity).
 */
class FlinkMarketStoreTest extends MarketStoreContract {
    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;
    private StoreOpener opener;

    /** A function that only opens a store over its keyed state. */
    private static final class StoreOpener extends KeyedProcessFunction<String, String, String> {
        transient FlinkMarketStore store;

        @Override
        public void open(OpenContext context) {
            store =
                    new FlinkMarketStore(
                            getRuntimeContext(),
                            new BookHealthGauges(new UnregisteredMetricsGroup()));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {}
    }

    @Override
    protected MarketStore newStore() throws Exception {
        opener = new StoreOpener();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(opener), v -> v, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        harness.getOperator().setCurrentKey("sim:M");
        return opener.store;
    }

    @Override
    protected void endCallback() {
        opener.store.flush();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }
}
