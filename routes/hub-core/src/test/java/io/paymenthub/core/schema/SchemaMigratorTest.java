package io.paymenthub.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaMigratorTest {

    interface DatabaseFactory {
        DataSource create() throws SQLException;
    }

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (DatabaseFactory) TestDatabases::h2),
                Arguments.of("PostgreSQL", (DatabaseFactory) TestDatabases::postgres));
    }

    private static final List<SchemaMigrator.Migration> SHIPPED =
            SchemaMigrator.loadMigrations(SchemaMigrator.class.getClassLoader());

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migratesAnEmptyDatabaseToTheLatestVersion(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        SchemaMigrator migrator = new SchemaMigrator(dataSource);

        assertThat(migrator.currentVersion()).isZero();
        assertThat(migrator.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(migrator.currentVersion()).isEqualTo(20).isEqualTo(migrator.latestVersion());

        // Money keeps its exact decimal value through the journal.
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_transfer (transfer_id, tenant, "
                    + "direction, state, amount, currency, created_at, updated_at, row_version) "
                    + "VALUES (?, 'dfsp1', 'OUT', 'RECEIVED', ?, 'USD', ?, ?, 0)")) {
                insert.setString(1, "b51ec534-ee48-4575-b6a9-ead2955b8069");
                insert.setBigDecimal(2, new BigDecimal("123456789012345678.0125"));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (Statement query = connection.createStatement();
                 ResultSet rs = query.executeQuery("SELECT amount FROM hub_transfer")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("123456789012345678.0125");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSecondRunAppliesNothing(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        new SchemaMigrator(dataSource).migrate();

        assertThat(new SchemaMigrator(dataSource).migrate()).isEmpty();
        assertThat(count(dataSource, "hub_schema_version")).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void upgradesADatabaseLeftByAnOlderHub(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        new SchemaMigrator(dataSource, SHIPPED.subList(0, 1)).migrate();

        assertThat(new SchemaMigrator(dataSource).migrate()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAScriptChangedAfterItWasApplied(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        new SchemaMigrator(dataSource).migrate();
        List<SchemaMigrator.Migration> edited = new ArrayList<>(SHIPPED);
        SchemaMigrator.Migration first = edited.get(0);
        edited.set(0, new SchemaMigrator.Migration(first.version(), first.description(), first.sql() + "\n-- edited"));

        assertThatThrownBy(() -> new SchemaMigrator(dataSource, edited).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__idempotency was changed after it was applied");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesADatabaseNewerThanTheHub(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        new SchemaMigrator(dataSource).migrate();

        assertThatThrownBy(() -> new SchemaMigrator(dataSource, SHIPPED.subList(0, 1)).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version 2, newer than this hub (1)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailingScriptLeavesItsVersionUnrecorded(String name, DatabaseFactory factory) throws Exception {
        DataSource dataSource = factory.create();
        List<SchemaMigrator.Migration> broken = new ArrayList<>(SHIPPED);
        broken.add(new SchemaMigrator.Migration(99, "broken", "CREATE TABLE broken (id INTEGER);\nNOT SQL AT ALL;"));

        assertThatThrownBy(() -> new SchemaMigrator(dataSource, broken).migrate()).isInstanceOf(SQLException.class);

        assertThat(new SchemaMigrator(dataSource).currentVersion()).isLessThan(99);
    }

    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        DataSource dataSource = TestDatabases.postgres();
        int nodes = 4;
        CountDownLatch ready = new CountDownLatch(nodes);
        ExecutorService executor = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Callable<List<Integer>> node = () -> {
                    ready.countDown();
                    ready.await();
                    return new SchemaMigrator(dataSource).migrate();
                };
                results.add(executor.submit(node));
            }
            List<Integer> appliedByAll = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                appliedByAll.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(appliedByAll).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
            assertThat(count(dataSource, "hub_schema_version")).isEqualTo(20);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void splitsScriptsIntoStatementsAndDropsComments() {
        assertThat(SchemaMigrator.statements("-- a comment\nCREATE TABLE a (\n  id INTEGER\n);\n\nCREATE INDEX i ON a (id);\n"))
                .containsExactly("CREATE TABLE a (\n  id INTEGER\n)", "CREATE INDEX i ON a (id)");
    }

    @Test
    void shipsItsScriptsInVersionOrder() {
        assertThat(SHIPPED).extracting(SchemaMigrator.Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    }

    private static int count(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
