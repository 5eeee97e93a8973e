package io.paymenthub.fspiop;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * FSPIOP {@code Money}: {@code {"amount":"1500.5","currency":"TZS"}}. The amount is a string in the
 * specification's canonical form (no trailing zeros, at most 4 decimals, at most 18 integer
 * digits, never negative, never a JSON number); it is handled as {@link BigDecimal}, never double.
 */
public record FspiopAmount(String amount, String currency) {

    /** The {@code Amount} pattern of the FSPIOP v1.1 OpenAPI definition. */
    public static final Pattern AMOUNT_PATTERN = Pattern.compile("^([0]|([1-9][0-9]{0,17}))([.][0-9]{0,3}[1-9])?$");

    private static final int MAX_DECIMALS = 4;
    private static final int MAX_INTEGER_DIGITS = 18;

    public FspiopAmount {
        if (!isValidAmount(amount)) {
            throw new IllegalArgumentException("not an FSPIOP amount: " + amount);
        }
        if (!FspiopCurrency.isSupported(currency)) {
            throw new IllegalArgumentException("not an FSPIOP currency: " + currency);
        }
    }

    /** Normalises {@code value} to the canonical string; see {@link #normalise(BigDecimal)}. */
    public static FspiopAmount of(BigDecimal value, String currency) {
        return new FspiopAmount(normalise(value), currency);
    }

    public static boolean isValidAmount(String amount) {
        return amount != null && AMOUNT_PATTERN.matcher(amount).matches();
    }

    /**
     * The canonical FSPIOP form of an amount: {@code 10.50} becomes {@code 10.5}, {@code 1E+3}
     * becomes {@code 1000}. Refuses negative values, more than 4 significant decimals and more
     * than 18 integer digits rather than rounding: money is never silently changed.
     */
    public static String normalise(BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative amount: " + value);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("more than " + MAX_DECIMALS + " decimals: " + value.toPlainString());
        }
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("more than " + MAX_INTEGER_DIGITS + " integer digits: " + value.toPlainString());
        }
        return stripped.toPlainString();
    }

    /** The amount as a number, exact. */
    public BigDecimal toBigDecimal() {
        return new BigDecimal(amount);
    }
}
