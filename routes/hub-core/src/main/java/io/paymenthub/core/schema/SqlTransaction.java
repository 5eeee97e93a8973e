package io.paymenthub.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Work on one connection of a data source as one transaction, committed or rolled back as the work
 * decides, and rolled back when it fails. The connection goes back to its pool with its transaction
 * ended either way. Every store of the hub that writes more than one statement at once goes
 * through here.
 */
public final class SqlTransaction {

    /** What the work gives back, and whether its writes stand. */
    public record Outcome<T>(T value, boolean commit) {
        public static <T> Outcome<T> commit(T value) {
            return new Outcome<>(value, true);
        }

        /** Nothing written stands: the work found it had nothing to do, or refused. */
        public static <T> Outcome<T> rollBack(T value) {
            return new Outcome<>(value, false);
        }
    }

    /** Work that decides whether its writes stand. */
    @FunctionalInterface
    public interface Deciding<T> {
        Outcome<T> on(Connection connection) throws SQLException;
    }

    /** Work whose result decides: committed with a result, rolled back with none. */
    @FunctionalInterface
    public interface Work<T> {
        Optional<T> on(Connection connection) throws SQLException;
    }

    /** Work whose writes always stand unless it fails. */
    @FunctionalInterface
    public interface Writes {
        void on(Connection connection) throws SQLException;
    }

    private SqlTransaction() {
    }

    public static <T> T decide(DataSource dataSource, Deciding<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome<T> outcome = work.on(connection);
                if (outcome.commit()) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return outcome.value();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    public static <T> Optional<T> run(DataSource dataSource, Work<T> work) throws SQLException {
        return decide(dataSource, connection -> {
            Optional<T> result = work.on(connection);
            return new Outcome<>(result, result.isPresent());
        });
    }

    public static void commit(DataSource dataSource, Writes work) throws SQLException {
        decide(dataSource, connection -> {
            work.on(connection);
            return Outcome.commit(null);
        });
    }
}
