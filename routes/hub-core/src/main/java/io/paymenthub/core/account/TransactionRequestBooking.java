package io.paymenthub.core.account;

/** A request to pay checked against the payer's account. */
public record TransactionRequestBooking(String transactionCode, String requestCode, String accountId, Money amount,
                                        TransactionType transactionType, String note) {
}
