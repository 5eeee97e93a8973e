package io.paymenthub.core.schema;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A node's way to its database, which a test can cut: while cut, every new connection is refused
 * as a pool refuses it while PostgreSQL is down.
 */
public final class CuttableDataSource implements DataSource {

    private final DataSource database;
    private volatile boolean cut;

    public CuttableDataSource(DataSource database) {
        this.database = database;
    }

    /** A database that is never there. */
    public static CuttableDataSource unreachable() {
        CuttableDataSource away = new CuttableDataSource(null);
        away.cut(true);
        return away;
    }

    public void cut(boolean cut) {
        this.cut = cut;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (cut) {
            throw new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused");
        }
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
