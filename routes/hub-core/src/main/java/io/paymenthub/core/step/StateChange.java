package io.paymenthub.core.step;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transition of a journalled record (a transfer, a request to pay): its new state, the columns
 * the step learnt, and the line the step leaves in the record's history.
 *
 * @param <S> the states of the record
 */
public final class StateChange<S extends Enum<S>> {

    private final S to;
    private final String step;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private String detail;

    private StateChange(S to, String step) {
        this.to = to;
        this.step = step;
    }

    /** Moves to {@code to}; {@code step} names what was done (LOOKUP, QUOTE, RESERVE...), or null to leave no history line. */
    public static <S extends Enum<S>> StateChange<S> to(S to, String step) {
        return new StateChange<>(to, step);
    }

    public StateChange<S> set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public StateChange<S> deadline(Instant deadline) {
        return set("deadline_at", deadline);
    }

    public StateChange<S> failure(String code, String reason) {
        set("failure_code", code);
        return set("failure_reason", reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    public StateChange<S> detail(String detail) {
        this.detail = detail;
        return this;
    }

    public S state() {
        return to;
    }

    public String step() {
        return step;
    }

    public String detailText() {
        return detail;
    }

    public Map<String, Object> columns() {
        return Collections.unmodifiableMap(columns);
    }
}
