package io.marketstreams.connectors.kalshi;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Exact conversions between Kalshi's decimal notations and the scaled longs of the normalized
 * records (docs/contract.md, "Numbers"). No binary floating point is involved anywhere: strings are
 * read as {@link BigDecimal}s and must convert without any rounding.
 *
 * <ul>
 *   <li>Prices: Kalshi dollar strings ({@code *_dollars}, up to 6 decimals) to micro-units ({@code
 *       "0.0800"} = 80000, {@code "1.000000"} = 1000000); legacy integer cents ({@code yes_price},
 *       {@code price}) times {@value #MICROS_PER_CENT}.
 *   <li>Counts: Kalshi fixed-point contract strings ({@code *_fp}, up to 2 decimals) to
 *       micro-contracts ({@code "300.00"} = 300000000, {@code "0.5"} = 500000); legacy integer
 *       contract counts times {@value #MICROS_PER_CONTRACT}.
 * </ul>
 *
 * <p>A value with more precision than its unit represents (a price of {@code "0.1234567"}, a count
 * of {@code "1.005"}), a negative value where the field is unsigned, a number that does not fit a
 * long, or anything that is not a plain decimal ({@code "1e3"}, {@code "+1"}, {@code ".5"}, {@code
 * " 1"}) throws {@link NumberFormatException}. Trailing zeros are not precision: {@code
 * "0.10000000"} is exactly 100000.
 */
public final class KalshiDecimals {
    /** Micro-units per dollar of payout (1.000000 = 1000000). */
    public static final long MICROS_PER_DOLLAR = 1_000_000L;

    /** Micro-units per cent of payout. */
    public static final long MICROS_PER_CENT = 10_000L;

    /** Micro-contracts per contract. */
    public static final long MICROS_PER_CONTRACT = 1_000_000L;

    /** Decimal places a dollar price may have (Kalshi's maximum precision). */
    public static final int PRICE_DECIMALS = 6;

    /** Decimal places a fixed-point count may have (Kalshi's minimum granularity is 0.01). */
    public static final int COUNT_DECIMALS = 2;

    /** Micro-contracts per 0.01 contract, the finest count Kalshi represents. */
    private static final long MICROS_PER_COUNT_STEP = 10_000L;

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** Longer strings are refused before any arithmetic (a long has at most 19 digits). */
    private static final int MAX_LENGTH = 64;

    private KalshiDecimals() {}

    /**
     * A non-negative dollar string with at most 6 significant decimals, in micro-units.
     *
     * @throws NumberFormatException if the string is not such a value
     */
    public static long dollarsToMicros(String dollars) {
        return scale(parse(dollars), PRICE_DECIMALS, false, "dollar amount", dollars);
    }

    /**
     * A non-negative fixed-point contract count with at most 2 significant decimals, in
     * micro-contracts.
     *
     * @throws NumberFormatException if the string is not such a value
     */
    public static long countToMicros(String count) {
        return scaleCount(parse(count), false, count);
    }

    /**
     * A signed fixed-point contract count (a book delta) with at most 2 significant decimals, in
     * micro-contracts.
     *
     * @throws NumberFormatException if the string is not such a value
     */
    public static long signedCountToMicros(String count) {
        return scaleCount(parse(count), true, count);
    }

    /**
     * A dollar amount given as a decimal number (e.g. a JSON number), in micro-units.
     *
     * @throws NumberFormatException if it is negative, too precise or too large
     */
    public static long dollarsToMicros(BigDecimal dollars) {
        return scale(dollars, PRICE_DECIMALS, false, "dollar amount", dollars.toString());
    }

    /**
     * A contract count given as a decimal number (e.g. a JSON number), in micro-contracts.
     *
     * @param signed whether a negative count (a delta) is allowed
     * @throws NumberFormatException if it is negative where not allowed, too precise or too large
     */
    public static long countToMicros(BigDecimal count, boolean signed) {
        return scaleCount(count, signed, count.toString());
    }

    /**
     * Legacy integer cents (0 to 100 for a price), in micro-units.
     *
     * @throws NumberFormatException if negative or too large
     */
    public static long centsToMicros(long cents) {
        if (cents < 0) {
            throw new NumberFormatException("negative cents: " + cents);
        }
        return multiply(cents, MICROS_PER_CENT, cents);
    }

    /**
     * A legacy integer contract count, in micro-contracts.
     *
     * @param signed whether a negative count (a delta) is allowed
     * @throws NumberFormatException if negative where not allowed, or too large
     */
    public static long contractsToMicros(long contracts, boolean signed) {
        if (!signed && contracts < 0) {
            throw new NumberFormatException("negative contract count: " + contracts);
        }
        return multiply(contracts, MICROS_PER_CONTRACT, contracts);
    }

    /**
     * Micro-units as a Kalshi dollar string: 4 decimals when that is exact (Kalshi's usual form,
     * {@code 80000} = {@code "0.0800"}), else 6 ({@code 1} = {@code "0.000001"}).
     *
     * @throws IllegalArgumentException if negative
     */
    public static String microsToDollars(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative price: " + micros);
        }
        BigDecimal dollars = BigDecimal.valueOf(micros, PRICE_DECIMALS);
        return micros % 100 == 0 ? dollars.setScale(4).toPlainString() : dollars.toPlainString();
    }

    /**
     * Micro-contracts as a Kalshi fixed-point count with exactly 2 decimals ({@code 300000000} =
     * {@code "300.00"}, {@code -500000} = {@code "-0.50"}).
     *
     * @throws IllegalArgumentException if not a multiple of 0.01 contract
     */
    public static String microsToCount(long microContracts) {
        if (microContracts % MICROS_PER_COUNT_STEP != 0) {
            throw new IllegalArgumentException(
                    microContracts + " micro-contracts is not a multiple of 0.01 contract");
        }
        return BigDecimal.valueOf(microContracts / MICROS_PER_COUNT_STEP, COUNT_DECIMALS)
                .toPlainString();
    }

    private static BigDecimal parse(String text) {
        if (text == null) {
            throw new NumberFormatException("no value");
        }
        if (text.length() > MAX_LENGTH || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("not a plain decimal: '" + shorten(text) + "'");
        }
        return new BigDecimal(text);
    }

    private static long scaleCount(BigDecimal value, boolean signed, String text) {
        // At most 2 decimals: the value in hundredths must be whole.
        long hundredths = scale(value, COUNT_DECIMALS, signed, "contract count", text);
        return multiply(hundredths, MICROS_PER_COUNT_STEP, text);
    }

    private static long scale(
            BigDecimal value, int decimals, boolean signed, String what, String text) {
        if (!signed && value.signum() < 0) {
            throw new NumberFormatException("negative " + what + ": '" + shorten(text) + "'");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() != 0 && stripped.precision() - stripped.scale() > 19) {
            // More than 19 integer digits (also guards against exponents like 1e1000000000).
            throw new NumberFormatException(what + " '" + shorten(text) + "' is too large");
        }
        if (stripped.scale() > decimals) {
            throw new NumberFormatException(
                    what
                            + " '"
                            + shorten(text)
                            + "' has more than "
                            + decimals
                            + " significant decimals");
        }
        BigDecimal scaled = stripped.movePointRight(decimals);
        try {
            return scaled.longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException(what + " '" + shorten(text) + "' is too large");
        }
    }

    private static long multiply(long value, long factor, Object original) {
        try {
            return Math.multiplyExact(value, factor);
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + original + "' is too large");
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
