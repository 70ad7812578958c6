package io.marketstreams.jobs.core.market;

/** The in-memory store passes the store contract. */
class InMemoryMarketStoreTest extends MarketStoreContract {
    @Override
    protected MarketStore newStore() {
        return new InMemoryMarketStore();
    }

    @Override
    protected void endCallback() {}
}
