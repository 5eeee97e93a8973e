package io.paymenthub.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the retention deletes, on the embedded H2 and on PostgreSQL: final transfers with their
 * history and the other records once older than the retention; never a transfer still in flight or
 * UNKNOWN, never anything younger, never an unanswered request of the switch.
 */
class JournalRetentionTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant OLD = NOW.minus(Duration.ofDays(10));
    static final Instant RECENT = NOW.minus(Duration.ofDays(2));

    static Stream<Arguments> databases() throws SQLException {
        return Stream.of(Arguments.of("H2", TestDatabases.h2()), Arguments.of("PostgreSQL", TestDatabases.postgres()));
    }

    private static void insertTransfer(DataSource db, String id, String state, Instant updated) throws SQLException {
        update(db, "INSERT INTO hub_transfer (transfer_id, tenant, direction, state, amount, currency, created_at, updated_at, row_version) "
                + "VALUES (?, 'dfsp1', 'PAYER', ?, 10, 'USD', ?, ?, 1)", id, state, Timestamp.from(updated), Timestamp.from(updated));
        update(db, "INSERT INTO hub_transfer_step (transfer_id, seq, step, outcome, recorded_at) VALUES (?, 1, 'REQUEST', 'RECEIVED', ?)",
                id, Timestamp.from(updated));
    }

    private static void insertBatch(DataSource db, String id, String state, int unknown, Instant updated) throws SQLException {
        update(db, "INSERT INTO hub_bulk_batch (batch_id, tenant, state, payer_id_type, payer_id, row_count, invalid_count, item_count, "
                + "total_amount, concurrency, next_line, in_flight, completed_count, completed_amount, fee_amount, failed_count, "
                + "failed_amount, unknown_count, unknown_amount, progress_notified, created_at, updated_at, completed_at) "
                + "VALUES (?, 'dfsp1', ?, 'MSISDN', '1', 1, 0, 1, 1, 8, 3, 0, 1, 1, 0, 0, 0, ?, 0, 0, ?, ?, ?)", id, state, unknown,
                Timestamp.from(updated), Timestamp.from(updated), "RUNNING".equals(state) ? null : Timestamp.from(updated));
        update(db, "INSERT INTO hub_bulk_batch_step (batch_id, seq, step, outcome, recorded_at) VALUES (?, 1, 'SUBMIT', 'RUNNING', ?)",
                id, Timestamp.from(updated));
        update(db, "INSERT INTO hub_bulk_item (batch_id, line_no, row_id, state, transfer_id, updated_at) VALUES (?, 2, 'r', 'COMPLETED', ?, ?)",
                id, "t-" + id, Timestamp.from(updated));
    }

    private static void update(DataSource db, String sql, Object... args) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private static List<String> column(DataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyFinalRecordsOlderThanTheRetentionGoWithTheirHistory(String name, DataSource db) throws Exception {
        new SchemaMigrator(db).migrate();
        for (int i = 0; i < 5; i++) {
            insertTransfer(db, "old-committed-" + i, "COMMITTED", OLD);
        }
        insertTransfer(db, "old-aborted", "ABORTED", OLD);
        insertTransfer(db, "old-unknown", "UNKNOWN", OLD);
        insertTransfer(db, "old-in-flight", "TRANSFER_SENT", OLD);
        insertTransfer(db, "recent-committed", "COMMITTED", RECENT);
        update(db, "INSERT INTO fspiop_inbound_request (tenant, resource, resource_id, request_hash, api_version, received_at, "
                + "answered_at) VALUES ('dfsp2', 'quotes', 'answered', 'h', '1.1', ?, ?)", Timestamp.from(OLD), Timestamp.from(OLD));
        update(db, "INSERT INTO fspiop_inbound_request (tenant, resource, resource_id, request_hash, api_version, received_at) "
                + "VALUES ('dfsp2', 'quotes', 'unanswered', 'h', '1.1', ?)", Timestamp.from(OLD));
        insertBatch(db, "old-completed", "COMPLETED", 0, OLD);
        insertBatch(db, "old-with-unknown-row", "COMPLETED_WITH_ERRORS", 1, OLD);
        insertBatch(db, "old-running", "RUNNING", 0, OLD);
        insertBatch(db, "recent-failed", "FAILED", 0, RECENT);
        update(db, "INSERT INTO channel_idempotency (tenant, idempotency_key, operation, request_hash, created_at) "
                + "VALUES ('dfsp1', 'old-key', 'transfer', 'h', ?)", Timestamp.from(OLD));
        update(db, "INSERT INTO channel_idempotency (tenant, idempotency_key, operation, request_hash, created_at) "
                + "VALUES ('dfsp1', 'recent-key', 'transfer', 'h', ?)", Timestamp.from(RECENT));
        for (String[] run : new String[][] {{"old-done", "DONE"}, {"old-running", "RUNNING"}}) {
            update(db, "INSERT INTO hub_reconciliation_run (run_id, tenant, business_day, state, window_start, window_end, requested_by, "
                    + "started_at) VALUES (?, 'dfsp1', ?, ?, ?, ?, 'test', ?)", run[0], java.sql.Date.valueOf("2026-01-01"), run[1],
                    Timestamp.from(OLD), Timestamp.from(OLD), Timestamp.from(OLD));
            update(db, "INSERT INTO hub_reconciliation_break (run_id, seq, break_class, detail, action) VALUES (?, 1, 'NOT_FINAL', 'd', 'a')",
                    run[0]);
        }

        // Batches of 2: the six final transfers go in three batches and a last, empty one.
        Map<String, Integer> deleted = new JournalRetention(db, Duration.ofDays(7), 2, Clock.fixed(NOW, java.time.ZoneOffset.UTC)).purge();

        assertThat(deleted).containsEntry("transfers", 6).containsEntry("bulk batches", 1).containsEntry("requests of the switch", 1)
                .containsEntry("channel idempotency keys", 1).containsEntry("reconciliation runs", 1);
        assertThat(column(db, "SELECT transfer_id FROM hub_transfer ORDER BY transfer_id"))
                .containsExactly("old-in-flight", "old-unknown", "recent-committed");
        assertThat(column(db, "SELECT transfer_id FROM hub_transfer_step ORDER BY transfer_id"))
                .as("the history goes with its transfer").containsExactly("old-in-flight", "old-unknown", "recent-committed");
        assertThat(column(db, "SELECT resource_id FROM fspiop_inbound_request")).containsExactly("unanswered");
        List<String> batchesLeft = List.of("old-running", "old-with-unknown-row", "recent-failed");
        assertThat(column(db, "SELECT batch_id FROM hub_bulk_batch ORDER BY batch_id")).containsExactlyElementsOf(batchesLeft);
        assertThat(column(db, "SELECT batch_id FROM hub_bulk_item ORDER BY batch_id")).as("the rows go with their batch")
                .containsExactlyElementsOf(batchesLeft);
        assertThat(column(db, "SELECT batch_id FROM hub_bulk_batch_step ORDER BY batch_id")).containsExactlyElementsOf(batchesLeft);
        assertThat(column(db, "SELECT idempotency_key FROM channel_idempotency")).containsExactly("recent-key");
        assertThat(column(db, "SELECT run_id FROM hub_reconciliation_run")).as("a run under way stays").containsExactly("old-running");
        assertThat(column(db, "SELECT run_id FROM hub_reconciliation_break")).containsExactly("old-running");
        assertThat(new JournalRetention(db, Duration.ofDays(7), 2, Clock.fixed(NOW, java.time.ZoneOffset.UTC)).purge().values())
                .as("a second run finds nothing").containsOnly(0);
    }

    @Test
    void aRetentionShorterThanAWeekIsRaisedToAWeekAndZeroKeepsEverything() {
        assertThat(new JournalRetention(TestDatabases.h2(), 3, 1000).retention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> new JournalRetention(TestDatabases.h2(), 30, 0)).hasMessageContaining("batch size");
        assertThat(new JournalRetention(TestDatabases.h2(), 0, 1000).enabled()).isFalse();
        assertThat(new JournalRetention(TestDatabases.h2(), 30, 1000).enabled()).isTrue();
    }
}
