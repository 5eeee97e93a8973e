package io.paymenthub.flow.bulk;

import java.math.BigDecimal;
import java.time.Instant;

import io.paymenthub.core.account.PartyId;

/**
 * A batch and its running totals, as the journal keeps them: each is changed with the item that
 * changes it, so reading them costs the same at any size.
 *
 * @param payerAccount the payer's account as the funds check found it at upload (null without the check): the
 *                  batch's transfers start with it instead of each looking the payer up
 * @param rows      rows in the file
 * @param invalid   rows that are not paid because they are invalid
 * @param items     rows to pay
 * @param total     what the rows to pay add up to
 * @param inFlight  items whose transfers run now
 * @param fees      the payer's fees of the completed items
 */
public record BulkBatch(String batchId, String tenant, BatchState state, String clientRef, PartyId payer, String payerAccount, String currency,
                        int rows, int invalid, int items, BigDecimal total, int concurrency, int inFlight,
                        int completed, BigDecimal completedAmount, BigDecimal fees, int failed, BigDecimal failedAmount,
                        int unknown, BigDecimal unknownAmount, Instant createdAt, Instant updatedAt, Instant startedAt,
                        Instant completedAt) {

    /** Items with a final outcome (or UNKNOWN). */
    public int finished() {
        return completed + failed + unknown;
    }

    /** Items waiting for a place among those in flight. */
    public int pending() {
        return items - finished() - inFlight;
    }

    /** Finished items as a share of the items to pay, in percent (100 for a batch with none). */
    public BigDecimal progressPercent() {
        if (items == 0) {
            return BigDecimal.valueOf(100);
        }
        return BigDecimal.valueOf(finished() * 100L).divide(BigDecimal.valueOf(items), 1, java.math.RoundingMode.DOWN);
    }
}
