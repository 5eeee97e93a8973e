package io.paymenthub.flow.payer;

import java.time.Instant;

/**
 * A batch's transfers to one payee FSP, sent as one FSPIOP bulk quote and then one bulk transfer
 * (a tenant with {@code bulk.fspiop}). Each member stays a transfer of its own in the journal,
 * with its own quote, hold and outcome; the group holds the two bulk messages' ids and what they
 * wait for.
 *
 * @param members   transfers that joined
 * @param expiresAt when the bulk transfer expires, once sent
 * @param deadline  when the current wait ends: collecting, or waiting for the switch
 */
public record BulkGroup(String bulkQuoteId, String bulkTransferId, String tenant, String batchId, String payeeFsp,
                        BulkGroupState state, int members, Instant expiresAt, Instant deadline, int attempts, Instant createdAt) {

    /** FSPIOP's limit of individual quotes or transfers in one bulk message. */
    public static final int MAX_MEMBERS = 1000;

    /** The key of the one group of a batch that takes members toward an FSP. */
    static String openKey(String batchId, String payeeFsp) {
        return batchId + "/" + payeeFsp;
    }
}
