package io.marketstreams.connectors.polymarket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PolymarketDecimalTest {

    @Test
    void convertsVenueDecimalsExactly() {
        assertThat(PolymarketDecimal.toMicros("0.001")).isEqualTo(1_000L);
        assertThat(PolymarketDecimal.toMicros("0.999")).isEqualTo(999_000L);
        assertThat(PolymarketDecimal.toMicros("1")).isEqualTo(1_000_000L);
        assertThat(PolymarketDecimal.toMicros("0.000001")).isEqualTo(1L);
        assertThat(PolymarketDecimal.toMicros("0")).isEqualTo(0L);
        assertThat(PolymarketDecimal.toMicros("0.00")).isEqualTo(0L);
        assertThat(PolymarketDecimal.toMicros(".48")).isEqualTo(480_000L);
        assertThat(PolymarketDecimal.toMicros("148.56")).isEqualTo(148_560_000L);
        assertThat(PolymarketDecimal.toMicros("007.5")).isEqualTo(7_500_000L);
        assertThat(PolymarketDecimal.toMicros("31113102.71")).isEqualTo(31_113_102_710_000L);
        assertThat(PolymarketDecimal.toMicros("0.5000000000")).isEqualTo(500_000L);
        assertThat(PolymarketDecimal.toMicros("9223372036854.775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsWhatIsNotAnExactUnsignedDecimal() {
        for (String bad :
                new String[] {
                    "0.1234567",
                    "0.0000001",
                    "-0.5",
                    "-0",
                    "+1",
                    "",
                    ".",
                    "1.",
                    "1..2",
                    "1.2.3",
                    "1e-3",
                    " 1",
                    "1 ",
                    "0x10",
                    "NaN",
                    "abc",
                    "9223372036854.775808",
                    "99999999999999999999"
                }) {
            assertThatThrownBy(() -> PolymarketDecimal.toMicros(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(PolymarketDecimal.InvalidDecimalException.class);
        }
        assertThatThrownBy(() -> PolymarketDecimal.toMicros("0.1234567"))
                .hasMessage("more than 6 decimals: '0.1234567'");
        assertThatThrownBy(() -> PolymarketDecimal.toMicros("-0.5"))
                .hasMessage("negative decimal '-0.5'");
    }

    @Test
    void formatsShortestAndRoundTrips() {
        assertThat(PolymarketDecimal.format(0)).isEqualTo("0");
        assertThat(PolymarketDecimal.format(1)).isEqualTo("0.000001");
        assertThat(PolymarketDecimal.format(1_000)).isEqualTo("0.001");
        assertThat(PolymarketDecimal.format(500_000)).isEqualTo("0.5");
        assertThat(PolymarketDecimal.format(1_000_000)).isEqualTo("1");
        assertThat(PolymarketDecimal.format(12_345_678_900L)).isEqualTo("12345.6789");
        assertThatThrownBy(() -> PolymarketDecimal.format(-1))
                .isInstanceOf(IllegalArgumentException.class);
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long micros = random.nextLong() >>> (1 + random.nextInt(63));
            assertThat(PolymarketDecimal.toMicros(PolymarketDecimal.format(micros)))
                    .isEqualTo(micros);
        }
    }
}
