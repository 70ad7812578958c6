package io.marketstreams.lake.sql;

import io.marketstreams.schema.StreamTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.RowType;

/**
 * The CREATE TABLE statements of docs/sql/: where they are, how a test points them at a namespace
 * and a broker, and the generator that wrote them (run {@code DocsSqlTest} with {@code
 * -Dmarketstreams.sql.write=true} after a schema change, then review the diff).
 */
final class SqlTables {
    /** The key column: the Kafka record key as UTF-8 text (StreamTopic#key says what it holds). */
    static final String KEY_COLUMN = "kafka_key";

    static final String DOC_BOOTSTRAP = "localhost:9092";

    /** Each stream's event-time expression (docs/querying.md, the lake's date column). */
    private static final Map<StreamTopic, String> EVENT_TIME =
            Map.ofEntries(
                    Map.entry(StreamTopic.EVENTS_DISCOVERED, "`venue_event_time`"),
                    Map.entry(StreamTopic.MARKETS_DISCOVERED, "`venue_event_time`"),
                    Map.entry(StreamTopic.MARKETS_UPDATED, "`venue_event_time`"),
                    Map.entry(StreamTopic.EVENTS_RESOLVED, "`resolution_time`"),
                    Map.entry(StreamTopic.MARKETS_RESOLVED, "`resolution_time`"),
                    Map.entry(StreamTopic.MARKETS_SNAPSHOTS, "`snapshot_time`"),
                    Map.entry(StreamTopic.MARKET_STATE_UPDATED, "`timestamp`"),
                    Map.entry(StreamTopic.TRADES_EXECUTED, "`timestamp`"),
                    Map.entry(StreamTopic.ORDERS_SNAPSHOT, "`venue_event_time`"),
                    Map.entry(StreamTopic.ORDERS_DELTA, "`venue_event_time`"),
                    Map.entry(
                            StreamTopic.QUARANTINE,
                            "COALESCE(`venue_event_time`, `ingest_time`, 0)"));

    private SqlTables() {}

    /** The ten canonical streams and quarantine. */
    static List<StreamTopic> topics() {
        return Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();
    }

    /** The SQL table name of a stream: dots become underscores. */
    static String tableName(StreamTopic topic) {
        return topic.streamName().replace('.', '_');
    }

    /** docs/sql/ of the checkout (tests run in lake/). */
    static Path docsDir() {
        Path dir = Path.of("..", "docs", "sql");
        return Files.isDirectory(dir) ? dir : Path.of("docs", "sql");
    }

    static Path file(StreamTopic topic) {
        return docsDir().resolve(topic.streamName() + ".sql");
    }

    static String read(StreamTopic topic) throws IOException {
        return Files.readString(file(topic), StandardCharsets.UTF_8);
    }

    /**
     * A docs/sql statement pointed at a namespaced topic on a broker, bounded at the end offsets of
     * query start; the trailing semicolon and comment lines are dropped.
     */
    static String forTest(StreamTopic topic, String namespace, String bootstrap)
            throws IOException {
        String sql = read(topic).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        return replaceOnce(
                replaceOnce(
                        replaceOnce(
                                sql,
                                "'topic' = '" + topic.streamName() + "'",
                                "'topic' = '" + topic.topicName(namespace) + "'"),
                        "'" + DOC_BOOTSTRAP + "'",
                        "'" + bootstrap + "'"),
                "'scan.startup.mode' = 'earliest-offset'",
                "'scan.startup.mode' = 'earliest-offset',\n"
                        + "  'scan.bounded.mode' = 'latest-offset'");
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("expected exactly one " + from + " in:\n" + text);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** The generated statement of a stream (what docs/sql/ holds). */
    static String generate(StreamTopic topic) {
        RowType row = StreamAvroRowDataDeserializationSchema.schemaRowType(topic.streamName());
        StringBuilder sql = new StringBuilder();
        sql.append("-- Stream ")
                .append(topic.streamName())
                .append(": values are plain Avro binary of ")
                .append(topic.schema().getName())
                .append(".avsc (current version),\n")
                .append("-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql).")
                .append(" Kafka key: ")
                .append(topic.key())
                .append(".\n")
                .append("-- Columns are generated from the schema; DocsSqlTest checks them.\n")
                .append("CREATE TABLE `")
                .append(tableName(topic))
                .append("` (\n");
        for (RowType.RowField field : row.getFields()) {
            sql.append("  `")
                    .append(field.getName())
                    .append("` ")
                    .append(field.getType().asSummaryString())
                    .append(",\n");
        }
        sql.append("  `").append(KEY_COLUMN).append("` STRING,\n");
        sql.append("  `ts` AS TO_TIMESTAMP_LTZ(").append(EVENT_TIME.get(topic)).append(", 3),\n");
        sql.append("  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND\n");
        sql.append(") WITH (\n");
        sql.append("  'connector' = 'kafka',\n");
        sql.append("  'topic' = '").append(topic.streamName()).append("',\n");
        sql.append("  'properties.bootstrap.servers' = '").append(DOC_BOOTSTRAP).append("',\n");
        sql.append("  'properties.isolation.level' = 'read_committed',\n");
        sql.append("  'scan.startup.mode' = 'earliest-offset',\n");
        sql.append("  'key.format' = 'raw',\n");
        sql.append("  'key.fields' = '").append(KEY_COLUMN).append("',\n");
        sql.append("  'value.format' = 'marketstreams-avro',\n");
        sql.append("  'value.marketstreams-avro.stream' = '")
                .append(topic.streamName())
                .append("',\n");
        sql.append("  'value.fields-include' = 'EXCEPT_KEY'\n");
        sql.append(");\n");
        return sql.toString();
    }
}
