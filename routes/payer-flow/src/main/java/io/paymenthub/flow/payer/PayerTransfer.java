package io.paymenthub.flow.payer;

import java.math.BigDecimal;
import java.time.Instant;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.TransactionType;

/**
 * A payer's transfer as the journal holds it. Amounts are decimals; a null field is one the flow
 * has not reached yet.
 *
 * @param amount         what the payee receives (amountType RECEIVE)
 * @param transferAmount what moves through the switch: amount plus the payee FSP's fee
 * @param payerFee       what the payer's core banking charges on top
 * @param payeeAccount   on-us only: the payee's account in the other tenant
 * @param routing        how the transfer is booked, once the payee's FSP is known
 * @param deadline       when the state that waits for the switch stops waiting
 * @param transactionRequestId the payee's request to pay this transfer pays, or null
 * @param initiatorType  with a request to pay: the payee who initiated it (CONSUMER or BUSINESS)
 * @param batchId        the bulk batch whose item this transfer pays, or null
 * @param bulkQuoteId    the FSPIOP bulk quote (and its {@link BulkGroup}) this transfer goes in, or null: a single transfer
 */
public record PayerTransfer(String transferId, String tenant, TransferState state, BigDecimal amount, String currency,
                            String clientRef, String transactionId, String quoteId, String scenario, String note,
                            PartyId payer, String payerAccount, PartyId payee, String payerFsp, String payeeFsp, String payeeName,
                            String payeeAccount, Routing routing,
                            BigDecimal transferAmount, BigDecimal payerFee, BigDecimal payeeFee, String ilpPacket,
                            String condition, String fulfilment, Instant expiresAt, Instant deadline, int attempts,
                            String failureCode, String failureReason, Instant createdAt, Instant updatedAt,
                            String transactionRequestId, String initiatorType, String batchId, String bulkQuoteId) {

    /** Through the switch, or booked directly because the payee's FSP is a tenant of this hub (on-us). */
    public enum Routing { SWITCH, ON_US }

    public Money money() {
        return new Money(amount, currency);
    }

    /** Who initiated the transaction: the payer, or the payee through a request to pay. */
    public TransactionType transactionType() {
        return transactionRequestId == null ? new TransactionType(scenario, "PAYER", "CONSUMER")
                : new TransactionType(scenario, "PAYEE", initiatorType == null ? "CONSUMER" : initiatorType);
    }

    /** What the payer is debited: the transfer amount and the payer's fee. */
    public BigDecimal payerDebit() {
        if (transferAmount == null) {
            return null;
        }
        return transferAmount.add(payerFee == null ? BigDecimal.ZERO : payerFee);
    }

    /**
     * A transfer a channel (or a batch) asked for: nothing but its request is known yet.
     *
     * @param payerAccount the payer's account as a batch's check found it, or null: the first step looks it up
     */
    public static PayerTransfer requested(String transferId, String tenant, String payerFsp, TransferRequest request,
                                          String payerAccount, String transactionId, Instant now) {
        return new PayerTransfer(transferId, tenant, TransferState.RECEIVED, request.amount(), request.currency(),
                request.clientRef(), transactionId, null, request.scenario(), request.note(), request.payer(), payerAccount,
                request.payee(), payerFsp, null, null, null, null, null, null, null, null, null, null, null, null, 0, null, null, now, now,
                request.transactionRequestId(), request.initiatorType(), request.batchId(), null);
    }
}
