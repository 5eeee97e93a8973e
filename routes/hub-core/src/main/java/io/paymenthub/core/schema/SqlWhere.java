package io.paymenthub.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code WHERE} clause of a listing with optional filters: a condition is added only when its
 * value is given, and the values are bound in order ({@link SqlValues#bind}: enums by name,
 * instants as timestamps).
 */
public final class SqlWhere {

    private final StringBuilder clause;
    private final List<Object> values = new ArrayList<>();

    /** @param always the condition every row must meet ({@code "1 = 1"} when there is none) */
    public SqlWhere(String always) {
        this.clause = new StringBuilder(" WHERE ").append(always);
    }

    /** Adds {@code condition} (with one {@code ?}) for {@code value}, unless it is null. */
    public SqlWhere and(String condition, Object value) {
        if (value != null) {
            clause.append(" AND ").append(condition);
            values.add(value);
        }
        return this;
    }

    public String sql() {
        return clause.toString();
    }

    public Object[] values() {
        return values.toArray();
    }
}
