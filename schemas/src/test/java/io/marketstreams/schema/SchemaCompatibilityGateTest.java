package io.marketstreams.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaCompatibilityGateTest {

    @ParameterizedTest
    @EnumSource(
            value = StreamTopic.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"RAW_KALSHI", "RAW_POLYMARKET"})
    void currentSchemaReadsEveryReleasedVersion(StreamTopic topic) {
        List<Schema> released = ReleasedSchemas.versions(topic);
        assertThat(released).as("released versions of %s", topic.streamName()).isNotEmpty();
        assertThat(SchemaCompatibilityGate.backwardProblems(topic.schema(), released)).isEmpty();
    }

    @Test
    void addingARequiredFieldWithoutDefaultFailsTheGate() {
        Schema changed = withExtraField(Trade.getClassSchema(), "\"type\": \"long\"");

        List<String> problems =
                SchemaCompatibilityGate.backwardProblems(
                        changed, ReleasedSchemas.versions(StreamTopic.TRADES_EXECUTED));

        assertThat(problems).singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT");
    }

    @Test
    void changingAFieldTypeFailsTheGate() {
        Schema changed =
                new Schema.Parser()
                        .parse(
                                Trade.getClassSchema()
                                        .toString()
                                        .replace(
                                                "{\"name\":\"price\",\"type\":\"long\"",
                                                "{\"name\":\"price\",\"type\":\"string\""));
        assertThat(changed.getField("price").schema().getType()).isEqualTo(Schema.Type.STRING);

        assertThat(
                        SchemaCompatibilityGate.backwardProblems(
                                changed, ReleasedSchemas.versions(StreamTopic.TRADES_EXECUTED)))
                .anyMatch(p -> p.contains("TYPE_MISMATCH"));
    }

    @Test
    void removingAnEnumSymbolWithoutReaderDefaultFailsTheGate() {
        Schema changed =
                new Schema.Parser()
                        .parse(
                                OrderBookDelta.getClassSchema()
                                        .toString()
                                        .replace("\"MODIFY\",", ""));

        assertThat(
                        SchemaCompatibilityGate.backwardProblems(
                                changed, ReleasedSchemas.versions(StreamTopic.ORDERS_DELTA)))
                .anyMatch(p -> p.contains("MISSING_ENUM_SYMBOLS"));
    }

    @Test
    void removingAnEnumSymbolIsToleratedWhereTheEnumHasADefault() {
        // ReasonCode declares OTHER as its default: old data with a removed code reads as OTHER.
        Schema changed =
                new Schema.Parser()
                        .parse(
                                Quarantined.getClassSchema()
                                        .toString()
                                        .replace("\"CROSSED_BOOK\",", ""));

        assertThat(
                        SchemaCompatibilityGate.backwardProblems(
                                changed, ReleasedSchemas.versions(StreamTopic.QUARANTINE)))
                .isEmpty();
    }

    @Test
    void addingAnOptionalFieldWithDefaultPassesTheGate() {
        Schema changed =
                withExtraField(
                        Trade.getClassSchema(),
                        "\"type\": [\"null\", \"string\"], \"default\": null");

        assertThat(
                        SchemaCompatibilityGate.backwardProblems(
                                changed, ReleasedSchemas.versions(StreamTopic.TRADES_EXECUTED)))
                .isEmpty();
    }

    private static Schema withExtraField(Schema schema, String typeAndDefault) {
        String json = schema.toString();
        int end = json.lastIndexOf("]}");
        String extra = ",{\"name\":\"venue_fee\"," + typeAndDefault + ",\"doc\":\"x\"}";
        return new Schema.Parser().parse(json.substring(0, end) + extra + json.substring(end));
    }
}
