package io.paymenthub.flow.request;

import static io.paymenthub.core.schema.SqlValues.bind;
import static io.paymenthub.core.schema.SqlValues.decimal;
import static io.paymenthub.core.schema.SqlValues.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlWhere;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.step.StepJournal;

/**
 * The journal of requests to pay ({@code hub_transaction_request}, {@code hub_transaction_request_step}),
 * shared by every hub node: the request's own columns and queries, on the {@link StepJournal} every
 * journalled flow moves its records with.
 */
public class TransactionRequestStore {

    /** What the console lists by. Null members do not filter. */
    public record Filter(String tenant, RequestRole role, RequestState state, int limit) {
    }

    private static final String COLUMNS = "tenant, request_id, role, state, amount, currency, scenario, initiator_type, note, "
            + "client_ref, payer_id_type, payer_id, payer_fsp, payer_account, payee_id_type, payee_id, payee_fsp, payee_name, "
            + "transaction_id, transfer_id, amount_received, failure_code, failure_reason, expires_at, deadline_at, attempts, "
            + "fspiop_version, created_at, updated_at";
    private static final Set<String> CHANGEABLE = Set.of("payer_fsp", "payer_account", "payee_name", "transaction_id", "transfer_id",
            "amount_received", "failure_code", "failure_reason", "expires_at", "deadline_at", "attempts");

    private final DataSource dataSource;
    private final StepJournal<RequestState> journal;
    private HubMetrics metrics = HubMetrics.NONE;

    public TransactionRequestStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** @param metrics where the requests that end are counted */
    public TransactionRequestStore(DataSource dataSource, HubMetrics metrics) {
        this(dataSource, Clock.systemUTC());
        this.metrics = metrics;
    }

    TransactionRequestStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.journal = new StepJournal<>(dataSource, clock, "hub_transaction_request", "hub_transaction_request_step",
                List.of("tenant", "request_id", "role"), CHANGEABLE);
    }

    HubMetrics metrics() {
        return metrics;
    }

    public Instant now() {
        return journal.now();
    }

    /**
     * Records a new request.
     *
     * @return false when the tenant already has it on this side, or a request with its client reference: nothing recorded
     */
    public boolean insert(TransactionRequest r, String detail) throws SQLException {
        try {
            return SqlTransaction.decide(dataSource, connection -> {
                if (find(connection, r.tenant(), r.requestId(), r.role()).isPresent()
                        || r.clientRef() != null && findByClientRef(connection, r.tenant(), r.clientRef()).isPresent()) {
                    return SqlTransaction.Outcome.rollBack(false);
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_transaction_request (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Object[] values = {r.tenant(), r.requestId(), r.role(), r.state(), r.amount(), r.currency(), r.scenario(),
                            r.initiatorType(), r.note(), r.clientRef(), r.payer().type(), r.payer().value(), r.payerFsp(),
                            r.payerAccount(), r.payee().type(), r.payee().value(), r.payeeFsp(), r.payeeName(), r.transactionId(),
                            r.transferId(), r.amountReceived(), r.failureCode(), r.failureReason(), r.expiresAt(), r.deadline(),
                            r.attempts(), r.fspiopVersion(), r.createdAt(), r.updatedAt()};
                    for (int i = 0; i < values.length; i++) {
                        bind(insert, i + 1, values[i]);
                    }
                    insert.executeUpdate();
                }
                journal.appendStep(connection, "REQUEST", r.state().name(), detail, r.tenant(), r.requestId(), r.role());
                return SqlTransaction.Outcome.commit(true);
            });
        } catch (SQLException e) {
            if (find(r.tenant(), r.requestId(), r.role()).isPresent()
                    || r.clientRef() != null && findByClientRef(r.tenant(), r.clientRef()).isPresent()) {
                return false; // another node recorded it first
            }
            throw e;
        }
    }

    /**
     * Moves the request from {@code from} as {@code change} says (to the same state, to change only
     * columns) and records the step.
     *
     * @return false when the request was no longer in {@code from}: nothing was changed
     */
    public boolean transition(TransactionRequest r, RequestState from, StateChange<RequestState> change) throws SQLException {
        return journal.transition(from, change, r.tenant(), r.requestId(), r.role());
    }

    /** As {@link #transition}, and the request as it left it; empty when it was not moved. */
    public Optional<TransactionRequest> move(TransactionRequest r, RequestState from, StateChange<RequestState> change) throws SQLException {
        return journal.transitionReading(from, change, COLUMNS, TransactionRequestStore::read, r.tenant(), r.requestId(), r.role());
    }

    public Optional<TransactionRequest> find(String tenant, String requestId, RequestRole role) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, tenant, requestId, role);
        }
    }

    /** The tenant's request with this id: its own (PAYEE) if it has both sides of it. */
    public Optional<TransactionRequest> find(String tenant, String requestId) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request WHERE tenant = ? AND request_id = ? ORDER BY role",
                1, tenant, requestId).stream().findFirst();
    }

    /** Every record of this id, whichever tenant and side: for operators. */
    public List<TransactionRequest> findAll(String requestId) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request WHERE request_id = ? ORDER BY tenant, role", 10, requestId);
    }

    public Optional<TransactionRequest> findByClientRef(String tenant, String clientRef) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return findByClientRef(connection, tenant, clientRef);
        }
    }

    /** Payee side: the request a quoted transaction pays. */
    public Optional<TransactionRequest> findByTransaction(String tenant, String transactionId) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request WHERE tenant = ? AND transaction_id = ? AND role = 'PAYEE'",
                1, tenant, transactionId).stream().findFirst();
    }

    /** Payee side: the tenant's requests waiting for this payer's lookup (its callback answers them all). */
    public List<TransactionRequest> waitingForPayer(String tenant, PartyId payer) throws SQLException {
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request WHERE tenant = ? AND state = 'LOOKUP_SENT' "
                + "AND payer_id_type = ? AND payer_id = ?", 1000, tenant, payer.type(), payer.value());
    }

    /** Requests whose current state has reached its deadline. */
    public List<TransactionRequest> pastDeadline(Instant now, int limit) throws SQLException {
        String states = RequestState.WITH_DEADLINE.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request WHERE state IN (" + states + ") AND deadline_at < ? "
                + "ORDER BY deadline_at", limit, Timestamp.from(now));
    }

    public List<TransactionRequest> list(Filter filter) throws SQLException {
        SqlWhere where = new SqlWhere("1 = 1").and("tenant = ?", filter.tenant()).and("role = ?", filter.role())
                .and("state = ?", filter.state());
        return queryList("SELECT " + COLUMNS + " FROM hub_transaction_request" + where.sql() + " ORDER BY created_at DESC",
                filter.limit(), where.values());
    }

    public List<StepJournal.Step> steps(TransactionRequest r) throws SQLException {
        return journal.steps(r.tenant(), r.requestId(), r.role());
    }

    private Optional<TransactionRequest> find(Connection connection, String tenant, String requestId, RequestRole role)
            throws SQLException {
        return queryList(connection, "SELECT " + COLUMNS + " FROM hub_transaction_request WHERE tenant = ? AND request_id = ? AND role = ?",
                1, tenant, requestId, role).stream().findFirst();
    }

    private Optional<TransactionRequest> findByClientRef(Connection connection, String tenant, String clientRef) throws SQLException {
        return queryList(connection, "SELECT " + COLUMNS + " FROM hub_transaction_request WHERE tenant = ? AND client_ref = ?", 1, tenant,
                clientRef).stream().findFirst();
    }

    private List<TransactionRequest> queryList(String sql, int limit, Object... args) throws SQLException {
        return journal.query(sql, limit, TransactionRequestStore::read, args);
    }

    private static List<TransactionRequest> queryList(Connection connection, String sql, int limit, Object... args) throws SQLException {
        return StepJournal.query(connection, sql, limit, TransactionRequestStore::read, args);
    }

    private static TransactionRequest read(ResultSet rs) throws SQLException {
        return new TransactionRequest(rs.getString("tenant"), rs.getString("request_id"), RequestRole.valueOf(rs.getString("role")),
                RequestState.valueOf(rs.getString("state")), decimal(rs, "amount"), rs.getString("currency"), rs.getString("scenario"),
                rs.getString("initiator_type"), rs.getString("note"), rs.getString("client_ref"),
                PartyId.of(rs.getString("payer_id_type"), rs.getString("payer_id")), rs.getString("payer_fsp"),
                rs.getString("payer_account"), PartyId.of(rs.getString("payee_id_type"), rs.getString("payee_id")),
                rs.getString("payee_fsp"), rs.getString("payee_name"), rs.getString("transaction_id"), rs.getString("transfer_id"),
                decimal(rs, "amount_received"), rs.getString("failure_code"), rs.getString("failure_reason"), instant(rs, "expires_at"),
                instant(rs, "deadline_at"), rs.getInt("attempts"), rs.getString("fspiop_version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

}
