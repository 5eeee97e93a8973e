package io.paymenthub.fineract.simulator.interop;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A parsed interop request (transaction request, quote or transfer). Fields that a kind of request does not have
 * are null.
 */
record InteropRequest(String transactionCode, String requestCode, String accountId, Money amount, Role transactionRole,
        TransactionType transactionType, String note, LocalDateTime expiration, List<Extension> extensionList, String quoteCode,
        String amountType, Money fees, String transferCode, Money fspFee, Money fspCommission) {

    /** PAYER withdraws, PAYEE deposits. */
    enum Role { PAYER, PAYEE }

    record Money(BigDecimal amount, String currency) {}

    record TransactionType(String scenario, String subScenario, String initiator, String initiatorType) {}

    record Extension(String key, String value) {}

    boolean isDebit() {
        return transactionRole == Role.PAYER;
    }
}
