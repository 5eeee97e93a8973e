package io.paymenthub.core.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import io.paymenthub.core.schema.SchemaMigrator;

/** The database is UP when a connection is valid and the schema is at the version the hub expects. */
public class DatabaseHealthCheck implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final SchemaMigrator migrator;

    public DatabaseHealthCheck(DataSource dataSource, SchemaMigrator migrator) {
        this.dataSource = dataSource;
        this.migrator = migrator;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public ComponentHealth check() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return ComponentHealth.down(name(), "connection not valid");
            }
            String product = connection.getMetaData().getDatabaseProductName();
            int current = migrator.currentVersion();
            int expected = migrator.latestVersion();
            if (current != expected) {
                return new ComponentHealth(name(), HealthStatus.DOWN, Map.of("database", product,
                        "schemaVersion", current, "expectedSchemaVersion", expected,
                        "error", "schema not migrated"));
            }
            return ComponentHealth.up(name(), Map.of("database", product, "schemaVersion", current));
        } catch (SQLException | RuntimeException e) {
            return ComponentHealth.down(name(), e.getMessage());
        }
    }
}
