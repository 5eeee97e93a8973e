package io.paymenthub.reconciliation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.paymenthub.core.account.Booking;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;

/**
 * Reconciliation runs in the hub's database: the claim that lets one node at a time run a
 * tenant's day, core banking's bookings staged for the run, the comparison with the journal as
 * joins (so memory does not grow with the day's volume), the breaks and the totals.
 *
 * <p>The journal it reads: {@code hub_transfer} (the tenant's payments, on-us credits to it, bulk
 * rows, requests to pay it paid) and {@code hub_payee_transaction} (what the switch's transfers
 * credited to the tenant's customers).
 */
public class ReconciliationStore {

    /** Bookings and breaks written per statement batch. */
    static final int BATCH = 500;
    private static final String FINAL_STATES = "('COMMITTED', 'ABORTED', 'UNKNOWN')";

    private final DataSource dataSource;

    public ReconciliationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Claims the tenant's day for a new run: true unless another run of it is under way (and not
     * older than {@code staleBefore}, when its node is taken to have died).
     */
    public boolean claim(ReconciliationRun run, Instant staleBefore) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_reconciliation_day "
                    + "(tenant, business_day, run_id, state, claimed_at) VALUES (?, ?, ?, 'RUNNING', ?)")) {
                insert.setString(1, run.tenant());
                insert.setObject(2, run.businessDay());
                insert.setString(3, run.runId());
                SqlValues.bind(insert, 4, run.startedAt());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!SqlValues.isConstraintViolation(e)) {
                    throw e;
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE hub_reconciliation_day SET run_id = ?, "
                        + "state = 'RUNNING', claimed_at = ? WHERE tenant = ? AND business_day = ? "
                        + "AND (state <> 'RUNNING' OR claimed_at < ?)")) {
                    update.setString(1, run.runId());
                    SqlValues.bind(update, 2, run.startedAt());
                    update.setString(3, run.tenant());
                    update.setObject(4, run.businessDay());
                    SqlValues.bind(update, 5, staleBefore);
                    if (update.executeUpdate() == 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_reconciliation_run (run_id, tenant, "
                    + "business_day, state, window_start, window_end, requested_by, started_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)")) {
                insert.setString(1, run.runId());
                insert.setString(2, run.tenant());
                insert.setObject(3, run.businessDay());
                SqlValues.bind(insert, 4, run.windowStart());
                SqlValues.bind(insert, 5, run.windowEnd());
                insert.setString(6, run.requestedBy());
                SqlValues.bind(insert, 7, run.startedAt());
                insert.executeUpdate();
            }
            return true;
        }
    }

    /**
     * The accounts whose bookings the day is compared with: payers of the tenant's transfers that
     * ended in the window or were still open at its end, payees of on-us transfers to the tenant,
     * customers the switch's transfers credited, and those they are bound to credit whose credit is
     * not recorded.
     */
    public Set<String> accountsOf(String tenant, String fspId, Instant start, Instant end) throws SQLException {
        Set<String> accounts = new LinkedHashSet<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT payer_account FROM hub_transfer WHERE tenant = ? AND payer_account IS NOT NULL "
                        + "AND ((updated_at >= ? AND updated_at < ?) OR (state NOT IN " + FINAL_STATES + " AND created_at < ?)) "
                        + "UNION SELECT payee_account FROM hub_transfer WHERE routing = 'ON_US' AND payee_fsp = ? "
                        + "AND payee_account IS NOT NULL AND updated_at >= ? AND updated_at < ? "
                        + "UNION SELECT account_id FROM hub_payee_transaction WHERE tenant = ? AND account_id IS NOT NULL "
                        + "AND credited_at >= ? AND credited_at < ? "
                        + "UNION SELECT account_id FROM hub_payee_transaction WHERE tenant = ? AND account_id IS NOT NULL "
                        + "AND credited_at IS NULL AND claimed_at < ?")) {
            select.setString(1, tenant);
            SqlValues.bind(select, 2, start);
            SqlValues.bind(select, 3, end);
            SqlValues.bind(select, 4, end);
            select.setString(5, fspId);
            SqlValues.bind(select, 6, start);
            SqlValues.bind(select, 7, end);
            select.setString(8, tenant);
            SqlValues.bind(select, 9, start);
            SqlValues.bind(select, 10, end);
            select.setString(11, tenant);
            SqlValues.bind(select, 12, end);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    accounts.add(rs.getString(1));
                }
            }
        }
        return accounts;
    }

    /** Writes core banking's bookings of one account for the run, a batch at a time. */
    public BookingSink stage(String runId, String accountId) {
        return new BookingSink(runId, accountId);
    }

    /**
     * Receives an account's bookings oldest first. A withdrawal-fee booking carries no receipt
     * number: it is the one booked just before its withdrawal, and is staged as that withdrawal's fee.
     * Bookings without a receipt number are not the hub's and are not staged.
     */
    public final class BookingSink implements Consumer<Booking>, AutoCloseable {
        private final String runId;
        private final String accountId;
        private final List<Object[]> pending = new ArrayList<>();
        private Booking fee;
        private long staged;

        private BookingSink(String runId, String accountId) {
            this.runId = runId;
            this.accountId = accountId;
        }

        @Override
        public void accept(Booking booking) {
            if (booking.reversed()) {
                return; // undone in core banking: as if never booked
            }
            if (booking.kind() == Booking.Kind.WITHDRAWAL_FEE) {
                fee = booking;
                return;
            }
            BigDecimal itsFee = fee != null && booking.kind() == Booking.Kind.WITHDRAWAL && fee.id() == booking.id() - 1
                    ? fee.amount() : null;
            fee = null;
            if (booking.receiptNumber() == null || booking.receiptNumber().isBlank() || booking.date() == null
                    || booking.amount() == null || booking.kind() == Booking.Kind.OTHER || booking.kind() == Booking.Kind.HOLD_RELEASE) {
                return;
            }
            pending.add(new Object[] {booking.id(), booking.kind().name(), booking.amount(), booking.currency(), booking.date(),
                    booking.receiptNumber(), itsFee, booking.released()});
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        public long staged() {
            return staged;
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO hub_reconciliation_booking (run_id, account_id, booking_id, kind, amount, currency, booked_on, "
                            + "receipt_number, fee, released) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : pending) {
                    insert.setString(1, runId);
                    insert.setString(2, accountId);
                    insert.setLong(3, (Long) row[0]);
                    insert.setString(4, (String) row[1]);
                    insert.setBigDecimal(5, (BigDecimal) row[2]);
                    insert.setString(6, (String) row[3]);
                    insert.setObject(7, row[4]);
                    insert.setString(8, (String) row[5]);
                    SqlValues.bind(insert, 9, row[6]);
                    insert.setBoolean(10, (Boolean) row[7]);
                    insert.addBatch();
                }
                insert.executeBatch();
                staged += pending.size();
                pending.clear();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not stage the bookings of account " + accountId + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** The comparison of the day, each break handed to {@code found}. */
    public void compare(String runId, String tenant, String fspId, LocalDate businessDay, Instant start, Instant end,
                        Consumer<ReconciliationBreak> found) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // The payer's debit of each transfer of the tenant that committed in the day, with its fee.
            expectBookings(prepare(connection, "SELECT t.transfer_id, t.payer_account AS account, t.transfer_amount AS amount, "
                    + "COALESCE(t.payer_fee, 0) AS fee, t.currency, b.amount AS booked, COALESCE(b.fee, 0) AS booked_fee "
                    + "FROM hub_transfer t LEFT JOIN hub_reconciliation_booking b ON b.run_id = ? AND b.receipt_number = t.transfer_id "
                    + "AND b.account_id = t.payer_account AND b.kind = 'WITHDRAWAL' WHERE t.tenant = ? AND t.state = 'COMMITTED' "
                    + "AND t.updated_at >= ? AND t.updated_at < ? ORDER BY t.transfer_id", runId, tenant, start, end),
                    "The switch committed the transfer", "debited", found);
            // The payee's credit of each on-us transfer to the tenant.
            expectBookings(prepare(connection, "SELECT t.transfer_id, t.payee_account AS account, t.amount, 0 AS fee, t.currency, "
                    + "b.amount AS booked, 0 AS booked_fee FROM hub_transfer t LEFT JOIN hub_reconciliation_booking b ON b.run_id = ? "
                    + "AND b.receipt_number = t.transfer_id AND b.account_id = t.payee_account AND b.kind = 'DEPOSIT' "
                    + "WHERE t.routing = 'ON_US' AND t.payee_fsp = ? AND t.state = 'COMMITTED' AND t.updated_at >= ? AND t.updated_at < ? "
                    + "ORDER BY t.transfer_id", runId, fspId, start, end), "The on-us transfer committed", "credited", found);
            // The payee's credit of each transfer of the switch the hub credited.
            expectBookings(prepare(connection, "SELECT p.transfer_id, p.account_id AS account, p.amount, 0 AS fee, p.currency, "
                    + "b.amount AS booked, 0 AS booked_fee FROM hub_payee_transaction p LEFT JOIN hub_reconciliation_booking b "
                    + "ON b.run_id = ? AND b.receipt_number = p.transfer_id AND b.account_id = p.account_id AND b.kind = 'DEPOSIT' "
                    + "WHERE p.tenant = ? AND p.credited_at >= ? AND p.credited_at < ? AND p.switch_aborted_at IS NULL "
                    + "ORDER BY p.transfer_id", runId, tenant, start, end),
                    "The hub credited the switch's transfer", "credited", found);
            switchAbortedCredits(connection, runId, tenant, start, end, found);
            unrecordedCredits(connection, runId, tenant, found);
            debitsOfFailedTransfers(connection, runId, tenant, start, end, found);
            duplicates(connection, runId, found);
            staleHolds(connection, runId, tenant, found);
            openTransfers(connection, runId, tenant, end, found);
            unknownToHub(connection, runId, tenant, businessDay, found);
        }
    }

    /** A statement with its parameters bound, reading a batch of rows at a time. */
    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            SqlValues.bind(statement, i + 1, parameters[i]);
        }
        statement.setFetchSize(BATCH);
        return statement;
    }

    /** What is read of one transfer's first row. */
    private interface TransferRow {
        void read(String transferId, ResultSet rs) throws SQLException;
    }

    /**
     * Runs the query, ordered by transfer_id, and reads the first row of each transfer: a transfer
     * booked twice joins twice, and is a break of its own ({@code duplicates}).
     */
    private static void eachTransferOnce(PreparedStatement select, TransferRow row) throws SQLException {
        try (select; ResultSet rs = select.executeQuery()) {
            String previous = null;
            while (rs.next()) {
                String transferId = rs.getString("transfer_id");
                if (!transferId.equals(previous)) {
                    row.read(transferId, rs);
                }
                previous = transferId;
            }
        }
    }

    /**
     * Compares each booking the journal expects (rows of transfer_id, account, amount, fee, currency)
     * with the one core banking made (booked, booked_fee; null when none), in transfer order.
     */
    private static void expectBookings(PreparedStatement select, String what, String verb, Consumer<ReconciliationBreak> found)
            throws SQLException {
        eachTransferOnce(select, (transferId, rs) -> {
            String account = rs.getString("account");
            BigDecimal amount = SqlValues.decimal(rs, "amount");
            BigDecimal fee = SqlValues.decimal(rs, "fee");
            String currency = rs.getString("currency");
            BigDecimal booked = SqlValues.decimal(rs, "booked");
            BigDecimal bookedFee = SqlValues.decimal(rs, "booked_fee");
            if (booked == null) {
                found.accept(new ReconciliationBreak(BreakClass.NOT_BOOKED, transferId, account, amount, null, currency,
                        what + "; " + account + " was not " + verb));
            } else if (booked.compareTo(amount) != 0) {
                found.accept(new ReconciliationBreak(BreakClass.AMOUNT_MISMATCH, transferId, account, amount, booked, currency,
                        account + " was " + verb + " " + plain(booked) + " for a transfer of " + plain(amount)));
            } else if (bookedFee.compareTo(fee) != 0) {
                found.accept(new ReconciliationBreak(BreakClass.FEE_MISMATCH, transferId, account, fee, bookedFee, currency,
                        account + " was charged a fee of " + plain(bookedFee) + " where the payer accepted " + plain(fee)));
            }
        });
    }

    private static void debitsOfFailedTransfers(Connection connection, String runId, String tenant, Instant start, Instant end,
                                                Consumer<ReconciliationBreak> found) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT t.transfer_id, t.failure_code, b.account_id, b.amount, b.currency "
                + "FROM hub_transfer t JOIN hub_reconciliation_booking b ON b.run_id = ? AND b.receipt_number = t.transfer_id "
                + "AND b.kind = 'WITHDRAWAL' WHERE t.tenant = ? AND t.state = 'ABORTED' AND t.updated_at >= ? AND t.updated_at < ? "
                + "ORDER BY t.transfer_id", runId, tenant, start, end); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                found.accept(new ReconciliationBreak(BreakClass.BOOKED_BUT_FAILED, rs.getString("transfer_id"), rs.getString("account_id"),
                        BigDecimal.ZERO, SqlValues.decimal(rs, "amount"), rs.getString("currency"), "The transfer failed ("
                                + rs.getString("failure_code") + ") but " + rs.getString("account_id") + " was debited"));
            }
        }
    }

    private static void duplicates(Connection connection, String runId, Consumer<ReconciliationBreak> found) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT receipt_number, account_id, kind, COUNT(*) AS bookings, "
                + "MIN(amount) AS amount, MIN(currency) AS currency FROM hub_reconciliation_booking WHERE run_id = ? "
                + "AND kind IN ('WITHDRAWAL', 'DEPOSIT') GROUP BY receipt_number, account_id, kind HAVING COUNT(*) > 1 "
                + "ORDER BY receipt_number", runId); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                found.accept(new ReconciliationBreak(BreakClass.DUPLICATE_BOOKING, rs.getString("receipt_number"),
                        rs.getString("account_id"), SqlValues.decimal(rs, "amount"), SqlValues.decimal(rs, "amount"),
                        rs.getString("currency"), rs.getString("account_id") + " has " + rs.getInt("bookings") + " "
                                + rs.getString("kind").toLowerCase(java.util.Locale.ROOT) + "s of the transfer"));
            }
        }
    }

    private static void staleHolds(Connection connection, String runId, String tenant, Consumer<ReconciliationBreak> found)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT b.receipt_number, b.account_id, b.amount, b.currency, t.state "
                + "FROM hub_reconciliation_booking b JOIN hub_transfer t ON t.transfer_id = b.receipt_number AND t.tenant = ? "
                + "WHERE b.run_id = ? AND b.kind = 'HOLD' AND b.released = FALSE AND t.state IN ('COMMITTED', 'ABORTED') "
                + "ORDER BY b.receipt_number", tenant, runId); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                found.accept(new ReconciliationBreak(BreakClass.STALE_HOLD, rs.getString("receipt_number"), rs.getString("account_id"),
                        BigDecimal.ZERO, SqlValues.decimal(rs, "amount"), rs.getString("currency"), plain(SqlValues.decimal(rs, "amount"))
                                + " still on hold on " + rs.getString("account_id") + " for a transfer " + rs.getString("state")));
            }
        }
    }

    private static void openTransfers(Connection connection, String runId, String tenant, Instant end,
                                      Consumer<ReconciliationBreak> found) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT t.transfer_id, t.state, t.payer_account, t.amount, "
                + "t.transfer_amount, t.payer_fee, t.currency, t.created_at, h.amount AS held FROM hub_transfer t "
                + "LEFT JOIN hub_reconciliation_booking h ON h.run_id = ? AND h.receipt_number = t.transfer_id "
                + "AND h.account_id = t.payer_account AND h.kind = 'HOLD' AND h.released = FALSE "
                + "WHERE t.tenant = ? AND t.state NOT IN ('COMMITTED', 'ABORTED') AND t.created_at < ? ORDER BY t.transfer_id",
                runId, tenant, end)) {
            eachTransferOnce(select, (transferId, rs) -> {
                String state = rs.getString("state");
                BigDecimal held = SqlValues.decimal(rs, "held");
                BigDecimal amount = SqlValues.decimal(rs, "transfer_amount") != null ? SqlValues.decimal(rs, "transfer_amount")
                        .add(orZero(SqlValues.decimal(rs, "payer_fee"))) : SqlValues.decimal(rs, "amount");
                String holdText = held == null ? "nothing on hold" : plain(held) + " on hold";
                found.accept("UNKNOWN".equals(state)
                        ? new ReconciliationBreak(BreakClass.UNKNOWN_OUTCOME, transferId, rs.getString("payer_account"), amount, held,
                                rs.getString("currency"), "The switch never told the outcome; " + holdText)
                        : new ReconciliationBreak(BreakClass.NOT_FINAL, transferId, rs.getString("payer_account"), amount, held,
                                rs.getString("currency"), state + " at the cut-off (created " + SqlValues.instant(rs, "created_at")
                                        + "); " + holdText));
            });
        }
    }

    /**
     * Credits of the day whose transfer the switch aborted afterwards, while core banking's deposit
     * still stands: money the switch will not settle. Once the deposit is reversed, nothing is listed.
     */
    private static void switchAbortedCredits(Connection connection, String runId, String tenant, Instant start, Instant end,
                                             Consumer<ReconciliationBreak> found) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT p.transfer_id, p.account_id, p.amount, p.currency, "
                + "p.switch_aborted_at, p.switch_error, b.amount AS booked FROM hub_payee_transaction p "
                + "JOIN hub_reconciliation_booking b ON b.run_id = ? AND b.receipt_number = p.transfer_id AND b.account_id = p.account_id "
                + "AND b.kind = 'DEPOSIT' WHERE p.tenant = ? AND p.credited_at >= ? AND p.credited_at < ? "
                + "AND p.switch_aborted_at IS NOT NULL ORDER BY p.transfer_id", runId, tenant, start, end)) {
            eachTransferOnce(select, (transferId, rs) ->
                    found.accept(new ReconciliationBreak(BreakClass.SWITCH_ABORTED_CREDIT, transferId, rs.getString("account_id"),
                            SqlValues.decimal(rs, "amount"), SqlValues.decimal(rs, "booked"), rs.getString("currency"),
                            "Credited, then the switch said the transfer failed (" + rs.getString("switch_error") + ", "
                                    + SqlValues.instant(rs, "switch_aborted_at") + "): the switch will not settle it")));
        }
    }

    /**
     * Deposits core banking booked for a transfer of the switch the hub bound but whose credit it has
     * not recorded: a delivery that failed after the deposit, waiting for a redelivery or dead-lettered.
     */
    private static void unrecordedCredits(Connection connection, String runId, String tenant, Consumer<ReconciliationBreak> found)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT p.transfer_id, p.account_id, p.claimed_at, b.amount, b.currency "
                + "FROM hub_payee_transaction p JOIN hub_reconciliation_booking b ON b.run_id = ? AND b.receipt_number = p.transfer_id "
                + "AND b.account_id = p.account_id AND b.kind = 'DEPOSIT' WHERE p.tenant = ? AND p.credited_at IS NULL "
                + "ORDER BY p.transfer_id", runId, tenant)) {
            eachTransferOnce(select, (transferId, rs) ->
                    found.accept(new ReconciliationBreak(BreakClass.CREDIT_NOT_RECORDED, transferId, rs.getString("account_id"),
                            null, SqlValues.decimal(rs, "amount"), rs.getString("currency"), "Deposited in core banking; the "
                            + "transfer, bound " + SqlValues.instant(rs, "claimed_at") + ", has no credit recorded in the hub")));
        }
    }

    /**
     * Bookings dated on the business day whose receipt number is an FSPIOP id (a UUID, as every
     * transfer id the hub books with) that no transfer of the hub, nor any settlement window it booked, carries.
     */
    private static void unknownToHub(Connection connection, String runId, String tenant, LocalDate businessDay,
                                     Consumer<ReconciliationBreak> found) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT b.receipt_number, b.account_id, b.kind, b.amount, "
                + "b.currency FROM hub_reconciliation_booking b WHERE b.run_id = ? AND b.booked_on = ? "
                + "AND NOT EXISTS (SELECT 1 FROM hub_transfer t WHERE t.transfer_id = b.receipt_number) "
                + "AND NOT EXISTS (SELECT 1 FROM hub_payee_transaction p WHERE p.transfer_id = b.receipt_number AND p.tenant = ?) "
                + "AND NOT EXISTS (SELECT 1 FROM hub_settlement_window s WHERE s.transfer_code = b.receipt_number AND s.tenant = ?) "
                + "ORDER BY b.account_id, b.booking_id", runId, businessDay, tenant, tenant)) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String receipt = rs.getString("receipt_number");
                    if (!FSPIOP_ID.matcher(receipt).matches()) {
                        continue; // a branch's or another channel's receipt: not the hub's to reconcile
                    }
                    found.accept(new ReconciliationBreak(BreakClass.UNKNOWN_TO_HUB, receipt, rs.getString("account_id"), null,
                            SqlValues.decimal(rs, "amount"), rs.getString("currency"), "A "
                                    + rs.getString("kind").toLowerCase(java.util.Locale.ROOT) + " on " + rs.getString("account_id")
                                    + " that no transfer of the hub carries"));
                }
            }
        }
    }

    private static final java.util.regex.Pattern FSPIOP_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The day's totals, read from the journal. */
    public ReconciliationSummary summarise(String tenant, String fspId, Instant start, Instant end, Map<String, Long> breaks)
            throws SQLException {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal[]> sums = new HashMap<>();
        Map<String, Long> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            // [0] out via the switch, [1] on-us out, [2] in via the switch, [3] on-us in; sums also [4] out fees
            try (PreparedStatement select = prepare(connection, "SELECT currency, CASE WHEN routing = 'ON_US' THEN 1 ELSE 0 END "
                    + "AS on_us, COUNT(*) AS n, SUM(COALESCE(transfer_amount, amount)) AS moved, SUM(amount) AS amount, "
                    + "SUM(COALESCE(payer_fee, 0)) AS fees FROM hub_transfer WHERE tenant = ? AND state = 'COMMITTED' "
                    + "AND updated_at >= ? AND updated_at < ? GROUP BY currency, CASE WHEN routing = 'ON_US' THEN 1 ELSE 0 END",
                        tenant, start, end)) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String currency = rs.getString("currency");
                        boolean onUs = rs.getInt("on_us") == 1;
                        add(counts, sums, currency, onUs ? 1 : 0, rs.getLong("n"), onUs ? rs.getBigDecimal("amount") : rs.getBigDecimal("moved"));
                        sums.get(currency)[4] = sums.get(currency)[4].add(orZero(rs.getBigDecimal("fees")));
                    }
                }
            }
            try (PreparedStatement select = prepare(connection, "SELECT currency, COUNT(*) AS n, SUM(amount) AS amount "
                    + "FROM hub_payee_transaction WHERE tenant = ? AND credited_at >= ? AND credited_at < ? "
                    + "AND switch_aborted_at IS NULL GROUP BY currency",
                        tenant, start, end)) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        add(counts, sums, rs.getString("currency"), 2, rs.getLong("n"), rs.getBigDecimal("amount"));
                    }
                }
            }
            try (PreparedStatement select = prepare(connection, "SELECT currency, COUNT(*) AS n, SUM(amount) AS amount "
                    + "FROM hub_transfer WHERE routing = 'ON_US' AND payee_fsp = ? AND state = 'COMMITTED' AND updated_at >= ? "
                    + "AND updated_at < ? GROUP BY currency",
                        fspId, start, end)) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        add(counts, sums, rs.getString("currency"), 3, rs.getLong("n"), rs.getBigDecimal("amount"));
                    }
                }
            }
            try (PreparedStatement select = prepare(connection, "SELECT state, COUNT(*) AS n FROM hub_transfer WHERE tenant = ? "
                    + "AND updated_at >= ? AND updated_at < ? GROUP BY state",
                        tenant, start, end)) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        states.put(rs.getString("state"), rs.getLong("n"));
                    }
                }
            }
        }
        Map<String, ReconciliationSummary.CurrencyTotals> totals = new HashMap<>();
        counts.forEach((currency, n) -> {
            BigDecimal[] s = sums.get(currency);
            totals.put(currency, new ReconciliationSummary.CurrencyTotals(n[0], s[0], s[4], n[2], s[2], n[1], s[1], n[3], s[3]));
        });
        return new ReconciliationSummary(totals, states, breaks);
    }

    private static void add(Map<String, long[]> counts, Map<String, BigDecimal[]> sums, String currency, int slot, long n,
                            BigDecimal amount) {
        counts.computeIfAbsent(currency, c -> new long[4])[slot] += n;
        BigDecimal[] s = sums.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO});
        s[slot] = s[slot].add(orZero(amount)).stripTrailingZeros();
    }

    /** Writes a run's breaks, a batch at a time, numbered in the order found. */
    public BreakSink breaks(String runId) {
        return new BreakSink(runId);
    }

    public final class BreakSink implements Consumer<ReconciliationBreak>, AutoCloseable {
        private final String runId;
        private final List<ReconciliationBreak> pending = new ArrayList<>();
        private final Map<String, Long> byClass = new java.util.TreeMap<>();
        private int seq;

        private BreakSink(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(ReconciliationBreak found) {
            pending.add(found);
            byClass.merge(found.breakClass().name(), 1L, Long::sum);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        public Map<String, Long> byClass() {
            return byClass;
        }

        public int count() {
            return seq + pending.size();
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO hub_reconciliation_break (run_id, seq, break_class, transfer_id, account_id, hub_amount, "
                            + "booked_amount, currency, detail, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ReconciliationBreak b : pending) {
                    insert.setString(1, runId);
                    insert.setInt(2, ++seq);
                    insert.setString(3, b.breakClass().name());
                    insert.setString(4, b.transferId());
                    insert.setString(5, b.accountId());
                    SqlValues.bind(insert, 6, b.hubAmount());
                    SqlValues.bind(insert, 7, b.bookedAmount());
                    insert.setString(8, b.currency());
                    insert.setString(9, truncate(b.detail(), 1000));
                    insert.setString(10, truncate(b.action(), 500));
                    insert.addBatch();
                }
                insert.executeBatch();
                pending.clear();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not record the breaks of run " + runId + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    /**
     * Marks the run DONE with its figures, makes it the day's result and drops the runs of the day
     * it replaces, with their breaks and staged bookings, in one transaction.
     */
    public void finish(ReconciliationRun run, Instant at, int accountsRead, long bookingsRead, int breakCount,
                       ReconciliationSummary summary) throws SQLException {
        SqlTransaction.commit(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE hub_reconciliation_run SET state = 'DONE', "
                    + "finished_at = ?, accounts_read = ?, bookings_read = ?, break_count = ?, summary = ? WHERE run_id = ?")) {
                SqlValues.bind(update, 1, at);
                update.setInt(2, accountsRead);
                update.setLong(3, bookingsRead);
                update.setInt(4, breakCount);
                update.setString(5, summary.toJson().toString());
                update.setString(6, run.runId());
                update.executeUpdate();
            }
            release(connection, run, "DONE");
            for (String table : List.of("hub_reconciliation_break", "hub_reconciliation_booking", "hub_reconciliation_run")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id IN "
                        + "(SELECT run_id FROM hub_reconciliation_run WHERE tenant = ? AND business_day = ? AND run_id <> ? "
                        + "AND state <> 'RUNNING')")) {
                    delete.setString(1, run.tenant());
                    delete.setObject(2, run.businessDay());
                    delete.setString(3, run.runId());
                    delete.executeUpdate();
                }
            }
        });
    }

    /** Marks the run FAILED with why, and frees its day for another run; the day's earlier result stands. */
    public void fail(ReconciliationRun run, Instant at, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE hub_reconciliation_run SET state = 'FAILED', "
                    + "finished_at = ?, failure = ? WHERE run_id = ?")) {
                SqlValues.bind(update, 1, at);
                update.setString(2, truncate(reason, 1000));
                update.setString(3, run.runId());
                update.executeUpdate();
            }
            release(connection, run, "FAILED");
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hub_reconciliation_booking WHERE run_id = ?")) {
                delete.setString(1, run.runId());
                delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hub_reconciliation_break WHERE run_id = ?")) {
                delete.setString(1, run.runId());
                delete.executeUpdate();
            }
        }
    }

    private static void release(Connection connection, ReconciliationRun run, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE hub_reconciliation_day SET state = ? "
                + "WHERE tenant = ? AND business_day = ? AND run_id = ?")) {
            update.setString(1, state);
            update.setString(2, run.tenant());
            update.setObject(3, run.businessDay());
            update.setString(4, run.runId());
            update.executeUpdate();
        }
    }

    /** Runs, newest first: of one tenant, or of all when {@code tenant} is null. */
    public List<ReconciliationRun> runs(String tenant, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM hub_reconciliation_run " + (tenant == null ? "" : "WHERE tenant = ? ")
                        + "ORDER BY started_at DESC, run_id")) {
            if (tenant != null) {
                select.setString(1, tenant);
            }
            select.setMaxRows(limit);
            List<ReconciliationRun> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
            return runs;
        }
    }

    /** The day's result: its newest DONE run. */
    public Optional<ReconciliationRun> result(String tenant, LocalDate businessDay) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM hub_reconciliation_run WHERE tenant = ? AND business_day = ? AND state = 'DONE' "
                        + "ORDER BY finished_at DESC")) {
            select.setString(1, tenant);
            select.setObject(2, businessDay);
            select.setMaxRows(1);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    /** The newest STALE_HOLD break found for the transfer in the tenant's runs, if any. */
    public Optional<ReconciliationBreak> lastStaleHold(String tenant, String transferId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = prepare(connection,
                "SELECT b.* FROM hub_reconciliation_break b JOIN hub_reconciliation_run r ON r.run_id = b.run_id "
                        + "WHERE r.tenant = ? AND r.state = 'DONE' AND b.transfer_id = ? AND b.break_class = 'STALE_HOLD' "
                        + "ORDER BY r.finished_at DESC", tenant, transferId);
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(breakOf(rs)) : Optional.empty();
        }
    }

    /** When the newest run of the day (done, failed or running) started, if any ran. */
    public Optional<Instant> lastStarted(String tenant, LocalDate businessDay) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = prepare(connection,
                "SELECT MAX(started_at) AS last_started FROM hub_reconciliation_run WHERE tenant = ? AND business_day = ?", tenant, businessDay);
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.ofNullable(SqlValues.instant(rs, "last_started")) : Optional.empty();
        }
    }

    public Optional<ReconciliationRun> run(String runId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM hub_reconciliation_run WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    /** The run's breaks in the order found, handed to {@code each} (a day may hold many). */
    public void forEachBreak(String runId, Consumer<ReconciliationBreak> each) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM hub_reconciliation_break WHERE run_id = ? ORDER BY seq")) {
            select.setString(1, runId);
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    each.accept(breakOf(rs));
                }
            }
        }
    }

    private static ReconciliationBreak breakOf(ResultSet rs) throws SQLException {
        return new ReconciliationBreak(BreakClass.valueOf(rs.getString("break_class")), rs.getString("transfer_id"),
                rs.getString("account_id"), SqlValues.decimal(rs, "hub_amount"), SqlValues.decimal(rs, "booked_amount"),
                rs.getString("currency"), rs.getString("detail"));
    }

    private static ReconciliationRun run(ResultSet rs) throws SQLException {
        return new ReconciliationRun(rs.getString("run_id"), rs.getString("tenant"), rs.getObject("business_day", LocalDate.class),
                ReconciliationRun.State.valueOf(rs.getString("state")), SqlValues.instant(rs, "window_start"),
                SqlValues.instant(rs, "window_end"), rs.getString("requested_by"), SqlValues.instant(rs, "started_at"),
                SqlValues.instant(rs, "finished_at"), rs.getInt("accounts_read"), rs.getLong("bookings_read"), rs.getInt("break_count"),
                rs.getString("summary"), rs.getString("failure"));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String plain(BigDecimal amount) {
        return ReconciliationSummary.plain(amount);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
