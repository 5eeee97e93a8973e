package io.paymenthub.core.step;

import static io.paymenthub.core.schema.SqlValues.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;

/**
 * A journal of records that move through states ({@code hub_transfer}, {@code hub_transaction_request}),
 * each with its history table, shared by every hub node. A transition is a compare-and-set on the
 * state: of two nodes (or a redelivery and a callback) that move the same record out of the same
 * state, exactly one does, and the other learns that it must send nothing. The flows keep their
 * own record types and queries; the way a record moves and leaves its history is this one.
 *
 * @param <S> the record's states
 */
public final class StepJournal<S extends Enum<S>> {

    /** A line of a record's history. */
    public record Step(int seq, String step, String outcome, String detail, Instant recordedAt) {
    }

    /** Reads one row of a query. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static final Pattern COLUMN_NAME = Pattern.compile("[a-z_]+");

    private final DataSource dataSource;
    private final Clock clock;
    private final String table;
    private final String stepTable;
    private final List<String> key;
    private final Set<String> changeable;
    private final String keyMatch;
    private final String appendStep;

    /**
     * @param stepTable  the history table, or null for records whose history is kept elsewhere (a bulk item's is its transfer's)
     * @param key        the columns that name one record, in both tables
     * @param changeable the columns a transition may set besides the state
     */
    public StepJournal(DataSource dataSource, Clock clock, String table, String stepTable, List<String> key, Set<String> changeable) {
        for (String column : changeable) {
            if (!COLUMN_NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("Not a column name: " + column);
            }
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.table = table;
        this.stepTable = stepTable;
        this.key = List.copyOf(key);
        this.changeable = Set.copyOf(changeable);
        this.keyMatch = key.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        String keyColumns = String.join(", ", key);
        String keyValues = key.stream().map(c -> "?").collect(Collectors.joining(", "));
        // The next line number and the line in one statement: one round trip.
        this.appendStep = stepTable == null ? null : "INSERT INTO " + stepTable + " (" + keyColumns + ", seq, step, outcome, detail, recorded_at) SELECT "
                + keyValues + ", COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM " + stepTable + " WHERE " + keyMatch;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Moves the record named by {@code keyValues} from {@code from} as {@code change} says (to the
     * same state, to change only columns) and records the step, in one transaction.
     *
     * @return false when the record was no longer in {@code from}: nothing was changed
     */
    public boolean transition(S from, StateChange<S> change, Object... keyValues) throws SQLException {
        return inTransaction(connection -> transition(connection, from, change, keyValues) ? Optional.of(true) : Optional.<Boolean>empty())
                .isPresent();
    }

    /**
     * As {@link #transition(Enum, StateChange, Object...)}, in the caller's transaction: for a
     * transition that must commit together with other changes (a bulk item and its batch's totals).
     */
    public boolean transition(Connection connection, S from, StateChange<S> change, Object... keyValues) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(update(change))) {
            bindUpdate(update, from, change, keyValues);
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        if (change.step() != null) {
            appendStep(connection, change.step(), change.state().name(), change.detailText(), keyValues);
        }
        return true;
    }

    /**
     * As {@link #transition(Enum, StateChange, Object...)}, and returns the record as the transition
     * left it, read by {@code row} from {@code columns} in the same round trip as the update
     * (PostgreSQL's {@code RETURNING}, H2's {@code FINAL TABLE}): a flow that goes on with the moved
     * record does not read it back.
     *
     * @return the moved record, or empty when it was no longer in {@code from}: nothing was changed
     */
    public <T> Optional<T> transitionReading(S from, StateChange<S> change, String columns, Row<T> row, Object... keyValues)
            throws SQLException {
        return inTransaction(connection -> {
            Optional<T> moved;
            try (PreparedStatement update = connection.prepareStatement(updateReading(connection, change, columns))) {
                bindUpdate(update, from, change, keyValues);
                try (ResultSet rs = update.executeQuery()) {
                    moved = rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
                }
            }
            if (moved.isPresent() && change.step() != null) {
                appendStep(connection, change.step(), change.state().name(), change.detailText(), keyValues);
            }
            return moved;
        });
    }

    private <T> Optional<T> inTransaction(SqlTransaction.Work<T> work) throws SQLException {
        return SqlTransaction.run(dataSource, work);
    }

    private String update(StateChange<S> change) {
        for (String column : change.columns().keySet()) {
            if (!changeable.contains(column)) {
                throw new IllegalArgumentException("Not a column a step may change in " + table + ": " + column);
            }
        }
        return "UPDATE " + table + " SET state = ?, updated_at = ?"
                + change.columns().keySet().stream().map(c -> ", " + c + " = ?").collect(Collectors.joining())
                + " WHERE " + keyMatch + " AND state = ?";
    }

    /** The update that also gives the updated row, in the database's own words. */
    private String updateReading(Connection connection, StateChange<S> change, String columns) throws SQLException {
        return SqlValues.returning(connection, update(change), columns);
    }

    private void bindUpdate(PreparedStatement update, S from, StateChange<S> change, Object... keyValues) throws SQLException {
        int i = 1;
        update.setString(i++, change.state().name());
        update.setTimestamp(i++, Timestamp.from(clock.instant()));
        for (Object value : change.columns().values()) {
            bind(update, i++, value);
        }
        i = bindKey(update, i, keyValues);
        update.setString(i, from.name());
    }

    /** Adds a line to the record's history, in the caller's transaction. */
    public void appendStep(Connection connection, String step, String outcome, String detail, Object... keyValues) throws SQLException {
        if (appendStep == null) {
            throw new IllegalStateException(table + " keeps no history: its transitions name no step");
        }
        try (PreparedStatement insert = connection.prepareStatement(appendStep)) {
            int i = bindKey(insert, 1, keyValues);
            insert.setString(i++, step);
            insert.setString(i++, outcome);
            insert.setString(i++, detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail);
            insert.setTimestamp(i++, Timestamp.from(clock.instant()));
            bindKey(insert, i, keyValues);
            insert.executeUpdate();
        }
    }

    /**
     * Marks a record whose step stalled as just asked again (its {@code updated_at}), if it is still
     * in {@code state}: the next check leaves it alone for another while, and of two nodes only one asks.
     */
    public boolean touch(S state, Instant seenUpdatedAt, Object... keyValues) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET updated_at = ? WHERE " + keyMatch + " AND state = ? AND updated_at = ?")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            int i = bindKey(update, 2, keyValues);
            update.setString(i++, state.name());
            update.setTimestamp(i, Timestamp.from(seenUpdatedAt));
            return update.executeUpdate() == 1;
        }
    }

    /** The record's history, oldest first. */
    public List<Step> steps(Object... keyValues) throws SQLException {
        return query("SELECT seq, step, outcome, detail, recorded_at FROM " + stepTable + " WHERE " + keyMatch + " ORDER BY seq",
                Integer.MAX_VALUE, rs -> new Step(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), keyValues);
    }

    /** At most {@code limit} rows of a query, each read by {@code row}; arguments bound as the journal binds values. */
    public <T> List<T> query(String sql, int limit, Row<T> row, Object... args) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, limit, row, args);
        }
    }

    public static <T> List<T> query(Connection connection, String sql, int limit, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setMaxRows(limit == Integer.MAX_VALUE ? 0 : limit);
            for (int i = 0; i < args.length; i++) {
                bind(select, i + 1, args[i]);
            }
            List<T> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(row.read(rs));
                }
            }
            return found;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE in the caller's transaction, arguments bound as the journal binds values; the rows it changed. */
    public static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(statement, i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    private int bindKey(PreparedStatement statement, int first, Object... keyValues) throws SQLException {
        if (keyValues.length != key.size()) {
            throw new IllegalArgumentException(table + " records are named by " + key + ", not " + keyValues.length + " values");
        }
        int i = first;
        for (Object value : keyValues) {
            bind(statement, i++, value);
        }
        return i;
    }
}
