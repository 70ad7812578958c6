package io.marketstreams.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void wellFormedTextOfEveryLengthPasses() {
        String text = "{\"a\":\"x é € 𝄞\"}";
        assertThat(Utf8Check.problem(text.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(Utf8Check.problem(bytes(0xef, 0xbb, 0xbf, '{', '}'))).as("BOM").isNull();
        assertThat(Utf8Check.problem(bytes(0xf4, 0x8f, 0xbf, 0xbf))).as("U+10FFFF").isNull();
        assertThat(Utf8Check.problem(new byte[0])).isNull();
    }

    @Test
    void everyMalformedFormIsNamedWithItsOffset() {
        assertThat(Utf8Check.problem(bytes('a', 0xff))).isEqualTo("invalid byte 0xff at 1");
        assertThat(Utf8Check.problem(bytes(0x80))).isEqualTo("invalid byte 0x80 at 0");
        assertThat(Utf8Check.problem(bytes(0xc0, 0x80))).isEqualTo("invalid byte 0xc0 at 0");
        assertThat(Utf8Check.problem(bytes(0xe0, 0x80, 0x80))).isEqualTo("overlong sequence at 0");
        assertThat(Utf8Check.problem(bytes(0xed, 0xa0, 0x80))).isEqualTo("encoded surrogate at 0");
        assertThat(Utf8Check.problem(bytes(0xf4, 0x90, 0x80, 0x80)))
                .isEqualTo("code point above U+10FFFF at 0");
        assertThat(Utf8Check.problem(bytes('x', 0xe2, 0x82))).isEqualTo("truncated sequence at 1");
        assertThat(Utf8Check.problem(bytes(0xe2, 'x', 0xac))).isEqualTo("invalid byte 0x78 at 1");
        assertThat(Utf8Check.problem(bytes('{', 0, '}'))).isEqualTo("NUL byte at 1");
        assertThat(Utf8Check.problem("{}".getBytes(StandardCharsets.UTF_16LE)))
                .isEqualTo("NUL byte at 1");
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(16);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                // Mostly multi-byte lead and continuation bytes, where the rules are.
                b[i] =
                        (byte)
                                (random.nextInt(4) == 0
                                        ? 'a' + random.nextInt(3)
                                        : 0x80 + random.nextInt(128));
            }
            assertThat(Utf8Check.problem(b) == null)
                    .as(java.util.Arrays.toString(b))
                    .isEqualTo(jdkAccepts(b));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
