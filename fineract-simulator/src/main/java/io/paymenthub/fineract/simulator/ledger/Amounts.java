package io.paymenthub.fineract.simulator.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money arithmetic and the number shapes Fineract prints. */
public final class Amounts {

    private Amounts() {
    }

    /** Fineract's Money rounds to the currency's decimal places, half-even by default. */
    public static BigDecimal round(BigDecimal amount, int decimalPlaces) {
        return amount.setScale(decimalPlaces, RoundingMode.HALF_EVEN);
    }

    /**
     * Account figures read back from Fineract's database print like 8278.86, 351.16 or 0.0 (never 0.00 nor 0):
     * trailing zeros dropped, at least one decimal.
     */
    public static BigDecimal accountStyle(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    /** Computed amounts (fees, balances in error args) print without trailing zeros: 9.69, 0. */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static boolean isNegative(BigDecimal amount) {
        return amount.signum() < 0;
    }
}
