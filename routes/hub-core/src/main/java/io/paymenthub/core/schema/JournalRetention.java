package io.paymenthub.core.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the hub no longer needs once it is older than the retention: transfers and requests
 * to pay in a final state (never an {@code UNKNOWN} transfer, which waits for an operator) with
 * their history, ended bulk batches with their rows and FSPIOP bulk groups (not one with an {@code UNKNOWN} row), the switch's answered requests and callbacks awaited, the payee side's quotes,
 * credits and reservations, and idempotency keys. Rows go in batches, each batch one transaction,
 * so the database is never locked for long and a run stopped half-way leaves nothing half-deleted.
 */
public class JournalRetention implements Processor {

    /** The shortest retention: far beyond any quote's or transfer's expiry, so a late resend finds what it needs. */
    public static final Duration MINIMUM = Duration.ofDays(7);

    /** Rows whose key {@code select} finds (given the cut-off), deleted by key from each table of {@code deletes}, in order. */
    record Purge(String name, String select, List<String> deletes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    /** At most this many batches a table in one run: a backlog is worked off over several runs. */
    private static final int MAX_BATCHES = 100;

    static final List<Purge> PURGES = List.of(
            new Purge("transfers", "SELECT transfer_id FROM hub_transfer WHERE state IN ('COMMITTED', 'ABORTED') AND updated_at < ?",
                    List.of("DELETE FROM hub_transfer_step WHERE transfer_id = ?", "DELETE FROM hub_transfer WHERE transfer_id = ?")),
            new Purge("requests to pay", "SELECT tenant, request_id, role FROM hub_transaction_request WHERE state IN ('PAID', 'REFUSED', "
                    + "'EXPIRED', 'FAILED', 'ACCEPTED', 'REJECTED') AND updated_at < ?",
                    List.of("DELETE FROM hub_transaction_request_step WHERE tenant = ? AND request_id = ? AND role = ?",
                            "DELETE FROM hub_transaction_request WHERE tenant = ? AND request_id = ? AND role = ?")),
            // A batch with an UNKNOWN row waits for its transfer's resolution. Found by when it ended: its
            // running rows' writes leave the index alone (V19).
            new Purge("bulk batches", "SELECT batch_id FROM hub_bulk_batch WHERE state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'REJECTED') "
                    + "AND unknown_count = 0 AND completed_at < ?",
                    List.of("DELETE FROM hub_bulk_item WHERE batch_id = ?", "DELETE FROM hub_bulk_batch_step WHERE batch_id = ?",
                            "DELETE FROM hub_bulk_group WHERE batch_id = ?",
                            "DELETE FROM hub_bulk_batch WHERE batch_id = ?")),
            new Purge("requests of the switch", "SELECT tenant, resource, resource_id FROM fspiop_inbound_request WHERE answered_at < ?",
                    List.of("DELETE FROM fspiop_inbound_request WHERE tenant = ? AND resource = ? AND resource_id = ?")),
            new Purge("callbacks awaited", "SELECT tenant, resource, callback_key FROM fspiop_pending_callback WHERE sent_at < ?",
                    List.of("DELETE FROM fspiop_pending_callback WHERE tenant = ? AND resource = ? AND callback_key = ?")),
            new Purge("payee quotes", "SELECT tenant, quote_id FROM hub_payee_quote WHERE expires_at < ?",
                    List.of("DELETE FROM hub_payee_quote WHERE tenant = ? AND quote_id = ?")),
            new Purge("payee credits", "SELECT tenant, transaction_id FROM hub_payee_transaction WHERE claimed_at < ?",
                    List.of("DELETE FROM hub_payee_transaction WHERE tenant = ? AND transaction_id = ?")),
            // A day's result stays with the day's transfers; a run still RUNNING is never touched.
            new Purge("reconciliation runs", "SELECT run_id FROM hub_reconciliation_run WHERE state <> 'RUNNING' AND started_at < ?",
                    List.of("DELETE FROM hub_reconciliation_break WHERE run_id = ?",
                            "DELETE FROM hub_reconciliation_booking WHERE run_id = ?",
                            "DELETE FROM hub_reconciliation_run WHERE run_id = ?")),
            new Purge("payee reservations", "SELECT tenant, transfer_id FROM hub_payee_reservation WHERE completed_at < ?",
                    List.of("DELETE FROM hub_payee_reservation WHERE tenant = ? AND transfer_id = ?")),
            new Purge("channel idempotency keys", "SELECT tenant, idempotency_key FROM channel_idempotency WHERE created_at < ?",
                    List.of("DELETE FROM channel_idempotency WHERE tenant = ? AND idempotency_key = ?")),
            new Purge("processed message ids", "SELECT processorName, messageId FROM CAMEL_MESSAGEPROCESSED WHERE createdAt < ?",
                    List.of("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?")));

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;
    private final Clock clock;

    /** @param retentionDays 0 keeps everything; a shorter one than {@link #MINIMUM} is raised to it */
    public JournalRetention(DataSource dataSource, int retentionDays, int batchSize) {
        this(dataSource, Duration.ofDays(retentionDays), batchSize, Clock.systemUTC());
    }

    JournalRetention(DataSource dataSource, Duration retention, int batchSize, Clock clock) {
        if (!retention.isZero() && retention.compareTo(MINIMUM) < 0) {
            LOG.warn("A retention of {} days is shorter than the minimum: the hub keeps final records {} days", retention.toDays(),
                    MINIMUM.toDays());
            retention = MINIMUM;
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size is at least 1");
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    public boolean enabled() {
        return !retention.isZero();
    }

    public Duration retention() {
        return retention;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        Map<String, Integer> deleted = purge();
        if (deleted.values().stream().anyMatch(count -> count > 0)) {
            LOG.info("Older than {} days, deleted: {}", retention.toDays(), deleted);
        }
    }

    /** One run: how many rows (of the first table of each purge) were deleted, by what they were. */
    public Map<String, Integer> purge() throws SQLException {
        Timestamp cutOff = Timestamp.from(Instant.now(clock).minus(retention));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (Purge purge : PURGES) {
            int count = 0;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int done = purgeBatch(purge, cutOff);
                count += done;
                if (done < batchSize) {
                    break;
                }
            }
            deleted.put(purge.name(), count);
        }
        return deleted;
    }

    private int purgeBatch(Purge purge, Timestamp cutOff) throws SQLException {
        return SqlTransaction.decide(dataSource, connection -> {
            List<Object[]> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(purge.select())) {
                select.setTimestamp(1, cutOff);
                select.setMaxRows(batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] key = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            key[i] = rs.getObject(i + 1);
                        }
                        keys.add(key);
                    }
                }
            }
            for (String sql : purge.deletes()) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    for (Object[] key : keys) {
                        for (int i = 0; i < key.length; i++) {
                            delete.setObject(i + 1, key[i]);
                        }
                        delete.addBatch();
                    }
                    if (!keys.isEmpty()) {
                        delete.executeBatch();
                    }
                }
            }
            return SqlTransaction.Outcome.commit(keys.size());
        });
    }
}
