package io.paymenthub.flow.bulk;

import static io.paymenthub.core.schema.SqlValues.decimal;
import static io.paymenthub.core.schema.SqlValues.instant;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.PlannerStatistics;
import io.paymenthub.core.schema.SqlTransaction;
import io.paymenthub.core.schema.SqlValues;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepJournal;
import io.paymenthub.core.tenant.Tenant;

/**
 * The journal of bulk batches ({@code hub_bulk_batch}, its history {@code hub_bulk_batch_step}, and
 * {@code hub_bulk_item}), shared by every hub node. Batches and items move on the {@link StepJournal}
 * every journalled flow uses; what this adds is the batch's running totals, changed in the same
 * transaction as the item they count, and the release of the next items, under the batch row's lock
 * so that two nodes never start the same item nor more than the batch's concurrency.
 */
public class BulkBatchStore {

    /** What a submission came to. */
    public sealed interface Submission {
        /** Recorded: the batch, its invalid rows (at most the report's limit), and the first items to start. */
        record Accepted(BulkBatch batch, List<BulkItem> invalidRows, List<BulkItem> released) implements Submission {
        }

        /** Nothing recorded: the tenant refuses batches with invalid rows. */
        record Refused(int rows, int invalid, List<BulkItem> invalidRows) implements Submission {
        }

        /** Nothing recorded: the batch cannot be paid as a whole (the payer's balance is below its total), for this reason. */
        record NotPayable(String reason) implements Submission {
        }

        /** Nothing recorded: the tenant has a batch with this client reference. */
        record ClientRefTaken(String batchId) implements Submission {
        }
    }

    /** An item whose transfer has ended (or changed its end) without the item knowing it. */
    public record UnreportedEnd(BulkItem item, String transferState, BigDecimal payerFee, String failureCode, String failureReason) {
    }

    /** What an item's end led to: the batch after it, the items released in its place, and what to tell the channel. */
    public record Progress(BulkBatch batch, List<BulkItem> released, boolean ended, boolean progressStep) {
    }

    /**
     * What the check of a batch's payer found before anything is paid: why the batch cannot be paid
     * (a problem), or the payer's account (null when the tenant does not check: each transfer looks
     * the payer up then).
     */
    public record PayerCheck(String problem, String account) {
        /** The tenant does not check its batches' payer: nothing found, nothing refused. */
        public static final PayerCheck UNCHECKED = new PayerCheck(null, null);

        public static PayerCheck refused(String problem) {
            return new PayerCheck(problem, null);
        }

        public static PayerCheck payable(String account) {
            return new PayerCheck(null, account);
        }
    }

    /** The batch has more rows than a batch may have. */
    public static final class BatchTooLargeException extends RuntimeException {
        public BatchTooLargeException(int maxRows) {
            super("A batch has at most " + maxRows + " rows");
        }
    }

    private static final String BATCH_COLUMNS = "batch_id, tenant, state, client_ref, payer_id_type, payer_id, payer_account, currency, row_count, "
            + "invalid_count, item_count, total_amount, concurrency, in_flight, completed_count, completed_amount, fee_amount, "
            + "failed_count, failed_amount, unknown_count, unknown_amount, progress_notified, created_at, updated_at, started_at, "
            + "completed_at";
    private static final String ITEM_COLUMNS = "batch_id, line_no, row_id, payee_id_type, payee_id, amount, currency, note, state, "
            + "transfer_id, fee, failure_code, failure_reason, updated_at";
    private static final Logger LOG = LoggerFactory.getLogger(BulkBatchStore.class);
    private static final int INSERT_BATCH = 500;
    /**
     * A batch of at least this many rows has PostgreSQL's statistics of its items refreshed as soon as
     * it is recorded ({@link PlannerStatistics}): each row's update then finds its item by its key.
     */
    static final int ANALYZED_BATCH_ROWS = 1000;

    private final DataSource dataSource;
    private final StepJournal<BatchState> batches;
    private final StepJournal<ItemState> items;

    public BulkBatchStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    BulkBatchStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.batches = new StepJournal<>(dataSource, clock, "hub_bulk_batch", "hub_bulk_batch_step", List.of("batch_id"),
                Set.of("completed_at", "started_at"));
        // An item's history is its transfer's.
        this.items = new StepJournal<>(dataSource, clock, "hub_bulk_item", null, List.of("batch_id", "line_no"),
                Set.of("fee", "failure_code", "failure_reason"));
    }

    public Instant now() {
        return batches.now();
    }

    /**
     * Records a batch and its rows in one transaction, marks rows that repeat an earlier row's id or
     * its payee, amount and note, and releases the first items. The rows are read one at a time and
     * written in groups, so a file of any length is recorded in bounded memory.
     *
     * @param reportLimit how many invalid rows the answer lists (all are recorded)
     * @param approval    whether the batch waits for approval ({@link BatchState#AWAITING_APPROVAL}) before its first item starts
     * @param payerCheck  given the batch as recorded (its total), why it cannot be paid, or the payer's account it found:
     *                    checked before anything is released
     * @throws BatchTooLargeException with more than {@code maxRows} rows: nothing is recorded
     */
    public Submission submit(BatchOrder order, Iterator<BatchRow> rows, int maxRows, int concurrency, Tenant.InvalidRows policy,
                             int reportLimit, boolean approval, Function<BulkBatch, PayerCheck> payerCheck) throws SQLException {
        String batchId = UUID.randomUUID().toString();
        Instant now = now();
        Submission submission;
        try {
            submission = SqlTransaction.decide(dataSource, connection -> {
                if (order.clientRef() != null) {
                    Optional<String> earlier = batchIdByClientRef(connection, order.tenant(), order.clientRef());
                    if (earlier.isPresent()) {
                        return SqlTransaction.Outcome.rollBack(new Submission.ClientRefTaken(earlier.get()));
                    }
                }
                BatchState first = approval ? BatchState.AWAITING_APPROVAL : BatchState.RUNNING;
                insertBatch(connection, batchId, order, first, concurrency, now);
                int count = insertRows(connection, batchId, rows, maxRows, now);
                markRepeats(connection, batchId, now);
                int invalid = count(connection, "SELECT COUNT(*) FROM hub_bulk_item WHERE batch_id = ? AND state = 'INVALID'", batchId);
                List<BulkItem> report = items(connection, batchId, ItemState.INVALID, 0, reportLimit);
                if (invalid > 0 && policy == Tenant.InvalidRows.REFUSE) {
                    return SqlTransaction.Outcome.rollBack(new Submission.Refused(count, invalid, report));
                }
                StepJournal.update(connection, "UPDATE hub_bulk_batch SET row_count = ?, invalid_count = ?, "
                        + "item_count = (SELECT COUNT(*) FROM hub_bulk_item WHERE batch_id = ? AND state = 'PENDING'), "
                        + "total_amount = (SELECT COALESCE(SUM(amount), 0) FROM hub_bulk_item WHERE batch_id = ? AND state = 'PENDING'), "
                        + "currency = (SELECT MIN(currency) FROM hub_bulk_item WHERE batch_id = ? AND state = 'PENDING') "
                        + "WHERE batch_id = ?", count, invalid, batchId, batchId, batchId, batchId);
                BulkBatch recorded = batch(connection, batchId).orElseThrow();
                PayerCheck payer = payerCheck.apply(recorded);
                if (payer.problem() != null) {
                    return SqlTransaction.Outcome.rollBack(new Submission.NotPayable(payer.problem()));
                }
                if (payer.account() != null) {
                    StepJournal.update(connection, "UPDATE hub_bulk_batch SET payer_account = ? WHERE batch_id = ?", payer.account(), batchId);
                }
                batches.appendStep(connection, "SUBMIT", first.name(), count + " rows, " + invalid + " invalid, "
                        + recorded.items() + " to pay (" + recorded.total().toPlainString() + " " + recorded.currency() + ") from "
                        + order.payer(), batchId);
                Progress progress = endIfDone(connection, release(connection, batchId));
                return SqlTransaction.Outcome.commit(new Submission.Accepted(progress.batch(), report, progress.released()));
            });
        } catch (SQLException e) {
            if (SqlValues.isConstraintViolation(e) && order.clientRef() != null) {
                Optional<String> earlier = batchIdByClientRef(order.tenant(), order.clientRef());
                if (earlier.isPresent()) {
                    return new Submission.ClientRefTaken(earlier.get()); // another node recorded it first
                }
            }
            throw e;
        }
        if (submission instanceof Submission.Accepted accepted && accepted.batch().rows() >= ANALYZED_BATCH_ROWS) {
            PlannerStatistics.refresh(dataSource, "hub_bulk_item");
        }
        return submission;
    }

    /**
     * Records how the transfer of an item ended, counts it in its batch's totals, and releases the
     * next item in its place, in one transaction. A repeat of the same news changes nothing.
     *
     * @return what changed, or empty when the news was not new (or the transfer pays no item)
     */
    public Optional<Progress> itemEnded(String transferId, ItemState to, BigDecimal fee, String failureCode, String failureReason,
                                        int progressStepPercent) throws SQLException {
        return SqlTransaction.run(dataSource, connection -> {
            Optional<BulkItem> found = StepJournal.query(connection, "SELECT " + ITEM_COLUMNS + " FROM hub_bulk_item WHERE transfer_id = ?",
                    1, BulkBatchStore::readItem, transferId).stream().findFirst();
            if (found.isEmpty() || found.get().state() == to
                    || !(found.get().state() == ItemState.SUBMITTED || found.get().state() == ItemState.UNKNOWN)) {
                return Optional.empty();
            }
            BulkItem item = found.get();
            StateChange<ItemState> change = StateChange.<ItemState>to(to, null).failure(failureCode, failureReason)
                    .set("fee", to == ItemState.COMPLETED ? fee : null);
            if (!items.transition(connection, item.state(), change, item.batchId(), item.line())) {
                return Optional.empty();
            }
            Progress progress = endIfDone(connection,
                    release(connection, item.batchId(), Tally.NONE.plus(item, item.state(), -1, null).plus(item, to, 1, fee)));
            boolean step = !progress.ended() && progressStep(connection, progress.batch(), progressStepPercent);
            return Optional.of(new Progress(progress.batch(), progress.released(), progress.ended(), step));
        });
    }

    /**
     * The approver's decision on a batch AWAITING_APPROVAL: approved, it runs and its first items are
     * released; rejected, it ends REJECTED and nothing is paid.
     *
     * @return what changed, or empty when the batch was not (or no longer) waiting for approval
     */
    public Optional<Progress> decide(String batchId, boolean approve, String approver, String reason) throws SQLException {
        return SqlTransaction.run(dataSource, connection -> {
            String detail = (approve ? "approved by " : "rejected by ") + approver + (reason == null ? "" : ": " + reason);
            StateChange<BatchState> change = approve
                    ? StateChange.to(BatchState.RUNNING, "APPROVE").set("started_at", now()).detail(detail)
                    : StateChange.to(BatchState.REJECTED, "REJECT").set("completed_at", now()).detail(detail);
            if (!batches.transition(connection, BatchState.AWAITING_APPROVAL, change, batchId)) {
                return Optional.empty();
            }
            return Optional.of(approve ? endIfDone(connection, release(connection, batchId))
                    : new Progress(batch(connection, batchId).orElseThrow(), List.of(), true, false));
        });
    }

    /**
     * Items of running batches released more than a while ago whose transfers were never recorded
     * (the hub stopped between the two): the deadline check starts them.
     */
    public List<BulkItem> unstarted(Instant releasedBefore, int limit) throws SQLException {
        return items.query("SELECT " + prefixed("i", ITEM_COLUMNS) + " FROM hub_bulk_item i JOIN hub_bulk_batch b ON b.batch_id = i.batch_id "
                + "WHERE b.state = 'RUNNING' AND i.state = 'SUBMITTED' AND i.updated_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM hub_transfer t WHERE t.transfer_id = i.transfer_id)", limit, BulkBatchStore::readItem,
                Timestamp.from(releasedBefore));
    }

    /**
     * Items whose transfers ended more than a while ago without their batch being told: the hub
     * stopped between recording a transfer's end and sending the news, or an UNKNOWN transfer was
     * resolved since. Found from the batches that can still change (running, or with UNKNOWN rows),
     * so the check costs the rows in flight, not the batches' size.
     */
    public List<UnreportedEnd> unreported(Instant endedBefore, int limit) throws SQLException {
        return items.query("SELECT " + prefixed("i", ITEM_COLUMNS) + ", t.state AS transfer_state, t.payer_fee, "
                + "t.failure_code AS transfer_failure_code, t.failure_reason AS transfer_failure_reason "
                + "FROM hub_bulk_batch b JOIN hub_bulk_item i ON i.batch_id = b.batch_id AND i.state IN ('SUBMITTED', 'UNKNOWN') "
                + "JOIN hub_transfer t ON t.transfer_id = i.transfer_id "
                + "WHERE (b.state = 'RUNNING' OR b.unknown_count > 0) AND t.state IN ('COMMITTED', 'ABORTED', 'UNKNOWN') "
                + "AND (i.state = 'SUBMITTED' OR t.state <> 'UNKNOWN') AND t.updated_at < ?", limit,
                rs -> new UnreportedEnd(readItem(rs), rs.getString("transfer_state"), decimal(rs, "payer_fee"),
                        rs.getString("transfer_failure_code"), rs.getString("transfer_failure_reason")), Timestamp.from(endedBefore));
    }

    /** Marks an item as just seen by the deadline check, so the next check leaves it alone for another while. */
    public boolean touch(BulkItem item) throws SQLException {
        return items.touch(item.state(), item.updatedAt(), item.batchId(), item.line());
    }

    public Optional<BulkBatch> find(String batchId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return batch(connection, batchId);
        }
    }

    /** The tenant's batch with this id; another tenant's is not found. */
    public Optional<BulkBatch> find(String tenant, String batchId) throws SQLException {
        return find(batchId).filter(b -> b.tenant().equals(tenant));
    }

    public Optional<BulkBatch> findByClientRef(String tenant, String clientRef) throws SQLException {
        Optional<String> batchId = batchIdByClientRef(tenant, clientRef);
        return batchId.isEmpty() ? Optional.empty() : find(batchId.get());
    }

    /** The newest batches, of one tenant or all (null). */
    public List<BulkBatch> list(String tenant, int limit) throws SQLException {
        return tenant == null
                ? batches.query("SELECT " + BATCH_COLUMNS + " FROM hub_bulk_batch ORDER BY created_at DESC", limit, BulkBatchStore::readBatch)
                : batches.query("SELECT " + BATCH_COLUMNS + " FROM hub_bulk_batch WHERE tenant = ? ORDER BY created_at DESC", limit,
                        BulkBatchStore::readBatch, tenant);
    }

    /** A page of a batch's rows in line order after {@code afterLine}, of one state or all (null). */
    public List<BulkItem> items(String batchId, ItemState state, int afterLine, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return items(connection, batchId, state, afterLine, limit);
        }
    }

    public List<StepJournal.Step> steps(String batchId) throws SQLException {
        return batches.steps(batchId);
    }

    private void insertBatch(Connection connection, String batchId, BatchOrder order, BatchState state, int concurrency, Instant now)
            throws SQLException {
        StepJournal.update(connection, "INSERT INTO hub_bulk_batch (batch_id, tenant, state, client_ref, "
                + "payer_id_type, payer_id, row_count, invalid_count, item_count, total_amount, concurrency, next_line, in_flight, "
                + "completed_count, completed_amount, fee_amount, failed_count, failed_amount, unknown_count, unknown_amount, "
                + "progress_notified, created_at, updated_at, started_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?)",
                batchId, order.tenant(), state, order.clientRef(), order.payer().type(), order.payer().value(), concurrency, now, now,
                state == BatchState.RUNNING ? now : null);
    }

    private int insertRows(Connection connection, String batchId, Iterator<BatchRow> rows, int maxRows, Instant now) throws SQLException {
        int count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_bulk_item (batch_id, line_no, row_id, payee_id_type, "
                + "payee_id, amount, currency, note, duplicate_key, state, transfer_id, failure_code, failure_reason, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (rows.hasNext()) {
                BatchRow row = rows.next();
                if (++count > maxRows) {
                    throw new BatchTooLargeException(maxRows);
                }
                insert.setString(1, batchId);
                insert.setInt(2, row.line());
                insert.setString(3, cut(row.rowId() == null ? "" : row.rowId(), 64));
                insert.setString(4, cut(row.payeeIdType(), 16));
                insert.setString(5, cut(row.payeeIdValue(), 128));
                insert.setBigDecimal(6, row.problem() == null ? row.amount() : null);
                insert.setString(7, row.currency() != null && row.currency().length() == 3 ? row.currency() : null);
                insert.setString(8, cut(row.note(), 128));
                insert.setString(9, row.problem() == null ? duplicateKey(row) : null);
                insert.setString(10, row.problem() == null ? ItemState.PENDING.name() : ItemState.INVALID.name());
                insert.setString(11, UUID.randomUUID().toString());
                insert.setString(12, row.problem() == null ? null : "INVALID_ROW");
                insert.setString(13, cut(row.problem(), 500));
                insert.setTimestamp(14, Timestamp.from(now));
                insert.addBatch();
                if (count % INSERT_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    /** Rows that repeat an earlier row's id, or its payee, amount and note, are not paid twice: the later ones are invalid. */
    private static void markRepeats(Connection connection, String batchId, Instant now) throws SQLException {
        for (String[] rule : new String[][] {
            {"DUPLICATE_ID", "row_id", "'the id repeats line '"},
            {"DUPLICATE_PAYMENT", "duplicate_key", "'the same payee, amount and note as line '"}}) {
            StepJournal.update(connection, "UPDATE hub_bulk_item SET state = 'INVALID', failure_code = ?, "
                    + "failure_reason = " + rule[2] + " || CAST((SELECT MIN(e.line_no) FROM hub_bulk_item e WHERE e.batch_id = hub_bulk_item.batch_id "
                    + "AND e." + rule[1] + " = hub_bulk_item." + rule[1] + ") AS VARCHAR(12)), updated_at = ? "
                    + "WHERE batch_id = ? AND state = 'PENDING' AND EXISTS (SELECT 1 FROM hub_bulk_item e WHERE e.batch_id = hub_bulk_item.batch_id "
                    + "AND e." + rule[1] + " = hub_bulk_item." + rule[1] + " AND e.line_no < hub_bulk_item.line_no)", rule[0], now, batchId);
        }
    }

    /**
     * Starts as many PENDING items, in line order, as the batch has free places, under the batch
     * row's lock: two nodes never release the same item.
     */
    private Released release(Connection connection, String batchId) throws SQLException {
        return release(connection, batchId, Tally.NONE);
    }

    /** A batch's row under its lock, with the line its next release starts from. */
    private record Locked(BulkBatch batch, int nextLine) {
    }

    /** The items a write of the batch released, and the batch's row as that write left it. */
    private record Released(List<BulkItem> items, BulkBatch batch) {
    }

    /**
     * As {@link #release(Connection, String)}, with the batch's totals changed by {@code tally} (an item's end) in the
     * same write of the batch's row: one new version of the row an item, whatever the batch's state. The row comes
     * back from its lock or its write, so no statement reads it again.
     */
    private Released release(Connection connection, String batchId, Tally tally) throws SQLException {
        Locked locked = StepJournal.query(connection, "SELECT " + BATCH_COLUMNS + ", next_line FROM hub_bulk_batch WHERE batch_id = ? "
                + "FOR UPDATE", 1, rs -> new Locked(readBatch(rs), rs.getInt("next_line")), batchId).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No batch " + batchId));
        BulkBatch batch = locked.batch();
        int free = batch.concurrency() - batch.inFlight() - tally.inFlight();
        List<BulkItem> next = batch.state() != BatchState.RUNNING || free <= 0 ? List.of() : StepJournal.query(connection, "SELECT "
                + ITEM_COLUMNS + " FROM hub_bulk_item WHERE batch_id = ? AND state = 'PENDING' AND line_no >= ? ORDER BY line_no", free,
                BulkBatchStore::readItem, batchId, locked.nextLine());
        List<BulkItem> released = new ArrayList<>();
        for (BulkItem item : next) {
            if (items.transition(connection, ItemState.PENDING, StateChange.to(ItemState.SUBMITTED, null), batchId, item.line())) {
                released.add(item);
            }
        }
        if (next.isEmpty() && tally.isEmpty()) {
            return new Released(released, batch);
        }
        BulkBatch written = StepJournal.query(connection, SqlValues.returning(connection, "UPDATE hub_bulk_batch SET in_flight = in_flight + ?, "
                        + "next_line = ?, completed_count = completed_count + ?, completed_amount = completed_amount + ?, "
                        + "fee_amount = fee_amount + ?, failed_count = failed_count + ?, failed_amount = failed_amount + ?, "
                        + "unknown_count = unknown_count + ?, unknown_amount = unknown_amount + ?, updated_at = ? WHERE batch_id = ?",
                        BATCH_COLUMNS), 1, BulkBatchStore::readBatch,
                tally.inFlight() + released.size(), next.isEmpty() ? locked.nextLine() : next.get(next.size() - 1).line() + 1,
                tally.completed(), tally.completedAmount(), tally.fee(), tally.failed(), tally.failedAmount(), tally.unknown(),
                tally.unknownAmount(), now(), batchId).get(0);
        return new Released(released, written);
    }

    /** What items moving between states change in their batch's totals. */
    private record Tally(int inFlight, int completed, BigDecimal completedAmount, BigDecimal fee, int failed, BigDecimal failedAmount,
                         int unknown, BigDecimal unknownAmount) {

        static final Tally NONE = new Tally(0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

        boolean isEmpty() {
            return equals(NONE);
        }

        /** This tally with {@code delta} items (their amount, and fee) more in {@code state}'s totals. */
        Tally plus(BulkItem item, ItemState state, int delta, BigDecimal itemFee) {
            BigDecimal amount = item.amount().multiply(BigDecimal.valueOf(delta));
            return switch (state) {
                case SUBMITTED -> new Tally(inFlight + delta, completed, completedAmount, fee, failed, failedAmount, unknown, unknownAmount);
                case COMPLETED -> new Tally(inFlight, completed + delta, completedAmount.add(amount),
                        fee.add(itemFee == null ? BigDecimal.ZERO : itemFee.multiply(BigDecimal.valueOf(delta))), failed, failedAmount,
                        unknown, unknownAmount);
                case FAILED -> new Tally(inFlight, completed, completedAmount, fee, failed + delta, failedAmount.add(amount), unknown,
                        unknownAmount);
                case UNKNOWN -> new Tally(inFlight, completed, completedAmount, fee, failed, failedAmount, unknown + delta,
                        unknownAmount.add(amount));
                default -> throw new IllegalStateException("Items are not counted in " + state);
            };
        }
    }

    /** Gives a batch with nothing left in flight or pending its final state, from its totals. */
    private Progress endIfDone(Connection connection, Released release) throws SQLException {
        BulkBatch batch = release.batch();
        List<BulkItem> released = release.items();
        String batchId = batch.batchId();
        if (batch.inFlight() > 0 || batch.pending() > 0 || batch.state() == BatchState.REJECTED) {
            return new Progress(batch, released, false, false);
        }
        BatchState end = batch.completed() == batch.rows() ? BatchState.COMPLETED
                : batch.completed() == 0 && batch.unknown() == 0 ? BatchState.FAILED : BatchState.COMPLETED_WITH_ERRORS;
        if (end == batch.state()) {
            return new Progress(batch, released, false, false);
        }
        String detail = batch.completed() + " completed (" + batch.completedAmount().toPlainString() + "), " + batch.failed() + " failed, "
                + batch.unknown() + " unknown, " + batch.invalid() + " invalid";
        batches.transition(connection, batch.state(), StateChange.to(end, batch.state().isFinal() ? "RESOLVED" : "END")
                .set("completed_at", now()).detail(detail), batchId);
        return new Progress(batch(connection, batchId).orElseThrow(), released, true, false);
    }

    /** Whether the batch's progress has reached its next step of {@code stepPercent} since the last one told. */
    private static boolean progressStep(Connection connection, BulkBatch batch, int stepPercent) throws SQLException {
        if (stepPercent <= 0 || batch.state().isFinal() || batch.items() == 0) {
            return false;
        }
        int reached = (int) ((long) batch.finished() * 100 / batch.items()) / stepPercent * stepPercent;
        if (reached <= 0 || reached >= 100) {
            return false;
        }
        return StepJournal.update(connection, "UPDATE hub_bulk_batch SET progress_notified = ? WHERE batch_id = ? AND progress_notified < ?",
                reached, batch.batchId(), reached) == 1;
    }

    private static List<BulkItem> items(Connection connection, String batchId, ItemState state, int afterLine, int limit)
            throws SQLException {
        return state == null
                ? StepJournal.query(connection, "SELECT " + ITEM_COLUMNS + " FROM hub_bulk_item WHERE batch_id = ? AND line_no > ? "
                        + "ORDER BY line_no", limit, BulkBatchStore::readItem, batchId, afterLine)
                : StepJournal.query(connection, "SELECT " + ITEM_COLUMNS + " FROM hub_bulk_item WHERE batch_id = ? AND state = ? "
                        + "AND line_no > ? ORDER BY line_no", limit, BulkBatchStore::readItem, batchId, state.name(), afterLine);
    }

    private static Optional<BulkBatch> batch(Connection connection, String batchId) throws SQLException {
        return StepJournal.query(connection, "SELECT " + BATCH_COLUMNS + " FROM hub_bulk_batch WHERE batch_id = ?", 1,
                BulkBatchStore::readBatch, batchId).stream().findFirst();
    }

    private Optional<String> batchIdByClientRef(String tenant, String clientRef) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return batchIdByClientRef(connection, tenant, clientRef);
        }
    }

    private static Optional<String> batchIdByClientRef(Connection connection, String tenant, String clientRef) throws SQLException {
        return StepJournal.query(connection, "SELECT batch_id FROM hub_bulk_batch WHERE tenant = ? AND client_ref = ?", 1,
                rs -> rs.getString(1), tenant, clientRef).stream().findFirst();
    }

    private static int count(Connection connection, String sql, String batchId) throws SQLException {
        return StepJournal.query(connection, sql, 1, rs -> rs.getInt(1), batchId).get(0);
    }

    /** The payee, amount and note of a row, hashed to fit one indexed column. */
    private static String duplicateKey(BatchRow row) {
        String key = row.payeeIdType() + "\u0000" + row.payeeIdValue() + "\u0000" + row.amount().stripTrailingZeros().toPlainString()
                + "\u0000" + row.currency() + "\u0000" + (row.note() == null ? "" : row.note());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    private static BulkBatch readBatch(ResultSet rs) throws SQLException {
        return new BulkBatch(rs.getString("batch_id"), rs.getString("tenant"), BatchState.valueOf(rs.getString("state")),
                rs.getString("client_ref"), PartyId.of(rs.getString("payer_id_type"), rs.getString("payer_id")), rs.getString("payer_account"),
                rs.getString("currency"),
                rs.getInt("row_count"), rs.getInt("invalid_count"), rs.getInt("item_count"), decimal(rs, "total_amount"),
                rs.getInt("concurrency"), rs.getInt("in_flight"), rs.getInt("completed_count"), decimal(rs, "completed_amount"),
                decimal(rs, "fee_amount"), rs.getInt("failed_count"), decimal(rs, "failed_amount"), rs.getInt("unknown_count"),
                decimal(rs, "unknown_amount"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "started_at"),
                instant(rs, "completed_at"));
    }

    private static BulkItem readItem(ResultSet rs) throws SQLException {
        return new BulkItem(rs.getString("batch_id"), rs.getInt("line_no"), rs.getString("row_id"), rs.getString("payee_id_type"),
                rs.getString("payee_id"), decimal(rs, "amount"), rs.getString("currency"), rs.getString("note"),
                ItemState.valueOf(rs.getString("state")), rs.getString("transfer_id"), decimal(rs, "fee"), rs.getString("failure_code"),
                rs.getString("failure_reason"), instant(rs, "updated_at"));
    }
}
