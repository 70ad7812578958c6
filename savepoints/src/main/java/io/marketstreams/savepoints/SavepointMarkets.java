package io.marketstreams.savepoints;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.StateDescriptors;
import io.marketstreams.schema.MarketResolution;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Dumps the market lifecycle state held in a savepoint (or retained checkpoint) of the canonical
 * job: the {@code MarketRecord} of every market in the keyed {@code books} state of the operator
 * with uid {@value Stages#MARKET}, read with Flink's State Processor API.
 *
 * <pre>
 * SavepointMarkets &lt;savepoint-path&gt;                   one line per market, sorted by id
 * SavepointMarkets &lt;savepoint-path&gt; --market ID       every field of one market
 * </pre>
 */
public final class SavepointMarkets {
    private SavepointMarkets() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool with command-line arguments.
     *
     * @return the exit code: 0 printed, 1 no such market, 2 usage error or unreadable savepoint
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return MarketStateSavepoint.run(
                args,
                out,
                err,
                "SavepointMarkets <savepoint-path> [--market market-id]",
                "market",
                SavepointMarkets::read,
                MarketRow::marketId,
                SavepointMarkets::print,
                SavepointMarkets::printMarket);
    }

    /** Every market of the savepoint that has a lifecycle record, sorted by market id. */
    public static List<MarketRow> read(String savepointPath) throws Exception {
        return MarketStateSavepoint.read(
                savepointPath,
                new MarketsReader(),
                MarketRow.class,
                Comparator.comparing(MarketRow::marketId));
    }

    /** Prints one line per market under a header, then the number of markets. */
    public static void print(List<MarketRow> rows, PrintStream out) {
        String format = "%-40s %-9s %5s %-22s %-12s %-10s %7s %5s %-6s %s%n";
        out.printf(
                format,
                "MARKET",
                "STATE",
                "SEQ",
                "REASON",
                "RESOLVED",
                "CONFIDENCE",
                "PENDING",
                "BOOKS",
                "CLOSED",
                "CLEANUP");
        for (MarketRow r : rows) {
            out.printf(
                    format,
                    r.marketId(),
                    r.state(),
                    r.stateSequence(),
                    dash(r.stateReason()),
                    dash(r.resolvedOutcomeId()),
                    dash(r.resolutionConfidence()),
                    r.pending(),
                    r.books(),
                    r.booksClosed() ? "yes" : "no",
                    r.cleanupTime() == null
                            ? "-"
                            : r.cleanupTime() + (r.cleaned() ? " (cleaned)" : ""));
        }
        out.println(rows.size() + " markets");
    }

    /** Prints every field of one market, one {@code name: value} per line. */
    public static void printMarket(MarketRow r, PrintStream out) {
        out.println("market: " + r.marketId());
        out.println("discovered: " + r.discovered());
        out.println("event: " + dash(r.eventId()));
        out.println("state: " + r.state());
        out.println("state_sequence: " + r.stateSequence());
        out.println("state_time: " + dash(r.stateTime()));
        out.println("state_reason: " + dash(r.stateReason()));
        out.println("metadata_revision: " + r.metadataRevision());
        out.println("resolution_revision: " + r.resolutionRevision());
        out.println("resolved_outcome: " + dash(r.resolvedOutcomeId()));
        out.println("resolution_confidence: " + dash(r.resolutionConfidence()));
        out.println("resolution_time: " + dash(r.resolutionTime()));
        out.println("resolution_source: " + dash(r.resolutionSource()));
        out.println("known_events: " + r.knownEvents());
        out.println("pending_inputs: " + r.pending());
        out.println("books: " + r.books());
        out.println("books_closed: " + r.booksClosed());
        out.println("cleanup_time: " + dash(r.cleanupTime()));
        out.println("cleaned: " + r.cleaned());
        out.println("last_trade_price: " + dash(r.lastTradePrice()));
        out.println("last_trade_outcome: " + dash(r.lastTradeOutcomeId()));
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** The row of one market's lifecycle record, as the tools print it. */
    static MarketRow row(String marketId, MarketBookSet set) {
        MarketRecord rec = set.lifecycle;
        MarketResolution res = rec.resolution;
        return new MarketRow(
                marketId,
                rec.discovered(),
                rec.discovered() ? rec.market.getEventId() : null,
                rec.state == null ? "-" : rec.state.name(),
                rec.stateSequence,
                rec.stateTime == Long.MIN_VALUE ? null : rec.stateTime,
                rec.stateReason,
                rec.metadataRevision,
                res == null ? 0 : res.getRevision(),
                res == null ? null : res.getResolvedOutcomeId(),
                res == null ? null : res.getConfidenceLevel().name(),
                res == null ? null : res.getResolutionTime(),
                res == null ? null : res.getResolutionSource(),
                rec.knownEvents == null ? 0 : rec.knownEvents.size(),
                rec.pending,
                rec.booksClosed,
                rec.cleanupTime,
                rec.cleaned,
                set.books == null ? 0 : set.books.size(),
                rec.lastTradePrice,
                rec.lastTradeOutcomeId);
    }

    /** Emits the {@link MarketRow} of each market that has a lifecycle record. */
    static final class MarketsReader extends KeyedStateReaderFunction<String, MarketRow> {
        private static final long serialVersionUID = 1L;

        private transient ValueState<MarketBookSet> books;

        @Override
        public void open(OpenContext openContext) {
            books = getRuntimeContext().getState(StateDescriptors.Market.books());
        }

        @Override
        public void readKey(String marketId, Context ctx, Collector<MarketRow> out)
                throws Exception {
            MarketBookSet set = books.value();
            if (set != null && set.lifecycle != null) {
                out.collect(row(marketId, set));
            }
        }
    }
}
