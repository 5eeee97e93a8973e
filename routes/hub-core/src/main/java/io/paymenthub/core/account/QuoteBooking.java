package io.paymenthub.core.account;

/**
 * A fee quote asked of the core-banking system.
 *
 * @param transactionCode the Mojaloop transactionId
 * @param quoteCode       the Mojaloop quoteId
 * @param amountType      SEND (the payer sends this amount) or RECEIVE (the payee receives it)
 */
public record QuoteBooking(String transactionCode, String quoteCode, String accountId, Money amount,
                           String amountType, Role role, TransactionType transactionType) {
}
