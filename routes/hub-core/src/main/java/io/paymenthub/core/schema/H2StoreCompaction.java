package io.paymenthub.core.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the embedded H2 database's file store: rewrites the live pages of mostly dead chunks so
 * that their space is reused.
 *
 * <p>The hub runs H2 with {@code WRITE_DELAY=0}, so that every commit is written before the broker
 * message that led to it is acknowledged (a kill -9 loses nothing). H2 then runs no background
 * writer, and that thread is the only one that compacts (h2database issue 442). Each commit writes
 * a chunk of its own, and chunks that keep a few live pages are never reused: under load the file
 * grows by gigabytes an hour. This does what the background writer would, through MVStore's public
 * {@code compact}, reached through H2's session because the H2 bundle does not export its engine.
 * It does nothing on any other database.
 */
public class H2StoreCompaction implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(H2StoreCompaction.class);

    private final DataSource dataSource;
    private final int targetFillRate;
    private final int writeLimitBytes;

    /**
     * @param targetFillRate  chunks less full than this percentage are rewritten
     * @param writeLimitBytes at most this much is rewritten per run, so that commits wait little
     */
    public H2StoreCompaction(DataSource dataSource, int targetFillRate, int writeLimitBytes) {
        this.dataSource = dataSource;
        this.targetFillRate = targetFillRate;
        this.writeLimitBytes = writeLimitBytes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        compact();
    }

    /** Runs one compaction; answers whether anything was rewritten (false on other databases). */
    public boolean compact() throws SQLException, ReflectiveOperationException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Object> store = fileStore(connection);
            if (store.isEmpty()) {
                return false;
            }
            long started = System.nanoTime();
            boolean rewritten = (Boolean) invoke(store.get(), "compact", new Class<?>[] {int.class, int.class},
                    targetFillRate, writeLimitBytes);
            LOG.debug("H2 store compaction: {} in {} ms", rewritten ? "chunks rewritten" : "nothing to rewrite",
                    (System.nanoTime() - started) / 1_000_000);
            return rewritten;
        }
    }

    /** The MVStore behind an H2 connection to a file database; empty for other databases and in-memory ones. */
    static Optional<Object> fileStore(Connection connection) throws SQLException, ReflectiveOperationException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return Optional.empty();
        }
        Object h2Connection = connection.unwrap(Class.forName("org.h2.jdbc.JdbcConnection"));
        Object database = invoke(invoke(h2Connection, "getSession"), "getDatabase");
        if (!(Boolean) invoke(database, "isPersistent")) {
            return Optional.empty();
        }
        return Optional.ofNullable(invoke(invoke(database, "getStore"), "getMvStore"));
    }

    private static Object invoke(Object target, String name) throws ReflectiveOperationException {
        return invoke(target, name, new Class<?>[0]);
    }

    private static Object invoke(Object target, String name, Class<?>[] types, Object... arguments) throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(name, types);
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
