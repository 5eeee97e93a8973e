package io.paymenthub.fineract.simulator.ledger;

/** A savings product; {@code withdrawalFee} is null when the product has no withdrawal-fee charge. */
public record SavingsProduct(long id, String name, String shortName, CurrencyInfo currency, boolean withdrawalFeeForTransfers,
        WithdrawalFee withdrawalFee) {}
