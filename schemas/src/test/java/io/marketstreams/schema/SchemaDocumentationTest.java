package io.marketstreams.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every field and every named type of every stream schema says what it is. */
class SchemaDocumentationTest {

    @ParameterizedTest
    @EnumSource(
            value = StreamTopic.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"RAW_KALSHI", "RAW_POLYMARKET"})
    void everyFieldAndNamedTypeHasADoc(StreamTopic topic) {
        List<String> undocumented = new ArrayList<>();
        walk(topic.schema(), new HashSet<>(), undocumented);
        assertThat(undocumented).as("undocumented in %s", topic.streamName()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = StreamTopic.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"RAW_KALSHI", "RAW_POLYMARKET"})
    void noBinaryFloatingPointAnywhere(StreamTopic topic) {
        assertThat(topic.schema().toString())
                .doesNotContain("\"type\":\"double\"")
                .doesNotContain("\"type\":\"float\"");
    }

    private static void walk(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                for (Schema.Field field : schema.getFields()) {
                    requireDoc(
                            field.doc(), schema.getFullName() + "." + field.name(), undocumented);
                    walk(field.schema(), seen, undocumented);
                }
                break;
            case ENUM:
                if (seen.add(schema.getFullName())) {
                    requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                }
                break;
            case UNION:
                schema.getTypes().forEach(t -> walk(t, seen, undocumented));
                break;
            case ARRAY:
                walk(schema.getElementType(), seen, undocumented);
                break;
            case MAP:
                walk(schema.getValueType(), seen, undocumented);
                break;
            default:
                break;
        }
    }

    private static void requireDoc(String doc, String where, List<String> undocumented) {
        if (doc == null || doc.isBlank()) {
            undocumented.add(where);
        }
    }
}
