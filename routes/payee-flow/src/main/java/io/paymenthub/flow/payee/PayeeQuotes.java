package io.paymenthub.flow.payee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * The quotes this hub's payee tenants issued, and the transaction each credited transfer used.
 * A {@code POST /transfers} whose ILP packet this hub could have made still moves no money unless
 * it {@linkplain #bind binds} to a recorded quote: issued by the tenant, not expired, for the same
 * amount, condition and payer FSP, and its transaction not yet used by another transfer. Without
 * this, a packet of a completed transfer sent again under a fresh transferId would credit the
 * payee again.
 */
public class PayeeQuotes {

    /**
     * A quote as the payee answered it.
     *
     * @param transactionRequestId the payee's request to pay the quote answers, or null
     * @param payeeAccount the payee's account the quote was issued for (null if recorded without it): its transfer credits it
     */
    public record IssuedQuote(String quoteId, String transactionId, String payerFsp, Money transferAmount, String condition,
                              Instant expiresAt, String transactionRequestId, String payeeAccount) {
    }

    /**
     * A transfer bound to a transaction, as recorded: the account it credits, when it claimed the
     * quote, and whether its credit and the switch's abort were recorded.
     */
    public record BoundTransfer(String transferId, String transactionId, String accountId, Instant claimedAt, boolean credited,
                                boolean switchAborted) {
    }

    /**
     * What {@link #bind} found: the error to answer with when the transfer may not be credited, or
     * the quote it is bound to.
     *
     * @param earlier the record of this same transfer's earlier binding (the message delivered again), or null
     */
    public record Binding(ErrorInformation refusal, IssuedQuote quote, BoundTransfer earlier) {

        static Binding refused(ErrorInformation refusal) {
            return new Binding(refusal, null, null);
        }

        public boolean isRefused() {
            return refusal != null;
        }

        /** Whether the transfer pays a request to pay, which the request flow must then learn of. */
        public boolean paysRequest() {
            return quote != null && quote.transactionRequestId() != null;
        }
    }

    /** What a transfer claims: its id and the terms it carries. */
    public record TransferTerms(String transferId, String quoteId, String transactionId, String payerFsp, Money amount,
                                String condition) {
    }

    /** A quote's record, unless a transfer used the quote (tenant, quote id, tenant, quote id). */
    static final String DELETE_UNUSED_QUOTE = "DELETE FROM hub_payee_quote WHERE tenant = ? AND quote_id = ? "
            + "AND NOT EXISTS (SELECT 1 FROM hub_payee_transaction t WHERE t.tenant = ? AND t.quote_id = ?)";

    private final DataSource dataSource;
    private final HubMetrics metrics;

    public PayeeQuotes(DataSource dataSource) {
        this(dataSource, HubMetrics.NONE);
    }

    /** @param metrics where the transfers credited or refused are counted, timed from their claim of the quote */
    public PayeeQuotes(DataSource dataSource, HubMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /**
     * Records a quote as answered, and with it, when given, the callback that answers the switch's
     * request, in one commit: a redelivery finds both or neither. The same quote answered again (its
     * request redelivered before the answer went out) replaces the record, unless a transfer already
     * used its transaction: then the first record stands, and the answer is recorded all the same.
     */
    public void record(String tenant, IssuedQuote quote, Instant now, Optional<FspiopRequestJournal.Answer> answer)
            throws SQLException {
        try {
            SqlTransaction.run(dataSource, connection -> {
                try (PreparedStatement delete = connection.prepareStatement(DELETE_UNUSED_QUOTE)) {
                    delete.setString(1, tenant);
                    delete.setString(2, quote.quoteId());
                    delete.setString(3, tenant);
                    delete.setString(4, quote.quoteId());
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_payee_quote (tenant, quote_id, "
                        + "transaction_id, payer_fsp, transfer_amount, currency, ilp_condition, expires_at, quoted_at, "
                        + "transaction_request_id, payee_account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, tenant);
                    insert.setString(2, quote.quoteId());
                    insert.setString(3, quote.transactionId());
                    insert.setString(4, quote.payerFsp());
                    insert.setBigDecimal(5, quote.transferAmount().amount());
                    insert.setString(6, quote.transferAmount().currency());
                    insert.setString(7, quote.condition());
                    SqlValues.bind(insert, 8, quote.expiresAt());
                    SqlValues.bind(insert, 9, now);
                    insert.setString(10, quote.transactionRequestId());
                    insert.setString(11, quote.payeeAccount());
                    insert.executeUpdate();
                }
                recordAnswer(connection, answer, now);
                return Optional.of(true);
            });
        } catch (SQLException e) {
            if (!SqlValues.isConstraintViolation(e)) {
                throw e;
            }
            // Already used by a transfer: the first quote stands.
            if (answer.isPresent()) {
                SqlTransaction.run(dataSource, connection -> {
                    recordAnswer(connection, answer, now);
                    return Optional.of(true);
                });
            }
        }
    }

    private static void recordAnswer(Connection connection, Optional<FspiopRequestJournal.Answer> answer, Instant at)
            throws SQLException {
        if (answer.isPresent()) {
            answer.get().recordIn(connection, at);
        }
    }

    public Optional<IssuedQuote> find(String tenant, String quoteId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT transaction_id, payer_fsp, transfer_amount, currency, ilp_condition, expires_at, transaction_request_id, "
                        + "payee_account FROM hub_payee_quote "
                        + "WHERE tenant = ? AND quote_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, quoteId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IssuedQuote(quoteId, rs.getString("transaction_id"), rs.getString("payer_fsp"),
                        new Money(SqlValues.decimal(rs, "transfer_amount"), rs.getString("currency").trim()),
                        rs.getString("ilp_condition"), SqlValues.instant(rs, "expires_at"), rs.getString("transaction_request_id"),
                        rs.getString("payee_account")));
            }
        }
    }

    /**
     * Binds a transfer to the quote it names, once, with the account it is to credit: refused with
     * the error to answer with when it may not be credited, bound when it may (also when this same
     * transfer was bound before: a redelivery, which the binding's {@code earlier} record tells).
     *
     * @param issued the quote the transfer names, as {@link #find} read it; empty when none was issued
     */
    public Binding bind(String tenant, TransferTerms transfer, Optional<IssuedQuote> issued, String accountId, Instant now)
            throws SQLException {
        if (issued.isEmpty()) {
            return Binding.refused(ErrorInformation.of(FspiopErrorCode.QUOTE_ID_NOT_FOUND,
                    "quote " + transfer.quoteId() + " was not issued by this FSP"));
        }
        IssuedQuote quote = issued.get();
        List<String> mismatches = new ArrayList<>();
        if (!quote.transactionId().equals(transfer.transactionId())) {
            mismatches.add("transactionId");
        }
        if (!quote.payerFsp().equals(transfer.payerFsp())) {
            mismatches.add("payerFsp");
        }
        if (!quote.transferAmount().currency().equals(transfer.amount().currency())
                || quote.transferAmount().amount().compareTo(transfer.amount().amount()) != 0) {
            mismatches.add("amount");
        }
        if (!quote.condition().equals(transfer.condition())) {
            mismatches.add("condition");
        }
        if (!mismatches.isEmpty()) {
            return Binding.refused(ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR,
                    String.join(", ", mismatches) + " differ from quote " + quote.quoteId()));
        }
        if (!quote.expiresAt().isAfter(now)) {
            // Too late for a new transfer; the one bound before (delivered again) goes on.
            Optional<BoundTransfer> usedBy = boundTo(tenant, quote.transactionId());
            if (usedBy.isPresent()) {
                return sameTransfer(quote, usedBy.get(), transfer);
            }
            return Binding.refused(ErrorInformation.of(FspiopErrorCode.QUOTE_EXPIRED, "quote " + quote.quoteId() + " expired at "
                    + quote.expiresAt()));
        }
        // One round trip in the usual case: the key of hub_payee_transaction refuses a second transfer of the transaction.
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_payee_transaction (tenant, transaction_id, transfer_id, quote_id, claimed_at, account_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, quote.transactionId());
            insert.setString(3, transfer.transferId());
            insert.setString(4, quote.quoteId());
            SqlValues.bind(insert, 5, now);
            insert.setString(6, accountId);
            insert.executeUpdate();
            return new Binding(null, quote, null);
        } catch (SQLException e) {
            if (!SqlValues.isConstraintViolation(e)) {
                throw e;
            }
            // Bound before: by this same transfer (delivered again), or by another one.
            return sameTransfer(quote, boundTo(tenant, quote.transactionId()).orElseThrow(() -> e), transfer);
        }
    }

    private static Binding sameTransfer(IssuedQuote quote, BoundTransfer bound, TransferTerms transfer) {
        return bound.transferId().equals(transfer.transferId()) ? new Binding(null, quote, bound) : usedTwice(quote, bound.transferId());
    }

    /**
     * Records what the transfer bound to a transaction credited, where and when: what end-of-day
     * reconciliation compares with the deposit core banking booked; and with it, when given, the
     * callback that answers the switch's request, in one commit.
     */
    public void recordCredit(String tenant, TransferBooking credit, Instant at, Optional<FspiopRequestJournal.Answer> answer)
            throws SQLException {
        // The first record stands: a message delivered again after a crash changes nothing and counts nothing.
        Optional<Instant> firstClaimed = SqlTransaction.run(dataSource, connection -> {
            Optional<Instant> claimed = Optional.empty();
            // The claim's time comes back with the update: the duration the metrics count needs no second read.
            try (PreparedStatement update = connection.prepareStatement(SqlValues.returning(connection,
                    "UPDATE hub_payee_transaction SET account_id = ?, amount = ?, currency = ?, credited_at = ? "
                            + "WHERE tenant = ? AND transfer_id = ? AND credited_at IS NULL", "claimed_at"))) {
                update.setString(1, credit.accountId());
                update.setBigDecimal(2, credit.amount().amount());
                update.setString(3, credit.amount().currency());
                SqlValues.bind(update, 4, at);
                update.setString(5, tenant);
                update.setString(6, credit.transferCode());
                try (ResultSet updated = update.executeQuery()) {
                    if (updated.next()) {
                        claimed = Optional.of(SqlValues.instant(updated, "claimed_at"));
                    }
                }
            }
            recordAnswer(connection, answer, at);
            return Optional.of(claimed);
        }).orElseThrow();
        firstClaimed.ifPresent(claimed -> metrics.ended(HubMetrics.PAYEE_TRANSFER, tenant, "COMMITTED", Duration.between(claimed, at)));
    }

    private static Optional<Instant> claimedAt(Connection connection, String tenant, String transferId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT claimed_at FROM hub_payee_transaction WHERE tenant = ? AND transfer_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, transferId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(SqlValues.instant(rs, "claimed_at")) : Optional.empty();
            }
        }
    }

    /**
     * Records that the switch aborted a transfer bound here: it will not settle it. Recorded also
     * before the credit is (a delivery of the transfer still under way), so that a credit core
     * banking booked is listed by reconciliation however late it is recorded, and a delivery that
     * finds the abort books nothing new. Returns false when no such transfer of the tenant is bound, or
     * the abort was recorded before.
     */
    public boolean recordSwitchAbort(String tenant, String transferId, Instant at, String error) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_payee_transaction SET switch_aborted_at = ?, switch_error = ? WHERE tenant = ? AND transfer_id = ? "
                        + "AND switch_aborted_at IS NULL")) {
            SqlValues.bind(update, 1, at);
            update.setString(2, error.length() > 300 ? error.substring(0, 300) : error);
            update.setString(3, tenant);
            update.setString(4, transferId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Frees the transaction of a transfer that credited nothing (refused by core banking, or aborted
     * by the switch), so that the payer may send another transfer for it.
     */
    public void unbind(String tenant, String transferId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Instant> claimed = metrics == HubMetrics.NONE ? Optional.empty() : claimedAt(connection, tenant, transferId);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hub_payee_transaction WHERE tenant = ? AND transfer_id = ?")) {
                delete.setString(1, tenant);
                delete.setString(2, transferId);
                if (delete.executeUpdate() == 1 && claimed.isPresent()) {
                    metrics.ended(HubMetrics.PAYEE_TRANSFER, tenant, "ABORTED", Duration.between(claimed.get(), Instant.now()));
                }
            }
        }
    }

    /** The transfer bound to a transaction, if any. */
    public Optional<String> claimant(String tenant, String transactionId) throws SQLException {
        return boundTo(tenant, transactionId).map(BoundTransfer::transferId);
    }

    /** The record of the transfer bound to a transaction, if any. */
    public Optional<BoundTransfer> boundTo(String tenant, String transactionId) throws SQLException {
        return bound("transaction_id", tenant, transactionId);
    }

    /** The record of a transfer's binding, if it is bound. */
    public Optional<BoundTransfer> boundTransfer(String tenant, String transferId) throws SQLException {
        return bound("transfer_id", tenant, transferId);
    }

    private Optional<BoundTransfer> bound(String column, String tenant, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT transfer_id, transaction_id, account_id, claimed_at, credited_at, switch_aborted_at "
                        + "FROM hub_payee_transaction WHERE tenant = ? AND " + column + " = ?")) {
            select.setString(1, tenant);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new BoundTransfer(rs.getString("transfer_id"), rs.getString("transaction_id"),
                        rs.getString("account_id"), SqlValues.instant(rs, "claimed_at"), rs.getTimestamp("credited_at") != null,
                        rs.getTimestamp("switch_aborted_at") != null)) : Optional.empty();
            }
        }
    }

    private static Binding usedTwice(IssuedQuote quote, String usedBy) {
        return Binding.refused(ErrorInformation.of(FspiopErrorCode.MODIFIED_REQUEST, "transaction " + quote.transactionId()
                + " of quote " + quote.quoteId() + " was already transferred by " + usedBy));
    }
}
