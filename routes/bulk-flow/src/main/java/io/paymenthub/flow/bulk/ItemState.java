package io.paymenthub.flow.bulk;

/** Where one row of a batch stands. */
public enum ItemState {
    /** The row could not be paid as written (its reason says why): nothing is paid for it. */
    INVALID,
    /** Waits for a free place among the batch's transfers in flight. */
    PENDING,
    /** Its transfer runs in the payer flow. */
    SUBMITTED,
    /** Final: the transfer was committed. */
    COMPLETED,
    /** Final: the transfer was aborted; nothing was debited for it. */
    FAILED,
    /** The transfer's outcome is unknown (its hold kept) until an operator resolves the transfer. */
    UNKNOWN
}
