package io.marketstreams.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/topics.md states the catalog: one table row per topic, matching the code. */
class TopicCatalogDocTest {
    private static final Path DOC = Path.of("..", "docs", "topics.md");

    @ParameterizedTest
    @EnumSource(StreamTopic.class)
    void docsTableRowMatchesCatalog(StreamTopic topic) throws Exception {
        List<String> rows =
                Files.readAllLines(DOC).stream()
                        .filter(l -> l.startsWith("| `" + topic.streamName() + "` |"))
                        .toList();
        assertThat(rows).as("row for %s in %s", topic.streamName(), DOC).hasSize(1);
        String[] cells = rows.get(0).split("(?<!\\\\)\\|");
        // | topic | key | partitions | cleanup | retention | schema |
        assertThat(cells[3].trim()).isEqualTo(String.valueOf(topic.defaultPartitions()));
        assertThat(cells[4].trim()).isEqualTo(topic.cleanupPolicy().kafkaValue());
        String retention =
                topic.retentionMs() < 0 ? "forever" : (topic.retentionMs() / 86_400_000L) + " d";
        assertThat(cells[5].trim()).isEqualTo(retention);
        assertThat(cells[6].trim())
                .isEqualTo(
                        topic.isRaw()
                                ? "native frames (bytes)"
                                : "`" + topic.schema().getName() + "`");
    }
}
