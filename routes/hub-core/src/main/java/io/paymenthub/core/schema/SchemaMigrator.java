package io.paymenthub.core.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the hub's schema with versioned SQL scripts, on H2 and on PostgreSQL.
 *
 * <p>The scripts are {@code db/migration/V<n>__<description>.sql}, listed in order in
 * {@code db/migration/migrations.list} (a bundle cannot list a folder of its own class path
 * portably). Each applied script is recorded with its checksum in {@code hub_schema_version};
 * a recorded script whose text changed stops the start, since the database no longer matches
 * what the code expects. Nodes sharing a database serialise on a row lock in
 * {@code hub_schema_lock}, so a cluster that starts at once migrates once.
 */
public class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String LOCATION = "db/migration/";
    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    /** One script: its version, description and text. */
    public record Migration(int version, String description, String sql) {
        public long checksum() {
            CRC32 crc = new CRC32();
            crc.update(sql.getBytes(StandardCharsets.UTF_8));
            return crc.getValue();
        }
    }

    private final DataSource dataSource;
    private final List<Migration> migrations;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, loadMigrations(SchemaMigrator.class.getClassLoader()));
    }

    SchemaMigrator(DataSource dataSource, List<Migration> migrations) {
        this.dataSource = dataSource;
        this.migrations = List.copyOf(migrations);
    }

    /** Blueprint's init method (which must return nothing): migrates before any route starts. */
    public void start() throws SQLException {
        migrate();
    }

    /** Applies every script not applied yet; returns the versions applied now. */
    public List<Integer> migrate() throws SQLException {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName();
            createBookkeepingTables(connection);
        }
        List<Integer> appliedNow = SqlTransaction.decide(dataSource, connection -> {
            lock(connection);
            Map<Integer, Long> applied = appliedChecksums(connection);
            verifyChecksums(applied);
            List<Integer> versions = new ArrayList<>();
            for (Migration migration : migrations) {
                if (applied.containsKey(migration.version())) {
                    continue;
                }
                apply(connection, migration);
                versions.add(migration.version());
            }
            return SqlTransaction.Outcome.commit(versions);
        });
        LOG.info("Schema on {} at version {} ({} script(s) applied now)", database, latestVersion(), appliedNow.size());
        return appliedNow;
    }

    /** The version the database is at, or 0 before the first migration. */
    public int currentVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, "hub_schema_version")) {
                return 0;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM hub_schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The version the code expects: the last script shipped. */
    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    public List<Migration> migrations() {
        return migrations;
    }

    private void createBookkeepingTables(Connection connection) throws SQLException {
        createIfMissing(connection, "hub_schema_version", "CREATE TABLE hub_schema_version (version INTEGER PRIMARY KEY, "
                + "description VARCHAR(200) NOT NULL, checksum BIGINT NOT NULL, installed_on TIMESTAMP NOT NULL)");
        createIfMissing(connection, "hub_schema_lock", "CREATE TABLE hub_schema_lock (id INTEGER PRIMARY KEY)");
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM hub_schema_lock")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                try (Statement insert = connection.createStatement()) {
                    insert.execute("INSERT INTO hub_schema_lock (id) VALUES (1)");
                } catch (SQLException e) {
                    LOG.debug("Schema lock row inserted by another node", e);
                }
            }
        }
    }

    private static void createIfMissing(Connection connection, String table, String ddl) throws SQLException {
        if (tableExists(connection, table)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            // Another node created it between our check and our create: that is fine.
            if (!tableExists(connection, table)) {
                throw e;
            }
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM hub_schema_lock WHERE id = 1 FOR UPDATE")) {
            rs.next();
        }
    }

    private static Map<Integer, Long> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, Long> applied = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version, checksum FROM hub_schema_version ORDER BY version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return applied;
    }

    private void verifyChecksums(Map<Integer, Long> applied) {
        for (Migration migration : migrations) {
            Long recorded = applied.get(migration.version());
            if (recorded != null && recorded != migration.checksum()) {
                throw new IllegalStateException("Schema script V" + migration.version() + "__"
                        + migration.description() + " was changed after it was applied to this database;"
                        + " restore it and add a new script instead");
            }
        }
        int latest = latestVersion();
        applied.keySet().stream().filter(v -> v > latest).findFirst().ifPresent(v -> {
            throw new IllegalStateException("The database is at schema version " + v
                    + ", newer than this hub (" + latest + "): run the newer hub or restore the database");
        });
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        LOG.info("Applying schema script V{}__{}", migration.version(), migration.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(migration.sql())) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_schema_version (version, description, checksum, installed_on) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, migration.checksum());
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** Splits a script on the semicolons that end its statements; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().trim();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        // Only the connection's own schema: several hubs (or tests) may share one database.
        String schema = connection.getSchema();
        for (String name : new String[] {table, table.toUpperCase(), table.toLowerCase()}) {
            try (ResultSet rs = meta.getTables(null, schema, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<Migration> loadMigrations(ClassLoader classLoader) {
        List<Migration> migrations = new ArrayList<>();
        for (String name : read(classLoader, LOCATION + "migrations.list").split("\n")) {
            name = name.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher matcher = SCRIPT_NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException("Schema script name " + name + " is not V<n>__<description>.sql");
            }
            int version = Integer.parseInt(matcher.group(1));
            if (!migrations.isEmpty() && migrations.get(migrations.size() - 1).version() >= version) {
                throw new IllegalStateException("Schema scripts must be listed in increasing version order: " + name);
            }
            migrations.add(new Migration(version, matcher.group(2), read(classLoader, LOCATION + name)));
        }
        return migrations;
    }

    private static String read(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
