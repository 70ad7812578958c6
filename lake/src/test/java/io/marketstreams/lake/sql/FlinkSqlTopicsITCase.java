package io.marketstreams.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.OutcomeQuote;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.MiniClusters;
import io.marketstreams.testkit.OrderedProducer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records on embedded Kafka → every docs/sql/ CREATE TABLE (namespaced, bounded at the end offsets)
 * → the Flink SQL queries of docs/querying.md, in batch mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkSqlTopicsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String NS = "sql-test";
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private EmbeddedKafka kafka;
    private StreamTableEnvironment tables;

    @BeforeAll
    void produceAndRegister() throws Exception {
        kafka = EmbeddedKafka.start();
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), NS, SqlTables.topics(), t -> 2);

        List<Trade> trades =
                List.of(
                        trade("m1", 1, T0 + 5_000, 2_000_000),
                        trade("m1", 2, T0 + 20_000, 1_000_000),
                        trade("m2", 1, T0 + 30_000, 5_000_000),
                        trade("m1", 3, T0 + 59_999, 3_000_000),
                        trade("m2", 2, T0 + 61_000, 1_000_000),
                        trade("m1", 4, T0 + 125_000, 4_000_000));
        List<MarketSnapshot> snapshots =
                List.of(
                        snapshot("m1", 1, MarketState.OPEN, T0),
                        snapshot("m2", 1, MarketState.OPEN, T0 + 1_000),
                        snapshot("m1", 2, MarketState.HALTED, T0 + 2_000),
                        snapshot("m1", 3, MarketState.RESOLVED, T0 + 3_000),
                        snapshot("m3", 0, MarketState.PRE_OPEN, T0 + 4_000));
        produce(StreamTopic.TRADES_EXECUTED, Trade.class, trades, Trade::getMarketId);
        produce(
                StreamTopic.MARKETS_SNAPSHOTS,
                MarketSnapshot.class,
                snapshots,
                MarketSnapshot::getMarketId);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        tables = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        // Window bounds of a TIMESTAMP_LTZ time attribute are in the session time zone.
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        for (StreamTopic topic : SqlTables.topics()) {
            tables.executeSql(SqlTables.forTest(topic, NS, kafka.bootstrapServers()));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyTableReadsItsTopic() throws Exception {
        String counts =
                SqlTables.topics().stream()
                        .map(
                                t ->
                                        "SELECT '"
                                                + t.streamName()
                                                + "' AS stream_name, COUNT(*) AS n FROM `"
                                                + SqlTables.tableName(t)
                                                + "`")
                        .collect(Collectors.joining(" UNION ALL "));
        List<String> rows = query(counts);
        List<String> expected = new ArrayList<>();
        for (StreamTopic t : SqlTables.topics()) {
            long n =
                    t == StreamTopic.TRADES_EXECUTED
                            ? 6
                            : t == StreamTopic.MARKETS_SNAPSHOTS ? 5 : 0;
            expected.add("+I[" + t.streamName() + ", " + n + "]");
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** window_start is a TIMESTAMP(3) in the session time zone (UTC here). */
    @Test
    void tradesPerMarketPerMinute() throws Exception {
        List<String> rows =
                query(
                        "SELECT market_id, window_start, COUNT(*) AS trades,"
                                + " SUM(quantity) AS quantity, MAX(price) AS high"
                                + " FROM TABLE(TUMBLE(TABLE trades_executed, DESCRIPTOR(ts),"
                                + " INTERVAL '1' MINUTE))"
                                + " GROUP BY market_id, window_start, window_end");
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "+I[m1, 2026-01-01T10:00, 3, 6000000, 550000]",
                        "+I[m2, 2026-01-01T10:00, 1, 5000000, 510000]",
                        "+I[m2, 2026-01-01T10:01, 1, 1000000, 520000]",
                        "+I[m1, 2026-01-01T10:02, 1, 4000000, 560000]");
    }

    @Test
    void lastStatePerMarket() throws Exception {
        List<String> rows =
                query(
                        "SELECT market_id, kafka_key, market_state, state_sequence, market_type,"
                                + " quotes[1].best_bid.price AS best_bid, ts"
                                + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY market_id"
                                + " ORDER BY state_sequence DESC, snapshot_time DESC) AS rn"
                                + " FROM markets_snapshots)"
                                + " WHERE rn = 1");
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "+I[m1, m1, RESOLVED, 3, BINARY, 480000, 2026-01-01T10:00:03Z]",
                        "+I[m2, m2, OPEN, 1, BINARY, 480000, 2026-01-01T10:00:01Z]",
                        "+I[m3, m3, PRE_OPEN, 0, BINARY, null, 2026-01-01T10:00:04Z]");
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tables.executeSql(sql).collect()) {
            it.forEachRemaining(r -> rows.add(r.toString()));
        }
        return rows;
    }

    private static Trade trade(String market, long sequence, long time, long quantity) {
        return Trade.newBuilder()
                .setTradeId("kalshi:" + market + "-" + sequence)
                .setVenueTradeId(market + "-" + sequence)
                .setMarketId(market)
                .setVenueId("kalshi")
                .setOutcomeId("yes")
                .setPrice(500_000 + 10_000 * (sequence + (market.equals("m2") ? 0 : 2)))
                .setQuantity(quantity)
                .setTakerSide(sequence % 2 == 0 ? TakerSide.SELL : TakerSide.BUY)
                .setMakerOrderId(null)
                .setTakerOrderId(null)
                .setTimestamp(time)
                .setTradeSequence(sequence)
                .setVenueSequence(sequence)
                .setCorrectsTradeId(null)
                .setIngestTime(time + 10)
                .build();
    }

    private static MarketSnapshot snapshot(
            String market, long stateSequence, MarketState state, long time) {
        List<OutcomeQuote> quotes = new ArrayList<>();
        quotes.add(
                OutcomeQuote.newBuilder()
                        .setOutcomeId("yes")
                        .setOutcomeName("Yes")
                        .setBestBid(
                                stateSequence == 0 ? null : new PriceLevel(480_000L, 1_000_000L))
                        .setBestAsk(null)
                        .setBookSequence(stateSequence == 0 ? null : 7L)
                        .build());
        return MarketSnapshot.newBuilder()
                .setMarketId(market)
                .setEventId("e1")
                .setVenueId("kalshi")
                .setMarketState(state)
                .setStateSequence(stateSequence)
                .setMetadataRevision(0)
                .setMarketDescription("Will " + market + " happen?")
                .setMarketType(MarketType.BINARY)
                .setCloseTime(null)
                .setLastTradePrice(null)
                .setLastTradeOutcomeId(null)
                .setLastTradeTime(null)
                .setQuotes(quotes)
                .setSnapshotTime(time)
                .setIngestTime(time + 10)
                .build();
    }

    private <T extends SpecificRecord> void produce(
            StreamTopic topic,
            Class<T> type,
            List<T> records,
            java.util.function.Function<T, String> key)
            throws Exception {
        AvroCodec<T> codec = AvroCodec.forStream(topic, type);
        try (OrderedProducer producer = new OrderedProducer(kafka.bootstrapServers())) {
            for (T record : records) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(
                        WireHeaders.STREAM, topic.streamName().getBytes(StandardCharsets.UTF_8));
                headers.add(
                        WireHeaders.SCHEMA_FINGERPRINT,
                        WireHeaders.fingerprintHeader(codec.fingerprint()));
                producer.send(
                        topic.topicName(NS),
                        key.apply(record).getBytes(StandardCharsets.UTF_8),
                        codec.encode(record),
                        headers,
                        null);
            }
        }
    }
}
