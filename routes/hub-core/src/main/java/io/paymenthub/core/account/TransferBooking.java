package io.paymenthub.core.account;

import java.util.Objects;

/**
 * One side of a transfer as booked in the core-banking system. The {@code transferCode} (the
 * Mojaloop transferId) keys every booking, so a repeated call finds what the first one did.
 *
 * @param fee        the fee charged to this account's holder (zero when none)
 * @param commission the commission paid to this account's holder (zero when none)
 */
public record TransferBooking(String transactionCode, String transferCode, String accountId, Money amount, Money fee,
                              Money commission, Role role, TransactionType transactionType, String note) {

    public TransferBooking {
        Objects.requireNonNull(transferCode, "transferCode");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(amount, "amount");
        fee = fee == null ? Money.zero(amount.currency()) : fee;
        commission = commission == null ? Money.zero(amount.currency()) : commission;
        Objects.requireNonNull(role, "role");
    }

    /** What the payer's hold must be: amount + fee - commission. */
    public Money holdTotal() {
        return amount.plus(fee).minus(commission);
    }
}
