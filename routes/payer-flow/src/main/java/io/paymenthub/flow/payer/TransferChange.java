package io.paymenthub.flow.payer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transition of a transfer: its new state, the columns the step learnt, and the line the
 * step leaves in the transfer's history ({@code hub_transfer_step}).
 */
public final class TransferChange {

    private final TransferState to;
    private final String step;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private String detail;

    private TransferChange(TransferState to, String step) {
        this.to = to;
        this.step = step;
    }

    /** Moves to {@code to}; {@code step} names what was done (LOOKUP, QUOTE, RESERVE...). */
    public static TransferChange to(TransferState to, String step) {
        return new TransferChange(to, step);
    }

    public TransferChange detail(String detail) {
        this.detail = detail;
        return this;
    }

    public TransferChange set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public TransferChange deadline(Instant deadline) {
        return set("deadline_at", deadline);
    }

    public TransferChange failure(String code, String reason) {
        set("failure_code", code);
        return set("failure_reason", reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    public TransferChange amounts(BigDecimal transferAmount, BigDecimal payeeFee) {
        set("transfer_amount", transferAmount);
        return set("payee_fee", payeeFee);
    }

    public TransferState state() {
        return to;
    }

    public String step() {
        return step;
    }

    public String detailText() {
        return detail;
    }

    Map<String, Object> columns() {
        return columns;
    }
}
