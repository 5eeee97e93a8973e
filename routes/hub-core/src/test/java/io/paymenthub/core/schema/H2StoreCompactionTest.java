package io.paymenthub.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database as the distribution runs it (a file, every commit written at once): its
 * file stays small only when the hub compacts it, and compaction loses nothing.
 */
class H2StoreCompactionTest {

    @TempDir
    Path folder;

    @Test
    void theFileOfADatabaseWrittenCommitByCommitStaysSmallWhenCompacted() throws Exception {
        DataSource compacted = fileDatabase("compacted");
        DataSource left = fileDatabase("left");
        H2StoreCompaction compaction = new H2StoreCompaction(compacted, 90, 16 * 1024 * 1024);

        for (int batch = 0; batch < 10; batch++) {
            churn(compacted, 200);
            churn(left, 200);
            compaction.compact();
        }

        long compactedSize = Files.size(folder.resolve("compacted.mv.db"));
        long leftSize = Files.size(folder.resolve("left.mv.db"));
        // The uncompacted file's size depends on when H2 happens to reuse chunks (4 to 11 MB here from
        // one machine to another); the compacted one stays near what its rows hold, wherever it runs.
        long liveBytes = 2000L * (36 + 600 + "COMMITTED".length());
        assertThat(compactedSize).as("compacted %d bytes for %d bytes of rows", compactedSize, liveBytes).isLessThan(2 * liveBytes);
        assertThat(compactedSize).as("compacted %d bytes against %d uncompacted", compactedSize, leftSize).isLessThan(leftSize);
        assertThat(rows(compacted)).as("every row kept, in its last state").isEqualTo(2000);
    }

    @Test
    void anInMemoryOrAnotherDatabaseIsLeftAlone() throws Exception {
        assertThat(new H2StoreCompaction(TestDatabases.h2(), 90, 1024).compact()).isFalse();
        assertThat(new H2StoreCompaction(TestDatabases.postgres(), 90, 1024).compact()).isFalse();
    }

    /** As the distribution's URL, with no retention so that a test need not wait 45 s for chunks to be free. */
    private DataSource fileDatabase(String name) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        dataSource.setUser("sa");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS journal (id VARCHAR(36) PRIMARY KEY, state VARCHAR(20), body VARCHAR(1000))");
        }
        return dataSource;
    }

    /** Rows written as the journal writes them: inserted, then moved on twice, each in its own commit. */
    private static void churn(DataSource dataSource, int rows) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO journal VALUES (?, 'RECEIVED', ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE journal SET state = ? WHERE id = ?")) {
            for (int i = 0; i < rows; i++) {
                String id = UUID.randomUUID().toString();
                insert.setString(1, id);
                insert.setString(2, "x".repeat(600));
                insert.executeUpdate();
                for (String state : new String[] {"RESERVED", "COMMITTED"}) {
                    update.setString(1, state);
                    update.setString(2, id);
                    update.executeUpdate();
                }
            }
        }
    }

    private static int rows(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM journal WHERE state = 'COMMITTED'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
