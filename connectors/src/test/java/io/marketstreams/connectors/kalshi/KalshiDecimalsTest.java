package io.marketstreams.connectors.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KalshiDecimalsTest {

    @ParameterizedTest
    @CsvSource({
        "0.000001, 1",
        "0.999999, 999999",
        "1.000000, 1000000",
        "0.01, 10000",
        "0.0800, 80000",
        "0.1200, 120000",
        "0.001, 1000",
        "1, 1000000",
        "0, 0",
        "0.0000, 0",
        "0.10000000, 100000",
        "12.345678, 12345678"
    })
    void dollarStringsConvertExactlyToMicroUnits(String dollars, long micros) {
        assertThat(KalshiDecimals.dollarsToMicros(dollars)).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.1234567",
                "0.0000001",
                "-0.01",
                "",
                " 0.10",
                "0.10 ",
                "+0.10",
                ".5",
                "1.",
                "1e-2",
                "0x10",
                "NaN",
                "0,10",
                "abc",
                "99999999999999999999"
            })
    void dollarStringsThatAreNotExactNonNegativePricesAreRefused(String dollars) {
        assertThatThrownBy(() -> KalshiDecimals.dollarsToMicros(dollars))
                .isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "300.00, 300000000",
        "0.5, 500000",
        "0.01, 10000",
        "0.50, 500000",
        "12.25, 12250000",
        "136, 136000000",
        "0.00, 0",
        "1.000, 1000000"
    })
    void countStringsConvertExactlyToMicroContracts(String count, long micros) {
        assertThat(KalshiDecimals.countToMicros(count)).isEqualTo(micros);
    }

    @ParameterizedTest
    @CsvSource({"-12.25, -12250000", "54.50, 54500000", "-0.01, -10000", "-300, -300000000"})
    void signedCountsKeepTheirSign(String count, long micros) {
        assertThat(KalshiDecimals.signedCountToMicros(count)).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.005", "0.001", "-1.00", "1e2", "", "ten"})
    void countsThatAreNotExactNonNegativeHundredthsAreRefused(String count) {
        assertThatThrownBy(() -> KalshiDecimals.countToMicros(count))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void signedCountsStillRefuseThirdDecimals() {
        assertThatThrownBy(() -> KalshiDecimals.signedCountToMicros("-0.005"))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("more than 2 significant decimals");
    }

    @Test
    void decimalNumbersConvertExactlyAndRefuseHugeExponents() {
        assertThat(KalshiDecimals.dollarsToMicros(new BigDecimal("0.08"))).isEqualTo(80_000L);
        assertThat(KalshiDecimals.countToMicros(new BigDecimal("200"), false))
                .isEqualTo(200_000_000L);
        assertThat(KalshiDecimals.countToMicros(new BigDecimal("-2.5"), true))
                .isEqualTo(-2_500_000L);
        assertThatThrownBy(() -> KalshiDecimals.dollarsToMicros(new BigDecimal("1e1000000000")))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> KalshiDecimals.dollarsToMicros(new BigDecimal("1e-1000000000")))
                .isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> KalshiDecimals.countToMicros(new BigDecimal("-1"), false))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void legacyCentsAndIntegerCountsScale() {
        assertThat(KalshiDecimals.centsToMicros(8)).isEqualTo(80_000L);
        assertThat(KalshiDecimals.centsToMicros(100)).isEqualTo(1_000_000L);
        assertThat(KalshiDecimals.contractsToMicros(300, false)).isEqualTo(300_000_000L);
        assertThat(KalshiDecimals.contractsToMicros(-54, true)).isEqualTo(-54_000_000L);
        assertThatThrownBy(() -> KalshiDecimals.centsToMicros(-1))
                .isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> KalshiDecimals.contractsToMicros(-1, false))
                .isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> KalshiDecimals.contractsToMicros(Long.MAX_VALUE / 2, false))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void formatsMicroUnitsTheWayKalshiWritesThem() {
        assertThat(KalshiDecimals.microsToDollars(80_000)).isEqualTo("0.0800");
        assertThat(KalshiDecimals.microsToDollars(1_000_000)).isEqualTo("1.0000");
        assertThat(KalshiDecimals.microsToDollars(1)).isEqualTo("0.000001");
        assertThat(KalshiDecimals.microsToDollars(999_999)).isEqualTo("0.999999");
        assertThat(KalshiDecimals.microsToDollars(1_000)).isEqualTo("0.0010");
        assertThat(KalshiDecimals.microsToDollars(0)).isEqualTo("0.0000");
        assertThat(KalshiDecimals.microsToCount(300_000_000)).isEqualTo("300.00");
        assertThat(KalshiDecimals.microsToCount(-500_000)).isEqualTo("-0.50");
        assertThat(KalshiDecimals.microsToCount(0)).isEqualTo("0.00");
        assertThatThrownBy(() -> KalshiDecimals.microsToCount(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KalshiDecimals.microsToDollars(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formattingAndParsingRoundTrip() {
        for (long micros : new long[] {0, 1, 99, 100, 10_000, 999_999, 1_000_000, 123_456}) {
            assertThat(KalshiDecimals.dollarsToMicros(KalshiDecimals.microsToDollars(micros)))
                    .isEqualTo(micros);
        }
        for (long micros : new long[] {0, 10_000, -10_000, 500_000, 300_000_000, -12_250_000}) {
            assertThat(KalshiDecimals.signedCountToMicros(KalshiDecimals.microsToCount(micros)))
                    .isEqualTo(micros);
        }
    }
}
