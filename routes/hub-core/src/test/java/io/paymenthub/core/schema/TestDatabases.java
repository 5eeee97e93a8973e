package io.paymenthub.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fresh, empty databases for tests: an in-memory H2 one, or a new schema in the machine's real
 * PostgreSQL (database {@code test}, overridable with {@code -Dhub.test.postgres.url},
 * {@code .user}, {@code .password}).
 */
public final class TestDatabases {

    private static final java.util.List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // Leave the shared test database as we found it.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    private static void dropSchemas() {
        try (Connection connection = postgresDataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }

    public static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    public static DataSource postgres() throws SQLException {
        String schema = "hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        PGSimpleDataSource admin = postgresDataSource();
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        PGSimpleDataSource dataSource = postgresDataSource();
        dataSource.setCurrentSchema(schema);
        return dataSource;
    }

    /**
     * The rows of {@code table} that PostgreSQL reads to run {@code sql} with {@code parameters}
     * (those its scans return and those their filters drop), by {@code EXPLAIN ANALYZE} in a
     * transaction rolled back: what a statement costs as the table grows, whatever plan it gets.
     */
    public static long rowsRead(DataSource postgres, String table, String sql, Object... parameters) throws Exception {
        try (Connection connection = postgres.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    explain.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    return rowsRead(new ObjectMapper().readTree(rs.getString(1)).path(0).path("Plan"), table);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static long rowsRead(JsonNode node, String table) {
        long read = table.equals(node.path("Relation Name").asText()) && node.has("Actual Rows")
                && node.path("Node Type").asText().endsWith("Scan")
                ? node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong() : 0;
        for (JsonNode child : node.path("Plans")) {
            read += rowsRead(child, table);
        }
        return read;
    }

    private static PGSimpleDataSource postgresDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getProperty("hub.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        dataSource.setUser(System.getProperty("hub.test.postgres.user", "postgres"));
        dataSource.setPassword(System.getProperty("hub.test.postgres.password", ""));
        return dataSource;
    }
}
