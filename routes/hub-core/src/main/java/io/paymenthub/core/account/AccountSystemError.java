package io.paymenthub.core.account;

/**
 * What went wrong in a core-banking call, independent of the system behind it, with the FSPIOP
 * error code the flows answer with. Some errors read differently on the payer's and on the payee's
 * side (an unknown account is a payer error in one case and a payee error in the other).
 */
public enum AccountSystemError {
    /** No account for the identifier. */
    PARTY_NOT_FOUND("3204", "3204", false),
    /** No such account. */
    ACCOUNT_NOT_FOUND("4000", "5000", false),
    /** Not enough available balance for amount and fees. */
    INSUFFICIENT_FUNDS("4001", "5000", false),
    /** The account holds another currency (FSPIOP v1.1: 4103 payer, 5106 payee unsupported currency). */
    CURRENCY_MISMATCH("4103", "5106", false),
    /** The account may not take this transaction (status, product rules). */
    TRANSACTION_NOT_ALLOWED("4000", "5000", false),
    /** The identifier is already linked. */
    DUPLICATE_IDENTIFIER("3003", "3003", false),
    /** No hold for the transfer: it was never reserved or was released. */
    HOLD_NOT_FOUND("2001", "2001", false),
    /** An earlier booking with this transferCode differs from this one: nothing was booked now. */
    CONFLICTING_BOOKING("3106", "3106", false),
    /** The request was refused as invalid. */
    VALIDATION("3100", "3100", false),
    /** The hub's credentials or tenant were refused: a configuration problem. */
    NOT_AUTHORIZED("2001", "2001", false),
    /** The system could not be reached or did not answer in time, after the safe retries. */
    UNAVAILABLE("2003", "2003", true),
    /** The system failed. */
    INTERNAL("2001", "2001", false);

    private final String payerFspiopCode;
    private final String payeeFspiopCode;
    private final boolean transient_;

    AccountSystemError(String payerFspiopCode, String payeeFspiopCode, boolean transient_) {
        this.payerFspiopCode = payerFspiopCode;
        this.payeeFspiopCode = payeeFspiopCode;
        this.transient_ = transient_;
    }

    /** The FSPIOP error code for a failure on this side of the transfer. */
    public String fspiopCode(Role side) {
        return side == Role.PAYER ? payerFspiopCode : payeeFspiopCode;
    }

    /** True when the same call may succeed later (the outcome of a money call is then unknown). */
    public boolean isTransient() {
        return transient_;
    }
}
