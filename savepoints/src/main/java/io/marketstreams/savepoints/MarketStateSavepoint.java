package io.marketstreams.savepoints;

import io.marketstreams.jobs.flink.Stages;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
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

    /** Reads a savepoint's rows of one kind. */
    @FunctionalInterface
    interface Reader<T> {
        List<T> read(String savepointPath) throws Exception;
    }

    /**
     * The command line every market-state tool shares: {@code <savepoint-path>} prints every row;
     * {@code <savepoint-path> --<option> ID} prints one.
     *
     * @return the exit code: 0 printed, 1 no such row, 2 usage error or unreadable savepoint
     */
    static <T> int run(
            String[] args,
            PrintStream out,
            PrintStream err,
            String usage,
            String option,
            Reader<T> reader,
            Function<T, String> id,
            BiConsumer<List<T>, PrintStream> printAll,
            BiConsumer<T, PrintStream> printOne) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--" + option))) {
            err.println("usage: " + usage);
            return 2;
        }
        List<T> rows;
        try {
            rows = reader.read(args[0]);
        } catch (Exception e) {
            // A wrong path is the common mistake: say so in one line, not a stack trace.
            err.println("cannot read a savepoint at " + args[0] + ": " + e.getMessage());
            return 2;
        }
        if (args.length == 1) {
            printAll.accept(rows, out);
            return 0;
        }
        T row = rows.stream().filter(r -> id.apply(r).equals(args[2])).findFirst().orElse(null);
        if (row == null) {
            err.println("no " + option + " " + args[2] + " in " + args[0]);
            return 1;
        }
        printOne.accept(row, out);
        return 0;
    }
}
