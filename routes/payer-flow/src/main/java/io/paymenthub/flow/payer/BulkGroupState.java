package io.paymenthub.flow.payer;

/** Where an FSPIOP bulk group ({@link BulkGroup}) stands. */
public enum BulkGroupState {
    /** Takes the batch's transfers to its payee FSP as their payees are found, until full or until no more can come. */
    COLLECTING,
    /** {@code POST /bulkQuotes} sent; waits for the payee FSP's terms for each transfer. */
    QUOTE_SENT,
    /** Quoted: each member puts its funds on hold; the bulk transfer goes once every member has (or has ended). */
    QUOTED,
    /** {@code POST /bulkTransfers} sent; waits for each transfer's outcome until the bulk transfer expires. */
    TRANSFER_SENT,
    /** No answer came before expiry: {@code GET /bulkTransfers/{id}} sent to learn the outcomes. */
    STATUS_REQUESTED,
    /** Every member has its outcome (or was given up as UNKNOWN). */
    DONE
}
