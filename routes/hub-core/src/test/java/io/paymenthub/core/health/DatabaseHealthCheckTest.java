package io.paymenthub.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;

class DatabaseHealthCheckTest {

    @Test
    void isUpOnAMigratedDatabase() throws Exception {
        DataSource dataSource = TestDatabases.postgres();
        SchemaMigrator migrator = new SchemaMigrator(dataSource);
        migrator.migrate();

        ComponentHealth health = new DatabaseHealthCheck(dataSource, migrator).check();

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsEntry("database", "PostgreSQL").containsEntry("schemaVersion", 20);
    }

    @Test
    void isDownWhileTheSchemaIsNotMigrated() {
        DataSource dataSource = TestDatabases.h2();

        ComponentHealth health = new DatabaseHealthCheck(dataSource, new SchemaMigrator(dataSource)).check();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.details()).containsEntry("schemaVersion", 0).containsEntry("expectedSchemaVersion", 20);
    }

    @Test
    void isDownWhenTheDatabaseCannotBeReached() {
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(1);

        ComponentHealth health = new DatabaseHealthCheck(unreachable, new SchemaMigrator(unreachable)).check();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.details().get("error")).asString().contains("Connection");
    }
}
