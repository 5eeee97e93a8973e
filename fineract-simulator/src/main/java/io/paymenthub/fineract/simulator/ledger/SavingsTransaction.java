package io.paymenthub.fineract.simulator.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One booking on a savings account. Only a hold changes after booking: it learns the id of its release. */
public final class SavingsTransaction {

    private final long id;
    private final TransactionType type;
    private final LocalDate date;
    private final BigDecimal amount;
    private final BigDecimal runningBalance;
    private final PaymentDetail paymentDetail;
    private final String note;
    private final String reasonForBlock;
    private final Instant bookedAt;
    private volatile Long releaseTransactionId;

    SavingsTransaction(long id, TransactionType type, LocalDate date, BigDecimal amount, BigDecimal runningBalance,
            PaymentDetail paymentDetail, String note, String reasonForBlock, Instant bookedAt) {
        this.id = id;
        this.type = type;
        this.date = date;
        this.amount = amount;
        this.runningBalance = runningBalance;
        this.paymentDetail = paymentDetail;
        this.note = note;
        this.reasonForBlock = reasonForBlock;
        this.bookedAt = bookedAt;
    }

    public long id() {
        return id;
    }

    public TransactionType type() {
        return type;
    }

    public LocalDate date() {
        return date;
    }

    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal runningBalance() {
        return runningBalance;
    }

    public PaymentDetail paymentDetail() {
        return paymentDetail;
    }

    public String note() {
        return note;
    }

    public String reasonForBlock() {
        return reasonForBlock;
    }

    public Instant bookedAt() {
        return bookedAt;
    }

    public Long releaseTransactionId() {
        return releaseTransactionId;
    }

    /** The receipt number (the transferCode of interop bookings), or null. */
    public String receiptNumber() {
        return paymentDetail == null ? null : paymentDetail.receiptNumber();
    }

    public boolean isActiveHold() {
        return type == TransactionType.AMOUNT_HOLD && releaseTransactionId == null;
    }

    void markReleased(long releaseId) {
        this.releaseTransactionId = releaseId;
    }
}
