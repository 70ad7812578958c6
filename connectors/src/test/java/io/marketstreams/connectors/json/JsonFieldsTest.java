package io.marketstreams.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one JSON field toolkit: the required/optional rule, the path in every rejection, wrong types,
 * huge numbers, and the strict reader.
 */
class JsonFieldsTest {

    private static JsonFields root(String json) {
        return JsonFields.of(StrictJson.read(json.getBytes(StandardCharsets.UTF_8)), "");
    }

    private static FieldRejection rejection(Runnable read) {
        try {
            read.run();
        } catch (FieldRejection r) {
            return r;
        }
        throw new AssertionError("expected a FieldRejection");
    }

    @Test
    void requiredTextIsMissingWhenAbsentNullOrEmpty() {
        JsonFields msg = root("{\"msg\":{\"a\":null,\"b\":\"\",\"c\":\"x\"}}").requireObject("msg");
        assertThat(msg.requireText("c")).isEqualTo("x");
        for (String name : new String[] {"a", "b", "absent"}) {
            FieldRejection r = rejection(() -> msg.requireText(name));
            assertThat(r.reason()).isEqualTo(ReasonCode.MISSING_FIELD);
            assertThat(r.path()).isEqualTo("msg." + name);
            assertThat(r.detail()).isEqualTo("msg." + name);
        }
    }

    @Test
    void optionalTextIsNullWhenAbsentNullOrEmpty() {
        JsonFields fields = root("{\"a\":null,\"b\":\"\",\"c\":\"x\"}");
        assertThat(fields.optionalText("a")).isNull();
        assertThat(fields.optionalText("b")).isNull();
        assertThat(fields.optionalText("absent")).isNull();
        assertThat(fields.optionalText("c")).isEqualTo("x");
    }

    @Test
    void presenceNeverExcusesAWrongType() {
        JsonFields fields = root("{\"n\":5,\"s\":\"5\",\"b\":\"true\",\"o\":{},\"a\":[]}");
        assertThat(rejection(() -> fields.optionalText("n")).detail())
                .isEqualTo("n: expected a string, got number 5");
        assertThat(rejection(() -> fields.optionalLong("s")).detail())
                .isEqualTo("s: expected an integer, got string \"5\"");
        assertThat(rejection(() -> fields.optionalBool("b")).detail())
                .isEqualTo("b: expected a boolean, got string \"true\"");
        assertThat(rejection(() -> fields.optionalArray("o")).detail())
                .isEqualTo("o: expected an array, got object");
        assertThat(rejection(() -> fields.optionalObject("a")).detail())
                .isEqualTo("a: expected an object, got array");
        assertThat(rejection(() -> fields.optionalDecimal("o")).detail())
                .isEqualTo("o: expected a decimal, got object");
        assertThat(rejection(() -> fields.requireText("n")).reason())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void optionalBoolIsNullWhenAbsentNotFalse() {
        JsonFields fields = root("{\"t\":true,\"f\":false,\"n\":null}");
        assertThat(fields.optionalBool("t")).isTrue();
        assertThat(fields.optionalBool("f")).isFalse();
        assertThat(fields.optionalBool("n")).isNull();
        assertThat(fields.optionalBool("absent")).isNull();
        assertThat(fields.requireBool("f")).isFalse();
        assertThat(rejection(() -> fields.requireBool("n")).reason())
                .isEqualTo(ReasonCode.MISSING_FIELD);
    }

    @Test
    void integersMustBeIntegralAndFitALong() {
        JsonFields fields =
                root(
                        "{\"max\":9223372036854775807,\"over\":9223372036854775808,"
                                + "\"huge\":123456789012345678901234567890,\"frac\":1.5,"
                                + "\"exp\":1e5}");
        assertThat(fields.requireLong("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(rejection(() -> fields.requireLong("over")).detail())
                .isEqualTo("over: expected an integer, got number 9223372036854775808");
        assertThat(rejection(() -> fields.optionalLong("huge")).detail())
                .startsWith("huge: expected an integer, got number 12345678901234567890123456789");
        assertThat(rejection(() -> fields.optionalLong("frac")).reason())
                .isEqualTo(ReasonCode.MALFORMED);
        assertThat(rejection(() -> fields.optionalLong("exp")).reason())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void decimalsAreStringsOrNumbersInPlainNotationAndNeverDoubles() {
        JsonFields fields =
                root(
                        "{\"s\":\"0.10\",\"n\":0.1,\"i\":7,\"e\":\"\",\"exp\":1e99,"
                                + "\"big\":123456789012345678901234567890.000001}");
        assertThat(fields.requireDecimal("s")).isEqualTo("0.10");
        assertThat(fields.requireDecimal("n")).isEqualTo("0.1");
        assertThat(fields.requireDecimal("i")).isEqualTo("7");
        assertThat(fields.optionalDecimal("e")).isNull();
        assertThat(fields.requireDecimal("exp")).isEqualTo("1" + "0".repeat(99));
        assertThat(fields.requireDecimal("big")).isEqualTo("123456789012345678901234567890.000001");
        assertThat(rejection(() -> fields.requireDecimal("e")).reason())
                .isEqualTo(ReasonCode.MISSING_FIELD);
    }

    @Test
    void numbersLongerThanTheLimitInTextOrInPlainNotationAreRefusedOnRead() {
        for (String number : List.of("1e100", "1e-100", "1e999999999", "9".repeat(101))) {
            FieldRejection r = rejection(() -> root("{\"x\":" + number + "}"));
            assertThat(r.reason()).as(number).isEqualTo(ReasonCode.MALFORMED);
            assertThat(r.isLimitExceeded()).as(number).isTrue();
            assertThat(r.detail()).as(number).startsWith("limit exceeded: ").contains("100");
        }
        assertThat(root("{\"x\":" + "9".repeat(100) + "}").requireDecimal("x"))
                .isEqualTo("9".repeat(100));
    }

    @Test
    void pathsNameNestedFieldsAndArrayElements() {
        JsonFields root = root("{\"msg\":{\"yes\":[[1,2],[3,\"x\"]],\"list\":[{\"k\":1}]}}");
        JsonFields msg = root.requireObject("msg");
        JsonElements yes = msg.requireArray("yes");
        assertThat(yes.path()).isEqualTo("msg.yes");
        assertThat(yes.pathOf(1)).isEqualTo("msg.yes[1]");
        JsonElements level = yes.array(1);
        assertThat(level.longValue(0)).isEqualTo(3L);
        FieldRejection r = rejection(() -> level.longValue(1));
        assertThat(r.path()).isEqualTo("msg.yes[1][1]");
        assertThat(r.detail()).isEqualTo("msg.yes[1][1]: expected an integer, got string \"x\"");
        assertThat(rejection(() -> msg.requireArray("list").object(0).requireText("k")).path())
                .isEqualTo("msg.list[0].k");
        assertThat(rejection(() -> yes.object(0)).detail())
                .isEqualTo("msg.yes[0]: expected an object, got array");
    }

    @Test
    void rootArrayElementsArePathedByIndexAlone() {
        JsonNode node = StrictJson.read("[{\"a\":1},2]".getBytes(StandardCharsets.UTF_8));
        JsonElements root = JsonElements.of(node, "");
        assertThat(rejection(() -> root.object(0).requireText("b")).path()).isEqualTo("[0].b");
        assertThat(rejection(() -> root.object(1)).detail())
                .isEqualTo("[1]: expected an object, got number 2");
    }

    @Test
    void keyPresenceIsDistinctFromANonNullValue() {
        JsonFields fields = root("{\"n\":null}");
        assertThat(fields.hasKey("n")).isTrue();
        assertThat(fields.optionalValue("n")).isNull();
        assertThat(fields.hasKey("absent")).isFalse();
        assertThat(JsonFields.empty("meta").optionalText("x")).isNull();
        assertThat(JsonFields.empty("meta").pathOf("x")).isEqualTo("meta.x");
    }

    @Test
    void theStrictReaderRejectsWhatCouldMeanTwoThings() {
        assertThat(rejection(() -> StrictJson.read(new byte[0])).detail()).isEqualTo("empty frame");
        assertThat(rejection(() -> StrictJson.read("  ".getBytes(StandardCharsets.UTF_8))).detail())
                .isEqualTo("empty frame");
        for (String bad : new String[] {"{\"a\":1} x", "{\"a\":1,\"a\":2}", "{\"a\":", "nope"}) {
            FieldRejection r =
                    rejection(() -> StrictJson.read(bad.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.reason()).as(bad).isEqualTo(ReasonCode.MALFORMED);
            assertThat(r.path()).as(bad).isEmpty();
            assertThat(r.detail()).as(bad).startsWith("not JSON: ");
        }
        JsonNode exact = StrictJson.read("{\"p\":0.1}".getBytes(StandardCharsets.UTF_8));
        assertThat(exact.get("p").isBigDecimal()).isTrue();
    }

    @Test
    void theDetailRuleAndTheParseResult() {
        assertThat(FieldRejection.missing("msg.side").detail()).isEqualTo("msg.side");
        assertThat(FieldRejection.malformed("msg.side", "bad").detail()).isEqualTo("msg.side: bad");
        assertThat(FieldRejection.malformed("", "empty frame").detail()).isEqualTo("empty frame");
        assertThat(FieldRejection.unsupported("msg.result", "'void' names no outcome").toRejected())
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNSUPPORTED_PAYLOAD,
                                "msg.result: 'void' names no outcome"));
        assertThat(FieldRejection.unknownMessage("[2]", "unknown event_type 'x'").toRejected())
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.UNKNOWN_MESSAGE, "[2]: unknown event_type 'x'"));
        assertThatThrownBy(() -> JsonFields.of(null, "x"))
                .isInstanceOf(FieldRejection.class)
                .hasMessage("x: expected an object, got nothing");
    }
}
