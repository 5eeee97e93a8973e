package io.paymenthub.core.schema;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes PostgreSQL's statistics of a table that a large batch has just filled. Until its
 * autovacuum's next round (a minute or more, never where autovacuum is off), the planner believes
 * the table as small as it was, takes a value it has not seen (the batch's id) for a rare one, and
 * may find rows by an index that starts with it, filtering the rest of the condition row by row:
 * a query per row that reads the whole batch, quadratic in the batch's size. Other databases keep
 * no such statistics: nothing is done there.
 */
public final class PlannerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private PlannerStatistics() {
    }

    /**
     * Runs {@code ANALYZE table} on PostgreSQL, waiting at most a second for the table (a VACUUM may
     * hold it): the caller is a flow at work. A failure only leaves the statistics to autovacuum.
     */
    public static void refresh(DataSource dataSource, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table of the hub: " + table);
        }
        try {
            SqlTransaction.commit(dataSource, connection -> {
                if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                    try (Statement analyze = connection.createStatement()) {
                        analyze.execute("SET LOCAL lock_timeout = '1s'");
                        analyze.execute("ANALYZE " + table);
                    }
                }
            });
        } catch (SQLException e) {
            LOG.warn("The statistics of {} were not refreshed after a large batch: {}", table, e.getMessage());
        }
    }
}
