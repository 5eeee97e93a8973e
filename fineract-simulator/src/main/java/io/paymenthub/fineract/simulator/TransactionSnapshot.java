package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One booking. {@code type} is DEPOSIT, WITHDRAWAL, WITHDRAWAL_FEE, AMOUNT_HOLD or AMOUNT_RELEASE; {@code label} is
 * Fineract's ("Withdrawal fee"); {@code receiptNumber} is the transferCode of interop bookings; dates are ISO
 * strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionSnapshot(long id, String type, String label, BigDecimal amount, BigDecimal runningBalance, String date,
        String receiptNumber, String routingCode, String note, String reasonForBlock, Long releaseTransactionId,
        String bookedAt) {}
