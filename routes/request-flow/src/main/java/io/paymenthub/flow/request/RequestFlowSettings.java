package io.paymenthub.flow.request;

import java.time.Duration;

import io.paymenthub.core.step.AnswerWait;

/**
 * How long requests to pay wait, from {@code etc/io.paymenthub.flow.request.cfg} (defaults in the
 * request flow's Blueprint). How long a payer has to answer is a tenant setting.
 *
 * @param lookupTimeout  payee side: wait for the payer's lookup, resends included
 * @param answerTimeout  payee side: wait for the payer FSP's answer to {@code POST /transactionRequests}, resends included
 * @param resends        payee side: how many times an unanswered lookup or request is sent again (same id) within its wait
 * @param validity       payee side: how long a request may be paid (its {@code expiration})
 * @param paymentGrace   payee side: wait after the expiration for a transfer the payer started in time
 * @param stalledAfter   when a due step has not run for this long (its message was lost), it is asked again
 */
public record RequestFlowSettings(Duration lookupTimeout, Duration answerTimeout, int resends, Duration validity,
                                  Duration paymentGrace, Duration stalledAfter) {

    /** For Blueprint: every duration in seconds. */
    public static RequestFlowSettings ofSeconds(long lookupTimeout, long answerTimeout, int resends, long validity, long paymentGrace,
                                                long stalledAfter) {
        return new RequestFlowSettings(Duration.ofSeconds(lookupTimeout), Duration.ofSeconds(answerTimeout), resends,
                Duration.ofSeconds(validity), Duration.ofSeconds(paymentGrace), Duration.ofSeconds(stalledAfter));
    }

    /** The wait for the payer's lookup. */
    public AnswerWait lookupWait() {
        return new AnswerWait(lookupTimeout, resends);
    }

    /** The wait for the payer FSP's answer to the request. */
    public AnswerWait answerWait() {
        return new AnswerWait(answerTimeout, resends);
    }
}
