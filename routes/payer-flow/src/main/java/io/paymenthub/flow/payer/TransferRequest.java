package io.paymenthub.flow.payer;

import java.math.BigDecimal;

import io.paymenthub.core.account.PartyId;

/**
 * What a channel asks for: pay {@code amount} (what the payee receives) from the payer's
 * identifier to the payee's.
 *
 * @param scenario  TRANSFER (P2P) or PAYMENT (to a merchant)
 * @param clientRef the channel's own reference, unique per tenant, or null
 */
public record TransferRequest(PartyId payer, PartyId payee, BigDecimal amount, String currency, String scenario, String note,
                              String clientRef) {
}
