package io.marketstreams.jobs.flink;

import io.marketstreams.schema.Trade;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;

/**
 * The {@code market-state} operator: a {@link KeyedCoProcessOperator} running {@link
 * MarketFunction} that, once its keyed state is restored, counts the books it holds by health
 * ({@link BookHealthGauges}). Only the operator can iterate its keys; the function sees one key at
 * a time.
 *
 * <p>The count reads each market's {@code books} value once per start or restore, a full pass over
 * the subtask's markets (RocksDB: one iterator over the column family plus one get per market). It
 * changes nothing in state.
 */
public final class MarketStateOperator
        extends KeyedCoProcessOperator<String, IngestedMessage, EventSignal, Trade> {
    private static final long serialVersionUID = 1L;

    public MarketStateOperator(MarketFunction function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        BookHealthGauges gauges = ((MarketFunction) userFunction).bookHealth();
        getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        StateDescriptors.Market.books(),
                        (market, books) -> gauges.add(books.value()));
    }
}
