package io.paymenthub.flow.bulk;

/** Where a bulk batch stands. A batch runs until every item has a final state, then takes one of the three final states. */
public enum BatchState {
    /** Recorded: waits for the tenant's approver to approve it (then RUNNING) or reject it. */
    AWAITING_APPROVAL,
    /** Accepted: its items are paid, at most the batch's concurrency at a time. */
    RUNNING,
    /** Final: every row was paid. */
    COMPLETED,
    /** Final: some rows were paid, others were invalid, failed, or have an outcome the switch never told (UNKNOWN). */
    COMPLETED_WITH_ERRORS,
    /** Final: no row was paid. */
    FAILED,
    /** Final: the approver refused the batch; nothing was paid. */
    REJECTED;

    public boolean isFinal() {
        return this != RUNNING && this != AWAITING_APPROVAL;
    }
}
