package io.paymenthub.flow.payer;

import static io.paymenthub.core.schema.SqlValues.decimal;
import static io.paymenthub.core.schema.SqlValues.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;
import io.paymenthub.core.schema.SqlWhere;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.step.StepJournal;

/**
 * The journal of payers' transfers ({@code hub_transfer}, {@code hub_transfer_step}), shared by
 * every hub node: the transfer's own columns and queries, on the {@link StepJournal} every
 * journalled flow moves its records with.
 */
public class PayerTransferStore {

    /** What the console lists by. Null members do not filter. */
    public record Filter(String tenant, TransferState state, Instant from, Instant to, int limit) {
    }

    private static final String COLUMNS = "transfer_id, tenant, state, amount, currency, client_ref, transaction_id, quote_id, "
            + "scenario, note, payer_id_type, payer_id, payer_account, payee_id_type, payee_id, payer_fsp, payee_fsp, payee_name, payee_account, routing, "
            + "transfer_amount, payer_fee, payee_fee, ilp_packet, ilp_condition, fulfilment, expires_at, deadline_at, attempts, "
            + "failure_code, failure_reason, created_at, updated_at, transaction_request_id, initiator_type, batch_id, bulk_quote_id";
    private static final Set<String> CHANGEABLE = Set.of("quote_id", "payer_account", "payee_fsp", "payee_name", "payee_account", "routing",
            "transfer_amount",
            "payer_fee", "payee_fee", "ilp_packet", "ilp_condition", "fulfilment", "expires_at", "deadline_at", "attempts",
            "failure_code", "failure_reason", "fspiop_version", "bulk_quote_id");

    private final DataSource dataSource;
    private final StepJournal<TransferState> journal;
    private final HubMetrics metrics;

    public PayerTransferStore(DataSource dataSource) {
        this(dataSource, HubMetrics.NONE);
    }

    /** @param metrics where the transfers that end are counted */
    public PayerTransferStore(DataSource dataSource, HubMetrics metrics) {
        this(dataSource, Clock.systemUTC(), metrics);
    }

    PayerTransferStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, HubMetrics.NONE);
    }

    private PayerTransferStore(DataSource dataSource, Clock clock, HubMetrics metrics) {
        this.dataSource = dataSource;
        this.journal = new StepJournal<>(dataSource, clock, "hub_transfer", "hub_transfer_step", List.of("transfer_id"), CHANGEABLE);
        this.metrics = metrics;
    }

    HubMetrics metrics() {
        return metrics;
    }

    public Instant now() {
        return journal.now();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Records a new transfer.
     *
     * @return false when the tenant already has a transfer with this client reference (nothing recorded)
     */
    public boolean insert(PayerTransfer t) throws SQLException {
        return record(t).isPresent();
    }

    /**
     * Records a new transfer and gives it as the journal holds it, read in the insert's round trip.
     *
     * @return empty when the tenant already has a transfer with this client reference (nothing recorded)
     */
    public Optional<PayerTransfer> record(PayerTransfer t) throws SQLException {
        try {
            return SqlTransaction.run(dataSource, connection -> {
                if (t.clientRef() != null && findByClientRef(connection, t.tenant(), t.clientRef()).isPresent()) {
                    return Optional.empty();
                }
                PayerTransfer recorded;
                try (PreparedStatement insert = connection.prepareStatement(SqlValues.returning(
                        connection, "INSERT INTO hub_transfer (transfer_id, tenant, direction, "
                        + "state, amount, currency, client_ref, transaction_id, scenario, note, payer_id_type, payer_id, payee_id_type, "
                        + "payee_id, payer_fsp, created_at, updated_at, transaction_request_id, initiator_type, batch_id, payer_account, "
                        + "row_version, attempts) VALUES (?, ?, 'PAYER', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)", COLUMNS))) {
                    int i = 1;
                    insert.setString(i++, t.transferId());
                    insert.setString(i++, t.tenant());
                    insert.setString(i++, t.state().name());
                    insert.setBigDecimal(i++, t.amount());
                    insert.setString(i++, t.currency());
                    insert.setString(i++, t.clientRef());
                    insert.setString(i++, t.transactionId());
                    insert.setString(i++, t.scenario());
                    insert.setString(i++, t.note());
                    insert.setString(i++, t.payer().type());
                    insert.setString(i++, t.payer().value());
                    insert.setString(i++, t.payee().type());
                    insert.setString(i++, t.payee().value());
                    insert.setString(i++, t.payerFsp());
                    insert.setTimestamp(i++, Timestamp.from(t.createdAt()));
                    insert.setTimestamp(i++, Timestamp.from(t.updatedAt()));
                    insert.setString(i++, t.transactionRequestId());
                    insert.setString(i++, t.initiatorType());
                    insert.setString(i++, t.batchId());
                    insert.setString(i, t.payerAccount());
                    try (ResultSet inserted = insert.executeQuery()) {
                        inserted.next();
                        recorded = read(inserted);
                    }
                }
                journal.appendStep(connection, "REQUEST", TransferState.RECEIVED.name(),
                        t.amount().toPlainString() + " " + t.currency() + " from " + t.payer() + " to " + t.payee(), t.transferId());
                return Optional.of(recorded);
            });
        } catch (SQLException e) {
            if (t.clientRef() != null && findByClientRef(t.tenant(), t.clientRef()).isPresent()) {
                return Optional.empty(); // another node recorded the same reference first
            }
            throw e;
        }
    }

    /**
     * Moves the transfer from {@code from} as {@code change} says and records the step.
     *
     * @return false when the transfer was no longer in {@code from}: nothing was changed
     */
    public boolean transition(String transferId, TransferState from, StateChange<TransferState> change) throws SQLException {
        return journal.transition(from, change, transferId);
    }

    /** As {@link #transition(String, TransferState, StateChange)}, and the transfer as it left it; empty when it was not moved. */
    public Optional<PayerTransfer> move(String transferId, TransferState from, StateChange<TransferState> change) throws SQLException {
        return journal.transitionReading(from, change, COLUMNS, PayerTransferStore::read, transferId);
    }

    /** As {@link #transition(String, TransferState, StateChange)}, in the caller's transaction. */
    public boolean transition(Connection connection, String transferId, TransferState from, StateChange<TransferState> change)
            throws SQLException {
        return journal.transition(connection, from, change, transferId);
    }

    /** The transfers of an FSPIOP bulk group, in any state, in the order its bulk messages list them. */
    public List<PayerTransfer> inBulkGroup(String bulkQuoteId) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transfer WHERE bulk_quote_id = ? ORDER BY transfer_id",
                BulkGroup.MAX_MEMBERS, bulkQuoteId);
    }

    /**
     * Marks a stalled transfer as just asked again (its {@code updated_at}), if it is still in
     * {@code state}: the next check leaves it alone for another while, and of two nodes only one asks.
     */
    public boolean touch(String transferId, TransferState state, Instant seenUpdatedAt) throws SQLException {
        return journal.touch(state, seenUpdatedAt, transferId);
    }

    public Optional<PayerTransfer> find(String transferId) throws SQLException {
        return queryOne("SELECT " + COLUMNS + " FROM hub_transfer WHERE transfer_id = ? AND direction = 'PAYER'", transferId);
    }

    /** The tenant's transfer with this id; another tenant's is not found. */
    public Optional<PayerTransfer> find(String tenant, String transferId) throws SQLException {
        return find(transferId).filter(t -> t.tenant().equals(tenant));
    }

    public Optional<PayerTransfer> findByClientRef(String tenant, String clientRef) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return findByClientRef(connection, tenant, clientRef);
        }
    }

    /** Transfers whose wait for the switch has ended. */
    public List<PayerTransfer> pastDeadline(Instant now, int limit) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transfer WHERE direction = 'PAYER' AND state IN ("
                + names(TransferState.WAITING) + ") AND deadline_at < ? ORDER BY deadline_at", limit, Timestamp.from(now));
    }

    /** Transfers whose due step has not run since {@code before}: its message was lost to a dead-letter queue. */
    public List<PayerTransfer> stalled(Instant before, int limit) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transfer WHERE direction = 'PAYER' AND state IN ("
                + names(TransferState.STEPS) + ") AND updated_at < ? ORDER BY updated_at", limit, Timestamp.from(before));
    }

    /** The tenant's other transfers waiting for the same party's lookup (its callback answers them all). */
    public List<PayerTransfer> waitingForParty(String tenant, PartyId payee) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transfer WHERE direction = 'PAYER' AND state = 'LOOKUP_SENT' AND tenant = ? "
                + "AND payee_id_type = ? AND payee_id = ?", 1000, tenant, payee.type(), payee.value());
    }

    public List<PayerTransfer> list(Filter filter) throws SQLException {
        SqlWhere where = new SqlWhere("direction = 'PAYER'").and("tenant = ?", filter.tenant()).and("state = ?", filter.state())
                .and("created_at >= ?", filter.from()).and("created_at < ?", filter.to());
        return queryList("SELECT " + COLUMNS + " FROM hub_transfer" + where.sql() + " ORDER BY created_at DESC", filter.limit(),
                where.values());
    }

    /**
     * One tenant's transfers since a moment: how many were created in each state they are in now,
     * how many ended (final) since then, and the oldest one not final, whatever its age.
     */
    public record TenantActivity(String tenant, Map<TransferState, Long> createdByState, long ended, PayerTransfer oldestInFlight) {
    }

    /** Every tenant's {@link TenantActivity} since {@code since}, by tenant name; tenants with nothing to show are left out. */
    public List<TenantActivity> activity(Instant since) throws SQLException {
        Timestamp from = Timestamp.from(since);
        Set<TransferState> open = EnumSet.complementOf(EnumSet.of(TransferState.COMMITTED, TransferState.ABORTED, TransferState.UNKNOWN));
        Map<String, Map<TransferState, Long>> created = new TreeMap<>();
        for (Object[] row : journal.query("SELECT tenant, state, COUNT(*) FROM hub_transfer WHERE direction = 'PAYER' AND created_at >= ? "
                + "GROUP BY tenant, state", 10_000, rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}, from)) {
            created.computeIfAbsent((String) row[0], t -> new EnumMap<>(TransferState.class))
                    .put(TransferState.valueOf((String) row[1]), (Long) row[2]);
        }
        Map<String, Long> ended = new TreeMap<>();
        for (Object[] row : journal.query("SELECT tenant, COUNT(*) FROM hub_transfer WHERE direction = 'PAYER' AND state IN ('COMMITTED', "
                + "'ABORTED', 'UNKNOWN') AND updated_at >= ? GROUP BY tenant", 10_000, rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                from)) {
            ended.put((String) row[0], (Long) row[1]);
        }
        Map<String, PayerTransfer> oldest = new TreeMap<>();
        for (PayerTransfer transfer : queryList("SELECT " + COLUMNS + " FROM hub_transfer t WHERE direction = 'PAYER' AND state IN ("
                + names(open) + ") AND created_at = (SELECT MIN(created_at) FROM hub_transfer o WHERE o.tenant = t.tenant "
                + "AND o.direction = 'PAYER' AND o.state IN (" + names(open) + "))", 10_000)) {
            oldest.putIfAbsent(transfer.tenant(), transfer);
        }
        Set<String> tenants = new TreeSet<>(created.keySet());
        tenants.addAll(ended.keySet());
        tenants.addAll(oldest.keySet());
        List<TenantActivity> activity = new ArrayList<>();
        for (String tenant : tenants) {
            activity.add(new TenantActivity(tenant, created.getOrDefault(tenant, Map.of()), ended.getOrDefault(tenant, 0L),
                    oldest.get(tenant)));
        }
        return activity;
    }

    /** Adds a line to the transfer's history on its own: what an operator did about it, and why. */
    public void note(String transferId, String step, String outcome, String detail) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection()) {
            journal.appendStep(connection, step, outcome, detail, transferId);
        }
    }

    public List<StepJournal.Step> steps(String transferId) throws SQLException {
        return journal.steps(transferId);
    }

    private Optional<PayerTransfer> findByClientRef(Connection connection, String tenant, String clientRef) throws SQLException {
        return StepJournal.query(connection, "SELECT " + COLUMNS + " FROM hub_transfer WHERE tenant = ? AND client_ref = ? "
                + "AND direction = 'PAYER'", 1, PayerTransferStore::read, tenant, clientRef).stream().findFirst();
    }

    private Optional<PayerTransfer> queryOne(String sql, Object... args) throws SQLException {
        List<PayerTransfer> found = queryList(sql, 1, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<PayerTransfer> queryList(String sql, int limit, Object... args) throws SQLException {
        return journal.query(sql, limit, PayerTransferStore::read, args);
    }

    private static PayerTransfer read(ResultSet rs) throws SQLException {
        return new PayerTransfer(rs.getString("transfer_id"), rs.getString("tenant"), TransferState.valueOf(rs.getString("state")),
                decimal(rs, "amount"), rs.getString("currency"), rs.getString("client_ref"), rs.getString("transaction_id"),
                rs.getString("quote_id"), rs.getString("scenario"), rs.getString("note"),
                party(rs.getString("payer_id_type"), rs.getString("payer_id")), rs.getString("payer_account"),
                party(rs.getString("payee_id_type"), rs.getString("payee_id")), rs.getString("payer_fsp"), rs.getString("payee_fsp"),
                rs.getString("payee_name"), rs.getString("payee_account"),
                rs.getString("routing") == null ? null : PayerTransfer.Routing.valueOf(rs.getString("routing")), decimal(rs, "transfer_amount"), decimal(rs, "payer_fee"), decimal(rs, "payee_fee"),
                rs.getString("ilp_packet"), rs.getString("ilp_condition"), rs.getString("fulfilment"), instant(rs, "expires_at"),
                instant(rs, "deadline_at"), rs.getInt("attempts"), rs.getString("failure_code"), rs.getString("failure_reason"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("transaction_request_id"),
                rs.getString("initiator_type"), rs.getString("batch_id"), rs.getString("bulk_quote_id"));
    }

    private static PartyId party(String type, String value) {
        return type == null || value == null ? null : PartyId.of(type, value);
    }

    private static String names(Set<TransferState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
