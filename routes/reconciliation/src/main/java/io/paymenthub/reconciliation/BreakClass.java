package io.paymenthub.reconciliation;

/** The kinds of disagreement a reconciliation run finds, each with what the operator should do about it. */
public enum BreakClass {
    /** The hub committed the transfer (the payer debited, or the payee credited); core banking has no such booking. */
    NOT_BOOKED("Book it in core banking with the transfer id as receipt number and the hub's amount, after checking the account"),
    /** Core banking booked another amount than the hub committed. */
    AMOUNT_MISMATCH("Correct the booking in core banking to the hub's amount: the switch settled the hub's"),
    /** The fee core banking charged differs from the one the payer accepted in the quote. */
    FEE_MISMATCH("Refund or charge the difference: the payer accepted the hub's fee"),
    /** Core banking debited a transfer that failed in the hub: the customer paid for nothing. */
    BOOKED_BUT_FAILED("Refund the customer in core banking (a deposit with the transfer id as receipt number)"),
    /** The same transfer is booked twice on the account. */
    DUPLICATE_BOOKING("Reverse the second booking in core banking"),
    /** A booking with an FSPIOP id that the hub has no record of. */
    UNKNOWN_TO_HUB("Find who booked it: the hub never sent it (or its journal was pruned)"),
    /** A hold is still open in core banking for a transfer that has ended. */
    STALE_HOLD("Release the hold in core banking: the transfer has ended"),
    /** The switch never told the outcome: the payer's funds stay on hold. */
    UNKNOWN_OUTCOME("Ask the switch again with hub:ask-switch <transferId>: its answer settles the transfer; if it cannot tell, "
            + "settle it by its records with hub:resolve <transferId> COMMITTED|ABORTED"),
    /** The hub credited a transfer of the switch that the switch then aborted: the credit stands, and the switch will not settle it. */
    SWITCH_ABORTED_CREDIT("Reverse the customer's credit in core banking (the switch will not settle it), after telling the customer; "
            + "the break goes once the deposit is reversed"),
    /**
     * Core banking credited a transfer of the switch whose credit the hub has not recorded: its
     * delivery failed after the deposit (the hub's database away, its node killed) and waits for a
     * redelivery, or sits in a dead-letter queue.
     */
    CREDIT_NOT_RECORDED("Replay the transfer's dead letter (hub:dlq, hub:dlq-replay) if it has one: the payee flow learns the "
            + "deposit from core banking, records it and answers the switch; the break goes then"),
    /** The switch settles another net position for a settlement window than the hub's transfers in it come to. */
    NET_POSITION_MISMATCH("Find the transfers the switch and the hub disagree on (one the switch aborted after the hub credited it, "
            + "or one committed at the window's close): the switch's net is what the settlement bank moves"),
    /** A settled window's net position could not be booked in core banking. */
    SETTLEMENT_NOT_BOOKED("Mend the cause (the settlement account's funds, an account missing): the next run books the window, once"),
    /** Still in progress at the cut-off. */
    NOT_FINAL("None yet: the transfer was still running at the cut-off; the next day's run shows it if it stays open");

    private final String action;

    BreakClass(String action) {
        this.action = action;
    }

    /** What to do about a break of this class. */
    public String action() {
        return action;
    }
}
