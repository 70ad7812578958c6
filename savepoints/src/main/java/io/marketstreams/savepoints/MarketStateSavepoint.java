package io.marketstreams.savepoints;

import io.marketstreams.jobs.flink.Stages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Reads the keyed state of the {@code market-state} operator from a savepoint (State Processor API,
 * one local subtask): what the book and market tools share.
 */
final class MarketStateSavepoint {
    private MarketStateSavepoint() {}

    /** Every row {@code reader} makes of the operator's keys, sorted by {@code order}. */
    static <T> List<T> read(
            String savepointPath,
            KeyedStateReaderFunction<String, T> reader,
            Class<T> type,
            Comparator<T> order)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader savepoint =
                SavepointReader.read(env, savepointPath, new EmbeddedRocksDBStateBackend());
        List<T> rows = new ArrayList<>();
        try (CloseableIterator<T> it =
                savepoint
                        .readKeyedState(
                                OperatorIdentifier.forUid(Stages.MARKET),
                                reader,
                                Types.STRING,
                                TypeInformation.of(type))
                        .executeAndCollect("savepoint-" + type.getSimpleName())) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(order);
        return rows;
    }
}
