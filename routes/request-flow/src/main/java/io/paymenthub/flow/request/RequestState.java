package io.paymenthub.flow.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request to pay stands, on either side. The payee's side (the hub asked for the money)
 * goes RECEIVED, LOOKUP_SENT, SENT, AWAITING_PAYMENT, then PAID, REFUSED, EXPIRED or FAILED. The
 * payer's side (another FSP asked one of the hub's customers) goes AWAITING_PAYER, then ACCEPTED
 * (the payer's transfer runs and tells the rest), REJECTED or EXPIRED. Each state is recorded
 * before the messages it leads to are sent.
 */
public enum RequestState {
    /** Payee: accepted from the payee's channel; the payee's account is checked and the payer looked up. */
    RECEIVED,
    /** Payee: {@code GET /parties} for the payer sent; waits for the payer's FSP. */
    LOOKUP_SENT,
    /** Payee: {@code POST /transactionRequests} sent; waits for the payer FSP's answer. */
    SENT,
    /** Payee: the payer's FSP has it (RECEIVED); waits for the payer's transfer until the request expires. */
    AWAITING_PAYMENT,
    /** Payee, final: the payer's transfer credited the payee. */
    PAID,
    /** Payee, final: the payer or the payer's FSP refused the request. */
    REFUSED,
    /** Final, both sides: nobody answered or paid before the request expired. */
    EXPIRED,
    /** Payee, final: the request could not be delivered (payer unknown, no answer from the switch). */
    FAILED,
    /** Payer: answered RECEIVED; waits for the payer's answer through the channel. */
    AWAITING_PAYER,
    /** Payer, final for the request: the payer accepted (or the tenant's limit did); the transfer runs. */
    ACCEPTED,
    /** Payer, final: the payer, the tenant's limit or the payer's core banking refused it. */
    REJECTED;

    /** States that end at their deadline. ACCEPTED has one only until its transfer is recorded. */
    public static final Set<RequestState> WITH_DEADLINE = EnumSet.of(RECEIVED, LOOKUP_SENT, SENT, AWAITING_PAYMENT, AWAITING_PAYER,
            ACCEPTED);

    public boolean isFinal() {
        return this == PAID || this == REFUSED || this == EXPIRED || this == FAILED || this == ACCEPTED || this == REJECTED;
    }
}
