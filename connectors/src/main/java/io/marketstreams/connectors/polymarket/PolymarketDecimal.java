package io.marketstreams.connectors.polymarket;

/**
 * Exact conversion between Polymarket's decimal strings (prices such as {@code "0.48"} or {@code
 * ".48"}, sizes such as {@code "148.56"}) and the {@code long} micro-units of the normalized
 * records (1 = {@code 1000000}). Plain string arithmetic: no floating point, no rounding.
 *
 * <p>Accepted: one or more digits with an optional fraction of one or more digits ({@code "1"},
 * {@code "0.5"}; not {@code "1."}), or a fraction alone ({@code ".48"}, as in Polymarket's
 * documentation). The value must be exactly representable in micro-units: digits after the sixth
 * decimal are only accepted when they are zeros ({@code "0.5000000"} is {@code 500000}; {@code
 * "0.1234567"} is rejected). Rejected: a sign (negative values and {@code "+1"}), exponents,
 * blanks, anything else, and values beyond {@link Long#MAX_VALUE} micro-units.
 */
public final class PolymarketDecimal {
    /** Micro-units per unit: 1.000000 = {@value}. */
    public static final long ONE = 1_000_000L;

    private static final int SCALE = 6;

    private PolymarketDecimal() {}

    /** Why a decimal string cannot be converted. */
    public static final class InvalidDecimalException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidDecimalException(String message) {
            super(message);
        }
    }

    /**
     * Converts a decimal string to micro-units, exactly.
     *
     * @throws InvalidDecimalException when the text is not an unsigned decimal, has non-zero digits
     *     beyond the sixth decimal, or overflows a {@code long}
     */
    public static long toMicros(String text) {
        if (text == null) {
            throw new InvalidDecimalException("null is not a decimal");
        }
        int n = text.length();
        if (n == 0) {
            throw new InvalidDecimalException("empty string is not a decimal");
        }
        if (text.charAt(0) == '-') {
            throw new InvalidDecimalException("negative decimal '" + text + "'");
        }
        int dot = text.indexOf('.');
        int intEnd = dot < 0 ? n : dot;
        if (dot >= 0 && (dot == n - 1 || text.indexOf('.', dot + 1) >= 0)) {
            throw new InvalidDecimalException("not a decimal: '" + text + "'");
        }
        if (intEnd == 0 && dot < 0) {
            throw new InvalidDecimalException("not a decimal: '" + text + "'");
        }
        try {
            long units = 0;
            for (int i = 0; i < intEnd; i++) {
                units = Math.addExact(Math.multiplyExact(units, 10L), digit(text, i));
            }
            long fraction = 0;
            if (dot >= 0) {
                for (int i = dot + 1; i < n; i++) {
                    int d = digit(text, i);
                    int place = i - dot;
                    if (place <= SCALE) {
                        fraction = fraction * 10 + d;
                    } else if (d != 0) {
                        throw new InvalidDecimalException(
                                "more than " + SCALE + " decimals: '" + text + "'");
                    }
                }
                for (int place = n - dot - 1; place < SCALE; place++) {
                    fraction *= 10;
                }
            }
            return Math.addExact(Math.multiplyExact(units, ONE), fraction);
        } catch (ArithmeticException e) {
            throw new InvalidDecimalException("decimal out of range: '" + text + "'");
        }
    }

    /**
     * The shortest decimal string of a non-negative micro-unit value: {@code 500000} is {@code
     * "0.5"}, {@code 1000000} is {@code "1"}, {@code 1} is {@code "0.000001"}, {@code 0} is {@code
     * "0"}. {@link #toMicros} of the result is the value.
     *
     * @throws IllegalArgumentException for a negative value
     */
    public static String format(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative micro-units: " + micros);
        }
        long units = micros / ONE;
        long fraction = micros % ONE;
        if (fraction == 0) {
            return Long.toString(units);
        }
        StringBuilder digits = new StringBuilder(Long.toString(fraction + ONE).substring(1));
        while (digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1);
        }
        return units + "." + digits;
    }

    private static int digit(String text, int i) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
            throw new InvalidDecimalException("not a decimal: '" + text + "'");
        }
        return c - '0';
    }
}
