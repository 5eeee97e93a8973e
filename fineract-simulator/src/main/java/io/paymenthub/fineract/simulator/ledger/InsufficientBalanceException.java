package io.paymenthub.fineract.simulator.ledger;

import java.math.BigDecimal;

/** A withdrawal would take the balance below the amount on hold (or below zero). */
public final class InsufficientBalanceException extends RuntimeException {

    private final BigDecimal accountBalance;
    private final BigDecimal transactionAmount;

    public InsufficientBalanceException(BigDecimal accountBalance, BigDecimal transactionAmount) {
        super("Insufficient account balance.", null, false, false);
        this.accountBalance = accountBalance;
        this.transactionAmount = transactionAmount;
    }

    public BigDecimal accountBalance() {
        return accountBalance;
    }

    public BigDecimal transactionAmount() {
        return transactionAmount;
    }
}
