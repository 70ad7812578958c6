package io.marketstreams.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.harness.JobRun;
import io.marketstreams.harness.JobRuns;
import io.marketstreams.harness.VenueRecord;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.Trade;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.sim.TradeTrafficGenerator;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OutputChecker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Book and trade traffic → Kafka → canonical job → Kafka → {@link ParquetSinkJob} → Parquet files,
 * queried with DuckDB: the queries of docs/querying.md give what the Kafka topics and the client
 * library give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetOutputDuckDbITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String IN = "lake-in";
    private static final String OUT = "lake-out";

    @TempDir static Path work;
    private JobRuns runs;
    private Path lake;
    private OutputChecker.Report report;
    private Connection duck;

    @BeforeAll
    void runBothJobs() throws Exception {
        runs = JobRuns.start(work);
        lake = work.resolve("lake");

        List<GeneratedRecord> input = new ArrayList<>();
        BookTrafficGenerator books = new BookTrafficGenerator(11L, 3, 3, 0.05);
        for (int i = 0; i < 1500; i++) {
            input.add(books.next());
        }
        input.addAll(books.finish());
        TradeTrafficGenerator trades = new TradeTrafficGenerator(11L, 6, 0.05);
        for (int i = 0; i < 600; i++) {
            input.add(trades.next());
        }
        // Two markets close and resolve, so markets are in more than one lifecycle state.
        input.addAll(trades.settle(2));
        runs.provisionVenueMessages(IN);
        runs.produce(IN, venueRecords(input));
        JobRun canonical = runs.venueMessages(IN, OUT);
        canonical.runBounded();

        report = new OutputChecker(runs.bootstrap(), OUT).check();
        assertThat(report.violations()).isEmpty();

        // The lake job reads the canonical job's output with the same Kafka and checkpoint
        // settings.
        Configuration conf = canonical.configuration(true);
        conf.set(LakeOptions.PATH, lake.toUri().toString());
        conf.set(LakeOptions.NAMESPACE, OUT);
        conf.set(LakeOptions.GROUP_ID, "lake-test");
        StreamExecutionEnvironment lakeEnv = ParquetSinkJob.environment(conf);
        ParquetSinkJob.buildOnKafka(lakeEnv, conf);
        lakeEnv.execute(ParquetSinkJob.NAME);

        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    void stop() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (runs != null) {
            runs.close();
        }
    }

    /** The read_parquet call of one stream, as docs/querying.md writes it. */
    private String files(StreamTopic stream) {
        return "read_parquet('"
                + lake.resolve("stream=" + stream.streamName())
                + "/*/*.parquet', hive_partitioning = true)";
    }

    private boolean hasFiles(StreamTopic stream) throws Exception {
        Path dir = lake.resolve("stream=" + stream.streamName());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        }
    }

    private List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @Test
    void everyCommittedRecordIsInExactlyOneCommittedFile() throws Exception {
        assertThat(report.counts().get(StreamTopic.TRADES_EXECUTED)).isPositive();
        assertThat(report.counts().get(StreamTopic.ORDERS_DELTA)).isPositive();
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> actual = new TreeMap<>();
        for (StreamTopic stream : JobRuns.OUTPUTS) {
            expected.put(stream.streamName(), (long) report.counts().get(stream));
            actual.put(
                    stream.streamName(),
                    hasFiles(stream)
                            ? asLong(query("SELECT count(*) FROM " + files(stream)).get(0).get(0))
                            : 0L);
        }
        assertThat(actual).isEqualTo(expected);

        // Only committed files are left: no in-progress or pending part files.
        try (Stream<Path> walk = Files.walk(lake)) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("part-") && name.endsWith(".parquet"));
        }
    }

    @Test
    void theDatePartitionIsTheEventTimeDayInUtc() throws Exception {
        List<List<Object>> wrong =
                query(
                        "SELECT count(*) FROM "
                                + files(StreamTopic.TRADES_EXECUTED)
                                + " WHERE strftime(epoch_ms(\"timestamp\"), '%Y-%m-%d')"
                                + " <> CAST(date AS VARCHAR)");
        assertThat(asLong(wrong.get(0).get(0))).isZero();
        List<List<Object>> dates =
                query(
                        "SELECT DISTINCT CAST(date AS VARCHAR) FROM "
                                + files(StreamTopic.ORDERS_DELTA));
        assertThat(dates).isNotEmpty();
    }

    @Test
    void vwapPerMarketEqualsTheTradesOnKafka() throws Exception {
        // Integer micro-units: floor(sum(price * quantity) / sum(quantity)), price in micro-units.
        Map<String, BigInteger[]> sums = new TreeMap<>();
        for (Trade t : report.trades()) {
            BigInteger[] s =
                    sums.computeIfAbsent(
                            t.getMarketId(),
                            k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            s[0] =
                    s[0].add(
                            BigInteger.valueOf(t.getPrice())
                                    .multiply(BigInteger.valueOf(t.getQuantity())));
            s[1] = s[1].add(BigInteger.valueOf(t.getQuantity()));
        }
        Map<String, Long> expected = new TreeMap<>();
        sums.forEach((market, s) -> expected.put(market, s[0].divide(s[1]).longValueExact()));

        Map<String, Long> actual = new TreeMap<>();
        for (List<Object> row :
                query(
                        "SELECT market_id,"
                                + " CAST(sum(CAST(price AS HUGEINT) * quantity)"
                                + " // sum(quantity) AS BIGINT) AS vwap"
                                + " FROM "
                                + files(StreamTopic.TRADES_EXECUTED)
                                + " GROUP BY market_id")) {
            actual.put((String) row.get(0), asLong(row.get(1)));
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void marketsPerLifecycleStateEqualTheLatestSnapshotOnKafka() throws Exception {
        // Latest per market in Kafka order (one key = one partition, in order).
        Map<String, String> latest = new LinkedHashMap<>();
        for (MarketSnapshot s : report.lifecycle().marketSnapshots()) {
            latest.put(s.getMarketId(), s.getMarketState().name());
        }
        Map<String, Long> expected = new TreeMap<>();
        latest.values().forEach(state -> expected.merge(state, 1L, Long::sum));

        Map<String, Long> actual = new TreeMap<>();
        for (List<Object> row :
                query(
                        "SELECT market_state, count(*) AS markets FROM ("
                                + " SELECT market_id, arg_max(market_state, state_sequence)"
                                + " AS market_state FROM "
                                + files(StreamTopic.MARKETS_SNAPSHOTS)
                                + " GROUP BY market_id) GROUP BY market_state")) {
            actual.put(String.valueOf(row.get(0)), asLong(row.get(1)));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(actual).isEqualTo(expected);
    }

    /** docs/querying.md, "Rebuild a book at a sequence": here S = each book's last sequence. */
    static String bookAtSequenceSql(String snapshots, String deltas) {
        return "WITH s AS (SELECT * FROM "
                + snapshots
                + "), d AS (SELECT * FROM "
                + deltas
                + "),"
                + " target AS (SELECT market_id, outcome_id, max(seq) AS at_seq FROM ("
                + "   SELECT market_id, outcome_id, sequence_start AS seq FROM s"
                + "   UNION ALL SELECT market_id, outcome_id, sequence_number FROM d)"
                + "   GROUP BY market_id, outcome_id),"
                + " snap AS (SELECT s.*, t.at_seq FROM s JOIN target t USING (market_id,"
                + "   outcome_id) WHERE s.sequence_start <= t.at_seq"
                + "   QUALIFY row_number() OVER (PARTITION BY s.market_id, s.outcome_id"
                + "   ORDER BY s.sequence_start DESC) = 1),"
                + " changes AS ("
                + "   SELECT market_id, outcome_id, 'BID' AS side, l.price AS price,"
                + "     l.quantity AS quantity, sequence_start AS seq, 0 AS pos"
                + "     FROM (SELECT market_id, outcome_id, sequence_start, unnest(bids) AS l"
                + "     FROM snap)"
                + "   UNION ALL"
                + "   SELECT market_id, outcome_id, 'ASK', l.price, l.quantity, sequence_start, 0"
                + "     FROM (SELECT market_id, outcome_id, sequence_start, unnest(asks) AS l"
                + "     FROM snap)"
                + "   UNION ALL"
                + "   SELECT market_id, outcome_id, CAST(m.side AS VARCHAR), m.price,"
                + "     m.quantity, sequence_number, pos"
                + "     FROM (SELECT d.market_id, d.outcome_id, d.sequence_number,"
                + "       unnest(d.mutations) AS m, generate_subscripts(d.mutations, 1) AS pos"
                + "       FROM d JOIN snap USING (market_id, outcome_id)"
                + "       WHERE d.sequence_number > snap.sequence_start"
                + "       AND d.sequence_number <= snap.at_seq)),"
                + " book AS (SELECT * FROM changes QUALIFY row_number() OVER (PARTITION BY"
                + "   market_id, outcome_id, side, price ORDER BY seq DESC, pos DESC) = 1)"
                + " SELECT market_id || '|' || outcome_id AS book_key,"
                + "   max(price) FILTER (WHERE side = 'BID' AND quantity > 0) AS best_bid,"
                + "   arg_max(quantity, price) FILTER (WHERE side = 'BID' AND quantity > 0)"
                + "     AS best_bid_quantity,"
                + "   min(price) FILTER (WHERE side = 'ASK' AND quantity > 0) AS best_ask,"
                + "   arg_min(quantity, price) FILTER (WHERE side = 'ASK' AND quantity > 0)"
                + "     AS best_ask_quantity"
                + " FROM book GROUP BY market_id, outcome_id";
    }

    @Test
    void bestBidAndAskRebuiltInSqlEqualTheClientLibrarysBooks() throws Exception {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (Map.Entry<String, BookReplica> e : report.books().entrySet()) {
            if (!e.getValue().hasBook()) {
                continue;
            }
            PriceLevel bid = e.getValue().bestBid();
            PriceLevel ask = e.getValue().bestAsk();
            expected.put(
                    e.getKey(),
                    Arrays.asList(
                            bid == null ? null : bid.getPrice(),
                            bid == null ? null : bid.getQuantity(),
                            ask == null ? null : ask.getPrice(),
                            ask == null ? null : ask.getQuantity()));
        }
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<Object> row :
                query(
                        bookAtSequenceSql(
                                files(StreamTopic.ORDERS_SNAPSHOT),
                                files(StreamTopic.ORDERS_DELTA)))) {
            actual.put(
                    (String) row.get(0),
                    Arrays.asList(
                            asLong(row.get(1)),
                            asLong(row.get(2)),
                            asLong(row.get(3)),
                            asLong(row.get(4))));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(12);
        assertThat(expected.values()).anyMatch(v -> v.get(0) != null && v.get(2) != null);
        assertThat(actual).isEqualTo(expected);
    }

    private static List<VenueRecord> venueRecords(List<GeneratedRecord> generated) {
        return generated.stream()
                .map(r -> VenueRecord.of(r.key(), r.value(), r.schemaFingerprint()))
                .toList();
    }
}
