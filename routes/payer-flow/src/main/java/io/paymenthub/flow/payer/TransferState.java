package io.paymenthub.flow.payer;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payer's transfer stands. Each state is written to the journal before the message that
 * leads out of it is sent, so that after a crash the hub knows what was done and what to do next.
 * States that wait for the switch have a deadline; the others have a step to run.
 */
public enum TransferState {
    /** Accepted from the channel: the payer's account is looked up, then the payee's party. */
    RECEIVED,
    /** {@code GET /parties} sent; waits for the payee's FSP and name. */
    LOOKUP_SENT,
    /** The payee is known: the payer's fee is asked of core banking and {@code POST /quotes} sent. */
    PARTY_FOUND,
    /** {@code POST /quotes} sent; waits for the payee FSP's terms. */
    QUOTE_SENT,
    /**
     * A batch's transfer whose tenant pays batches in FSPIOP bulk: its quote goes in its group's
     * {@code POST /bulkQuotes} ({@link BulkGroup}), whose deadline it shares.
     */
    IN_BULK_QUOTE,
    /** Quoted, and the tenant wants the payer's channel to accept the fees first. */
    AWAITING_CONFIRMATION,
    /** Quoted (and confirmed): amount and fees are put on hold. */
    QUOTED,
    /** The payer's funds are on hold: {@code POST /transfers} is sent. */
    RESERVED,
    /** {@code POST /transfers} sent; waits for COMMITTED or ABORTED until the transfer expires. */
    TRANSFER_SENT,
    /** On hold, and going in its group's {@code POST /bulkTransfers}, which waits for the switch for it. */
    IN_BULK_TRANSFER,
    /** No answer came before expiry: {@code GET /transfers/{id}} sent to learn the outcome. */
    STATUS_REQUESTED,
    /** The switch committed the transfer: the hold is turned into the debit. */
    FULFILLED,
    /** The transfer failed with funds possibly on hold: the hold is released. */
    RELEASING,
    /** Final: the payer was debited, the payee credited. */
    COMMITTED,
    /** Final: nothing was debited; the failure code and reason say why. */
    ABORTED,
    /** Final until an operator resolves it: the switch never told the outcome; the hold is kept. */
    UNKNOWN;

    /** States that wait for a callback of the switch and end at their deadline. */
    public static final Set<TransferState> WAITING = EnumSet.of(LOOKUP_SENT, QUOTE_SENT, AWAITING_CONFIRMATION, TRANSFER_SENT,
            STATUS_REQUESTED);
    /** States in which a step of the hub's own is due. */
    public static final Set<TransferState> STEPS = EnumSet.of(RECEIVED, PARTY_FOUND, QUOTED, RESERVED, FULFILLED, RELEASING);

    public boolean isFinal() {
        return this == COMMITTED || this == ABORTED || this == UNKNOWN;
    }
}
