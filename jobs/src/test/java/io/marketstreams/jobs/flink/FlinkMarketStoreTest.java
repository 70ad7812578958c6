package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.market.MarketStore;
import io.marketstreams.jobs.core.market.MarketStoreContract;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;

/** The store over Flink keyed state (RocksDB) passes the store contract. */
class FlinkMarketStoreTest extends MarketStoreContract {
    private KeyedStateContext keyed;
    private FlinkMarketStore flink;

    @Override
    protected MarketStore newStore() throws Exception {
        keyed = new KeyedStateContext("sim:M");
        flink =
                new FlinkMarketStore(
                        keyed.context(), new BookHealthGauges(new UnregisteredMetricsGroup()));
        return flink;
    }

    @Override
    protected void endCallback() {
        flink.flush();
    }

    @AfterEach
    void close() throws Exception {
        keyed.close();
    }
}
