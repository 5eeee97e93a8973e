package io.paymenthub.flow.request;

import java.math.BigDecimal;
import java.time.Instant;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;

/**
 * A request to pay as the journal holds it, on one side. Amounts are decimals.
 *
 * @param scenario       TRANSFER (P2P) or PAYMENT (a merchant asks)
 * @param initiatorType  the payee who asks: CONSUMER or BUSINESS
 * @param clientRef      payee side: the channel's own reference, unique per tenant, or null
 * @param payerAccount   payer side: the payer's account in core banking
 * @param transactionId  payee side: the transaction of the payer's quote that pays it, once quoted
 * @param transferId     the transfer that pays it: payer side, the payer's transfer; payee side, the one received
 * @param amountReceived payee side: what the payee was credited
 * @param expiresAt      after this the payer can no longer pay it
 * @param deadline       when the current state stops waiting
 * @param attempts       payee side: how many times the request the current state waits for was sent again
 * @param fspiopVersion  payer side: the version the request came in, for the answers
 */
public record TransactionRequest(String tenant, String requestId, RequestRole role, RequestState state, BigDecimal amount,
                                 String currency, String scenario, String initiatorType, String note, String clientRef,
                                 PartyId payer, String payerFsp, String payerAccount, PartyId payee, String payeeFsp, String payeeName,
                                 String transactionId, String transferId, BigDecimal amountReceived, String failureCode,
                                 String failureReason, Instant expiresAt, Instant deadline, int attempts, String fspiopVersion,
                                 Instant createdAt, Instant updatedAt) {

    public Money money() {
        return new Money(amount, currency);
    }

    /** A request being recorded: the fields of its first state; the rest stays null. */
    public static TransactionRequest create(String tenant, String requestId, RequestRole role, RequestState state, Money amount,
                                            String scenario, String initiatorType, String note, String clientRef, PartyId payer,
                                            String payerFsp, PartyId payee, String payeeFsp, Instant expiresAt, Instant deadline,
                                            Instant now) {
        return new TransactionRequest(tenant, requestId, role, state, amount.amount(), amount.currency(), scenario, initiatorType, note,
                clientRef, payer, payerFsp, null, payee, payeeFsp, null, null, null, null, null, null, expiresAt, deadline, 0, null,
                now, now);
    }
}
