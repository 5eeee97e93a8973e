package io.paymenthub.flow.payer;

import java.time.Duration;

import io.paymenthub.core.step.AnswerWait;

/**
 * How long the payer flow waits for the switch, from {@code etc/io.paymenthub.flow.payer.cfg}
 * (defaults in the payer flow's Blueprint).
 *
 * @param lookupTimeout   wait for the answer to {@code GET /parties}, resends included
 * @param quoteTimeout    wait for the answer to {@code POST /quotes}, resends included
 * @param resends         how many times an unanswered lookup or quote is sent again (same id) within its timeout
 * @param transferExpiry  the expiration given to {@code POST /transfers}
 * @param expiryGrace     wait after the expiration before asking {@code GET /transfers/{id}}
 * @param statusTimeout   wait for each answer to {@code GET /transfers/{id}}
 * @param statusQueries   how many times {@code GET /transfers/{id}} is asked before the transfer is UNKNOWN
 * @param stalledAfter    when a due step has not run for this long (its message went to a dead-letter queue), it is asked again
 * @param bulkCollect     the longest an FSPIOP bulk group waits for more of its batch's transfers before its bulk quote goes
 * @param bulkQuoteTimeout wait for the answer to {@code POST /bulkQuotes}, resends included: the payee FSP asks its core
 *                        banking about each of up to a thousand transfers
 * @param bulkParallelism the members of FSPIOP bulk groups whose answers are applied at once (each asks core banking its fee)
 */
public record PayerFlowSettings(Duration lookupTimeout, Duration quoteTimeout, int resends, Duration transferExpiry,
                                Duration expiryGrace, Duration statusTimeout, int statusQueries, Duration stalledAfter,
                                Duration bulkCollect, Duration bulkQuoteTimeout, int bulkParallelism) {

    /** For Blueprint: every duration in seconds. */
    public static PayerFlowSettings ofSeconds(long lookupTimeout, long quoteTimeout, int resends, long transferExpiry, long expiryGrace,
                                              long statusTimeout, int statusQueries, long stalledAfter, long bulkCollect,
                                              long bulkQuoteTimeout, int bulkParallelism) {
        return new PayerFlowSettings(Duration.ofSeconds(lookupTimeout), Duration.ofSeconds(quoteTimeout), resends,
                Duration.ofSeconds(transferExpiry), Duration.ofSeconds(expiryGrace), Duration.ofSeconds(statusTimeout), statusQueries,
                Duration.ofSeconds(stalledAfter), Duration.ofSeconds(bulkCollect), Duration.ofSeconds(bulkQuoteTimeout), bulkParallelism);
    }

    /** The wait for a party lookup's answer. */
    public AnswerWait lookupWait() {
        return new AnswerWait(lookupTimeout, resends);
    }

    /** The wait for a quote's answer. */
    public AnswerWait quoteWait() {
        return new AnswerWait(quoteTimeout, resends);
    }

    /** The wait for a bulk quote's answer. */
    public AnswerWait bulkQuoteWait() {
        return new AnswerWait(bulkQuoteTimeout, resends);
    }
}
