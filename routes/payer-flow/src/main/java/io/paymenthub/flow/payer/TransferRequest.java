package io.paymenthub.flow.payer;

import java.math.BigDecimal;

import io.paymenthub.core.account.PartyId;

/**
 * What a channel asks for: pay {@code amount} (what the payee receives) from the payer's
 * identifier to the payee's.
 *
 * @param scenario             TRANSFER (P2P) or PAYMENT (to a merchant)
 * @param clientRef            the channel's own reference, unique per tenant, or null
 * @param transactionRequestId the request to pay this transfer pays (the payee initiated it), or null
 * @param initiatorType        with a request to pay: who asked, CONSUMER or BUSINESS
 * @param batchId              the bulk batch this transfer pays an item of, or null
 */
public record TransferRequest(PartyId payer, PartyId payee, BigDecimal amount, String currency, String scenario, String note,
                              String clientRef, String transactionRequestId, String initiatorType, String batchId) {

    /** A transfer that pays a request to pay. */
    public TransferRequest(PartyId payer, PartyId payee, BigDecimal amount, String currency, String scenario, String note,
                           String clientRef, String transactionRequestId, String initiatorType) {
        this(payer, payee, amount, currency, scenario, note, clientRef, transactionRequestId, initiatorType, null);
    }

    /** A transfer the payer initiates. */
    public TransferRequest(PartyId payer, PartyId payee, BigDecimal amount, String currency, String scenario, String note,
                           String clientRef) {
        this(payer, payee, amount, currency, scenario, note, clientRef, null, null, null);
    }
}
