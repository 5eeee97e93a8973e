package io.paymenthub.fineract.simulator.ledger;

/**
 * How an account finds a transfer's interop booking (a hold, a withdrawal, a deposit) by its transfer
 * code, as Fineract's interop commands do before they book: PREPARE looks for the hold, CREATE for
 * its booking and then for the hold. The answers are the same either way; only their cost differs.
 */
public enum InteropLookup {
    /**
     * As Fineract does it ({@code InteropServiceImpl.findTransaction} streams the account's
     * transactions from the first): each interop command on an account costs in proportion to the
     * account's history, so a batch's debit account, gaining three bookings a row, makes a long batch
     * quadratic in core banking. The default.
     */
    SCAN,
    /**
     * By the transfer code at once: a long benchmark run on one account measures the hub, not the
     * cost Fineract adds as the account's history grows.
     */
    INDEX
}
