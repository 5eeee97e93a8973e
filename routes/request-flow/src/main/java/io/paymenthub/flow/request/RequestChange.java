package io.paymenthub.flow.request;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One transition of a request to pay: its new state, the columns learnt, and the line left in its history. */
public final class RequestChange {

    private final RequestState to;
    private final String step;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private String detail;

    private RequestChange(RequestState to, String step) {
        this.to = to;
        this.step = step;
    }

    public static RequestChange to(RequestState to, String step) {
        return new RequestChange(to, step);
    }

    public RequestChange set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public RequestChange deadline(Instant deadline) {
        return set("deadline_at", deadline);
    }

    public RequestChange failure(String code, String reason) {
        set("failure_code", code);
        return set("failure_reason", reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    public RequestChange detail(String detail) {
        this.detail = detail;
        return this;
    }

    public RequestState state() {
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
