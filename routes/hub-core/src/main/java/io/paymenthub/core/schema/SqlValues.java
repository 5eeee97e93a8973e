package io.paymenthub.core.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** How the hub's journals write and read values, the same on H2 and PostgreSQL. */
public final class SqlValues {

    private SqlValues() {
    }

    /** Binds a value of the journals' kinds: text, decimal, instant, enum (its name), integer, or null. */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL); // untyped: PostgreSQL takes it for a timestamp or a number column too
        } else if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Decimals come back at the column's scale (10.5000): the journal keeps the value, the wire its plain form. */
    public static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.stripTrailingZeros();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** An integrity-constraint violation (SQLState class 23, e.g. a duplicate key), the same on H2 and PostgreSQL. */
    public static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * {@code update} (or an insert) made to give the rows it wrote, read by {@code columns}, in the
     * same round trip: PostgreSQL's {@code RETURNING}, H2's {@code FINAL TABLE}.
     *
     * (A pooled connection's product name is a field read: no round trip.)
     */
    public static String returning(Connection connection, String update, String columns) throws SQLException {
        String databaseProduct = connection.getMetaData().getDatabaseProductName();
        return switch (databaseProduct) {
            case "PostgreSQL" -> update + " RETURNING " + columns;
            case "H2" -> "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
            default -> throw new IllegalStateException("No update returning its rows on " + databaseProduct);
        };
    }
}
