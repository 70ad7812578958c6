package io.marketstreams.savepoints;

import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.StateDescriptors;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Lists the order books held in a savepoint (or retained checkpoint) of the canonical job: the
 * keyed {@code books} state ({@link MarketBookSet} per market) of the operator with uid {@value
 * Stages#MARKET}, read with Flink's State Processor API.
 *
 * <pre>
 * SavepointBooks &lt;savepoint-path&gt;                        one line per book, sorted by key
 * SavepointBooks &lt;savepoint-path&gt; --book market|outcome   the levels of one book
 * </pre>
 */
public final class SavepointBooks {

    private SavepointBooks() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool with command-line arguments.
     *
     * @return the exit code: 0 printed, 1 no such book, 2 usage error or unreadable savepoint
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return MarketStateSavepoint.run(
                args,
                out,
                err,
                "SavepointBooks <savepoint-path> [--book market|outcome]",
                "book",
                SavepointBooks::read,
                BookRow::key,
                SavepointBooks::print,
                SavepointBooks::printBook);
    }

    /** Every book of the savepoint, sorted by key. */
    public static List<BookRow> read(String savepointPath) throws Exception {
        return MarketStateSavepoint.read(
                savepointPath,
                new BooksReader(),
                BookRow.class,
                Comparator.comparing(BookRow::key));
    }

    /** Prints one line per book under a header. */
    public static void print(List<BookRow> rows, PrintStream out) {
        String format = "%-40s %10s %-10s %5s %5s %20s %s%n";
        out.printf(format, "KEY", "SEQUENCE", "HEALTH", "BIDS", "ASKS", "CHECKSUM", "LIFECYCLE");
        for (BookRow r : rows) {
            out.printf(
                    format,
                    r.key(),
                    r.sequence(),
                    r.health(),
                    r.bidLevels(),
                    r.askLevels(),
                    r.checksum(),
                    r.lifecycle());
        }
        out.println(rows.size() + " books");
    }

    /** Prints one book: its summary line and its levels, best first. */
    public static void printBook(BookRow book, PrintStream out) {
        out.printf(
                "%s sequence=%d health=%s checksum=%d lifecycle=%s%n",
                book.key(), book.sequence(), book.health(), book.checksum(), book.lifecycle());
        out.printf("%-5s %5s %20s %20s%n", "SIDE", "LEVEL", "PRICE", "QUANTITY");
        for (int i = 0; i < book.bidLevels(); i++) {
            out.printf("%-5s %5d %20d %20d%n", "BID", i, book.bidPrices()[i], book.bidQty()[i]);
        }
        for (int i = 0; i < book.askLevels(); i++) {
            out.printf("%-5s %5d %20d %20d%n", "ASK", i, book.askPrices()[i], book.askQty()[i]);
        }
    }

    /** Emits one {@link BookRow} per outcome book of each market. */
    static final class BooksReader extends KeyedStateReaderFunction<String, BookRow> {
        private static final long serialVersionUID = 1L;

        private transient ValueState<MarketBookSet> books;

        @Override
        public void open(OpenContext openContext) {
            books = getRuntimeContext().getState(StateDescriptors.Market.books());
        }

        @Override
        public void readKey(String marketId, Context ctx, Collector<BookRow> out) throws Exception {
            MarketBookSet set = books.value();
            if (set == null || set.books == null) {
                return;
            }
            String lifecycle =
                    set.lifecycle == null || set.lifecycle.state == null
                            ? "-"
                            : set.lifecycle.state.name();
            for (Map.Entry<String, BookState> e : set.books.entrySet()) {
                BookState b = e.getValue();
                out.collect(
                        new BookRow(
                                marketId + "|" + e.getKey(),
                                b.sequence,
                                String.valueOf(b.health),
                                b.bidPrices,
                                b.bidQty,
                                b.askPrices,
                                b.askQty,
                                b.checksum,
                                lifecycle));
            }
        }
    }
}
