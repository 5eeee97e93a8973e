package io.paymenthub.flow.request;

import java.time.Duration;

/**
 * How long requests to pay wait, from {@code etc/io.paymenthub.flow.request.cfg} (defaults in the
 * request flow's Blueprint). How long a payer has to answer is a tenant setting.
 *
 * @param lookupTimeout  payee side: wait for the payer's lookup
 * @param answerTimeout  payee side: wait for the payer FSP's answer to {@code POST /transactionRequests}
 * @param validity       payee side: how long a request may be paid (its {@code expiration})
 * @param paymentGrace   payee side: wait after the expiration for a transfer the payer started in time
 * @param stalledAfter   when a due step has not run for this long (its message was lost), it is asked again
 */
public record RequestFlowSettings(Duration lookupTimeout, Duration answerTimeout, Duration validity, Duration paymentGrace,
                                  Duration stalledAfter) {

    /** For Blueprint: every duration in seconds. */
    public static RequestFlowSettings ofSeconds(long lookupTimeout, long answerTimeout, long validity, long paymentGrace,
                                                long stalledAfter) {
        return new RequestFlowSettings(Duration.ofSeconds(lookupTimeout), Duration.ofSeconds(answerTimeout), Duration.ofSeconds(validity),
                Duration.ofSeconds(paymentGrace), Duration.ofSeconds(stalledAfter));
    }
}
