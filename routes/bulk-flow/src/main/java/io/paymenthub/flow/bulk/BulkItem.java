package io.paymenthub.flow.bulk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of a batch as the journal holds it.
 *
 * @param transferId the payer flow's transfer that pays the row (chosen when the row is recorded)
 * @param fee        the payer's fee of a completed row
 * @param updatedAt  when the row last changed: for a final row, when it ended
 */
public record BulkItem(String batchId, int line, String rowId, String payeeIdType, String payeeIdValue, BigDecimal amount,
                       String currency, String note, ItemState state, String transferId, BigDecimal fee, String failureCode,
                       String failureReason, Instant updatedAt) {
}
