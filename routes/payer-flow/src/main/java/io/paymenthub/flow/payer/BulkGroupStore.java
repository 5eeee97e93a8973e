package io.paymenthub.flow.payer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.paymenthub.core.schema.PlannerStatistics;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepJournal;

/**
 * The FSPIOP bulk groups ({@code hub_bulk_group}) on the {@link StepJournal}: a transfer joins
 * its batch's open group toward its payee FSP in the same transaction as it leaves
 * {@link TransferState#PARTY_FOUND}, and a group moves by compare-and-set, so that of two nodes
 * only one sends a bulk message.
 */
public class BulkGroupStore {

    private static final String COLUMNS = "bulk_quote_id, bulk_transfer_id, tenant, batch_id, payee_fsp, state, members, expires_at, "
            + "deadline_at, attempts, created_at";
    private static final Set<String> CHANGEABLE = Set.of("open_key", "members", "expires_at", "deadline_at", "attempts");
    /** Transfer states from which a transfer of the batch may still join a group. */
    private static final String BEFORE_GROUP = "'RECEIVED', 'LOOKUP_SENT', 'PARTY_FOUND'";
    /** Member states that keep a quoted group from sending its bulk transfer. */
    private static final String BEFORE_BULK_TRANSFER = "'IN_BULK_QUOTE', 'QUOTED', 'RESERVED'";

    private final DataSource dataSource;
    private final StepJournal<BulkGroupState> journal;

    public BulkGroupStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    BulkGroupStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.journal = new StepJournal<>(dataSource, clock, "hub_bulk_group", null, List.of("bulk_quote_id"), CHANGEABLE);
    }

    /**
     * Puts the transfer in its batch's open group toward its payee FSP (a new one when there is
     * none, or it is full), moving it as {@code change} says with the group's id, in one
     * transaction.
     *
     * @return the group joined, or empty when the transfer had already left {@code from}
     */
    public Optional<BulkGroup> join(PayerTransferStore transfers, PayerTransfer t, TransferState from, int maxMembers,
                                    Duration collectFor, StateChange<TransferState> change) throws SQLException {
        String openKey = BulkGroup.openKey(t.batchId(), t.payeeFsp());
        Optional<String> joined = SqlTransaction.run(dataSource, connection -> {
            // A group that filled up or closed meanwhile takes nobody: the next attempt finds or opens another.
            for (int attempt = 0; attempt < 3; attempt++) {
                String groupId = openGroup(connection, t, openKey, collectFor);
                // The group's row lock, held to the commit, keeps its count exact.
                if (StepJournal.update(connection, "UPDATE hub_bulk_group SET members = members + 1, open_key = CASE WHEN "
                        + "members + 1 >= ? THEN NULL ELSE open_key END WHERE bulk_quote_id = ? AND state = 'COLLECTING' "
                        + "AND open_key IS NOT NULL", maxMembers, groupId) != 1) {
                    continue;
                }
                if (!transfers.transition(connection, t.transferId(), from, change.set("bulk_quote_id", groupId))) {
                    return Optional.empty();
                }
                return Optional.of(groupId);
            }
            throw new SQLException("Transfer " + t.transferId() + " found no bulk group to join toward " + t.payeeFsp());
        });
        // Read once committed: another connection sees the member counted only then.
        return joined.isEmpty() ? Optional.empty() : find(joined.get());
    }

    /** The open group's id: the one there is, or a new one (another node may create it first: then that one). */
    private String openGroup(Connection connection, PayerTransfer t, String openKey, Duration collectFor) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<String> open = StepJournal.query(connection, "SELECT bulk_quote_id FROM hub_bulk_group WHERE open_key = ? FOR UPDATE", 1,
                    rs -> rs.getString(1), openKey);
            if (!open.isEmpty()) {
                return open.get(0);
            }
            String groupId = UUID.randomUUID().toString();
            Instant now = journal.now();
            try (var savepoint = new Savepoint(connection)) {
                StepJournal.update(connection, "INSERT INTO hub_bulk_group (bulk_quote_id, bulk_transfer_id, tenant, batch_id, payee_fsp, "
                        + "open_key, state, members, deadline_at, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'COLLECTING', 0, "
                        + "?, 0, ?, ?)", groupId, UUID.randomUUID().toString(), t.tenant(), t.batchId(), t.payeeFsp(), openKey,
                        now.plus(collectFor), now, now);
                savepoint.release();
                return groupId;
            } catch (SQLException e) {
                if (!SqlValues.isConstraintViolation(e)) {
                    throw e;
                }
                // Another node opened the group first: join that one.
            }
        }
        throw new SQLException("No open bulk group for " + openKey + " after three attempts");
    }

    /** Rolls back to the savepoint unless released: a refused insert must not spoil the transaction (PostgreSQL). */
    private static final class Savepoint implements AutoCloseable {
        private final Connection connection;
        private final java.sql.Savepoint savepoint;
        private boolean released;

        Savepoint(Connection connection) throws SQLException {
            this.connection = connection;
            this.savepoint = connection.setSavepoint();
        }

        void release() {
            released = true;
        }

        @Override
        public void close() throws SQLException {
            if (!released) {
                connection.rollback(savepoint);
            }
        }
    }

    /** Moves the group from {@code from}; false when another node (or message) moved it first. */
    public boolean transition(String bulkQuoteId, BulkGroupState from, StateChange<BulkGroupState> change) throws SQLException {
        return journal.transition(from, change, bulkQuoteId);
    }

    public Optional<BulkGroup> find(String bulkQuoteId) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM hub_bulk_group WHERE bulk_quote_id = ?", bulkQuoteId);
    }

    public Optional<BulkGroup> findByBulkTransferId(String bulkTransferId) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM hub_bulk_group WHERE bulk_transfer_id = ?", bulkTransferId);
    }

    /** A batch's groups, oldest first: what an operator reads of its FSPIOP bulk messages. */
    public List<BulkGroup> ofBatch(String batchId, int limit) throws SQLException {
        return journal.query("SELECT " + COLUMNS + " FROM hub_bulk_group WHERE batch_id = ? ORDER BY created_at", limit,
                BulkGroupStore::read, batchId);
    }

    /** Groups taking members whose collecting time is over, or toward which no transfer of their batch is still on its way. */
    public List<BulkGroup> readyToQuote(Instant now, int limit) throws SQLException {
        return journal.query("SELECT " + COLUMNS + " FROM hub_bulk_group g WHERE state = 'COLLECTING' AND (deadline_at < ? OR NOT EXISTS "
                + "(SELECT 1 FROM hub_transfer t WHERE t.batch_id = g.batch_id AND t.state IN (" + BEFORE_GROUP + "))) "
                + "ORDER BY created_at", limit, BulkGroupStore::read, now);
    }

    /**
     * Refreshes PostgreSQL's statistics of the transfers after a large group of a batch closed: the
     * checks below find the batch's transfers before their group by batch and state only once the
     * planner knows the batch holds many of them ({@link PlannerStatistics}).
     */
    public void refreshTransferStatistics() {
        PlannerStatistics.refresh(dataSource, "hub_transfer");
    }

    /** Whether a transfer of the batch may still join one of its groups. */
    public boolean batchHasTransfersBeforeGroup(String batchId) throws SQLException {
        return !journal.query(BATCH_BEFORE_GROUP, 1, rs -> 1, batchId).isEmpty();
    }

    /** A transfer of the batch (the parameter) that may still join one of its groups. */
    static final String BATCH_BEFORE_GROUP = "SELECT 1 FROM hub_transfer WHERE batch_id = ? AND state IN (" + BEFORE_GROUP + ")";

    /** Quoted groups none of whose members is still on its way to the bulk transfer. */
    public List<BulkGroup> readyToTransfer(int limit) throws SQLException {
        return journal.query("SELECT " + COLUMNS + " FROM hub_bulk_group g WHERE state = 'QUOTED' AND NOT EXISTS "
                + "(SELECT 1 FROM hub_transfer t WHERE t.bulk_quote_id = g.bulk_quote_id AND t.state IN (" + BEFORE_BULK_TRANSFER + ")) "
                + "ORDER BY created_at", limit, BulkGroupStore::read);
    }

    /** Whether a member of the group is still on its way to the bulk transfer. */
    public boolean hasMembersBeforeTransfer(String bulkQuoteId) throws SQLException {
        return !journal.query("SELECT 1 FROM hub_transfer WHERE bulk_quote_id = ? AND state IN (" + BEFORE_BULK_TRANSFER + ")", 1,
                rs -> 1, bulkQuoteId).isEmpty();
    }

    /** Groups whose wait for the switch has ended. */
    public List<BulkGroup> pastDeadline(Instant now, int limit) throws SQLException {
        return journal.query("SELECT " + COLUMNS + " FROM hub_bulk_group WHERE state IN ('QUOTE_SENT', 'TRANSFER_SENT', "
                + "'STATUS_REQUESTED') AND deadline_at < ? ORDER BY deadline_at", limit, BulkGroupStore::read, now);
    }

    public Instant now() {
        return journal.now();
    }

    private Optional<BulkGroup> one(String sql, Object... args) throws SQLException {
        return journal.query(sql, 1, BulkGroupStore::read, args).stream().findFirst();
    }

    private static BulkGroup read(ResultSet rs) throws SQLException {
        return new BulkGroup(rs.getString("bulk_quote_id"), rs.getString("bulk_transfer_id"), rs.getString("tenant"),
                rs.getString("batch_id"), rs.getString("payee_fsp"), BulkGroupState.valueOf(rs.getString("state")), rs.getInt("members"),
                SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "deadline_at"), rs.getInt("attempts"),
                SqlValues.instant(rs, "created_at"));
    }
}
