package io.paymenthub.flow.bulk;

import io.paymenthub.core.account.PartyId;

/**
 * What a channel asks besides the rows: whose account pays, and the channel's own reference.
 *
 * @param clientRef the channel's reference of the batch, unique per tenant, or null
 */
public record BatchOrder(String tenant, PartyId payer, String clientRef) {
}
