package io.paymenthub.fineract.simulator.ledger;

import java.math.BigDecimal;

/** A product's withdrawal-fee charge: a flat amount or a percentage of the withdrawn amount. */
public record WithdrawalFee(BigDecimal amount, boolean percentOfAmount) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public BigDecimal feeFor(BigDecimal withdrawn, int decimalPlaces) {
        BigDecimal fee = percentOfAmount ? withdrawn.multiply(amount).divide(HUNDRED) : amount;
        return Amounts.plain(Amounts.round(fee, decimalPlaces));
    }
}
