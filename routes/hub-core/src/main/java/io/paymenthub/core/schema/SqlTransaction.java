package io.paymenthub.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Work on one connection of a data source as one transaction: committed when the work gives a
 * result, rolled back when it gives none or fails. The connection goes back to its pool with its
 * transaction ended either way.
 */
public final class SqlTransaction {

    /** Work on one connection; its result decides the commit. */
    @FunctionalInterface
    public interface Work<T> {
        Optional<T> on(Connection connection) throws SQLException;
    }

    private SqlTransaction() {
    }

    public static <T> Optional<T> run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<T> result = work.on(connection);
                if (result.isPresent()) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
