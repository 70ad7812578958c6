package io.marketstreams.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.StreamTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/**
 * Every docs/sql/ statement parses, declares every field of its stream's current schema in schema
 * order with the types of {@code AvroSchemaConverter}, and plans with the marketstreams-avro
 * format.
 */
class DocsSqlTest {
    @Test
    void everyOutputTopicHasAStatementWhoseColumnsAreTheSchemaFields() throws Exception {
        if (Boolean.getBoolean("marketstreams.sql.write")) {
            Files.createDirectories(SqlTables.docsDir());
            for (StreamTopic topic : SqlTables.topics()) {
                Files.writeString(
                        SqlTables.file(topic), SqlTables.generate(topic), StandardCharsets.UTF_8);
            }
        }
        try (var files = Files.list(SqlTables.docsDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(
                            SqlTables.topics().stream()
                                    .map(t -> t.streamName() + ".sql")
                                    .sorted()
                                    .toList());
        }
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (StreamTopic topic : SqlTables.topics()) {
            env.executeSql(SqlTables.read(topic).strip().replaceAll(";$", ""));
            ResolvedSchema schema = env.from(SqlTables.tableName(topic)).getResolvedSchema();
            List<Column> physical =
                    schema.getColumns().stream()
                            .filter(Column::isPhysical)
                            .filter(c -> !c.getName().equals(SqlTables.KEY_COLUMN))
                            .toList();
            RowType expected =
                    StreamAvroRowDataDeserializationSchema.schemaRowType(topic.streamName());
            assertThat(physical.stream().map(Column::getName).toList())
                    .as(topic.streamName())
                    .containsExactlyElementsOf(expected.getFieldNames());
            List<LogicalType> types =
                    physical.stream().map(c -> c.getDataType().getLogicalType()).toList();
            assertThat(types).as(topic.streamName()).isEqualTo(expected.getChildren());
            assertThat(schema.getWatermarkSpecs()).hasSize(1);
            // Planning creates the Kafka source and the value decoder.
            assertThat(env.explainSql("SELECT * FROM `" + SqlTables.tableName(topic) + "`"))
                    .contains(SqlTables.tableName(topic));
        }
    }
}
