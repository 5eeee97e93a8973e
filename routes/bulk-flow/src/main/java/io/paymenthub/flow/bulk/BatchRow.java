package io.paymenthub.flow.bulk;

import java.math.BigDecimal;

import io.paymenthub.core.account.PartyId;

/**
 * One row of an uploaded batch as read: what could be read of it and, when it cannot be paid as
 * written, the reason. Values are kept as given (cut to their column's length) for the report.
 *
 * @param line    the row's line in the file (the header is line 1), or its position in a JSON list
 * @param rowId   the submitter's own id of the row
 * @param problem why the row cannot be paid, or null
 */
public record BatchRow(int line, String rowId, String payeeIdType, String payeeIdValue, BigDecimal amount, String currency,
                       String note, String problem) {

    public PartyId payee() {
        return payeeIdType == null || payeeIdValue == null ? null : PartyId.of(payeeIdType, payeeIdValue);
    }
}
