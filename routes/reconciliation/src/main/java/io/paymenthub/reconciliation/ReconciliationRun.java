package io.paymenthub.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One reconciliation of a tenant's business day. The newest DONE run of a day is its result; a
 * run of the same day replaces it.
 *
 * @param windowStart  when the business day began (inclusive)
 * @param windowEnd    when it ended (exclusive): the cut-off
 * @param requestedBy  who asked: an operator, a channel client, or the schedule
 * @param summary      the totals as JSON ({@link ReconciliationSummary}), once DONE
 */
public record ReconciliationRun(String runId, String tenant, LocalDate businessDay, State state, Instant windowStart,
                                Instant windowEnd, String requestedBy, Instant startedAt, Instant finishedAt, int accountsRead,
                                long bookingsRead, int breakCount, String summary, String failure) {

    public enum State { RUNNING, DONE, FAILED }
}
