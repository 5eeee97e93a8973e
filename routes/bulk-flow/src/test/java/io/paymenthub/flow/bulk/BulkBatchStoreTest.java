package io.paymenthub.flow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.payer.TransferState;

/** The journal of bulk batches on H2 and on the machine's real PostgreSQL (a fresh schema each). */
class BulkBatchStoreTest {

    private static final PartyId ALICE = PartyId.of("MSISDN", "255700000001");

    static Stream<Arguments> databases() throws Exception {
        DataSource h2 = TestDatabases.h2();
        new SchemaMigrator(h2).migrate();
        DataSource postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgres));
    }

    private static BatchRow row(int line, String id, String payee, String amount) {
        return new BatchRow(line, id, "MSISDN", payee, new BigDecimal(amount), "USD", "pay", null);
    }

    /** {@code count} valid rows to different payees, 1.00 each, made as they are read. */
    private static Iterator<BatchRow> rows(int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public BatchRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                next++;
                return row(next + 1, "r" + next, "2557" + (10000000 + next), "1.00");
            }
        };
    }

    private static BulkBatchStore.Submission.Accepted accept(BulkBatchStore store, Iterator<BatchRow> rows, int concurrency)
            throws Exception {
        return (BulkBatchStore.Submission.Accepted) store.submit(new BatchOrder("dfsp1", ALICE, null), rows, 100_000, concurrency,
                Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void itemsAreReleasedInLineOrderNeverMoreThanTheConcurrencyAndEachEndReleasesTheNext(String name, DataSource dataSource)
            throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        BulkBatchStore.Submission.Accepted accepted = accept(store, rows(5), 2);
        String batchId = accepted.batch().batchId();
        assertThat(accepted.released()).extracting(BulkItem::line).containsExactly(2, 3);
        assertThat(accepted.batch().total()).isEqualByComparingTo("5");

        BulkBatchStore.Progress first = store.itemEnded(accepted.released().get(0).transferId(), ItemState.COMPLETED,
                new BigDecimal("0.25"), null, null, 0).orElseThrow();
        assertThat(first.released()).extracting(BulkItem::line).containsExactly(4);
        assertThat(first.batch().inFlight()).isEqualTo(2);
        assertThat(store.itemEnded(accepted.released().get(0).transferId(), ItemState.COMPLETED, BigDecimal.ONE, null, null, 0))
                .as("the same news twice").isEmpty();

        List<BulkItem> inFlight = new ArrayList<>(store.items(batchId, ItemState.SUBMITTED, 0, 10));
        BulkBatchStore.Progress progress = null;
        while (!inFlight.isEmpty()) {
            BulkItem item = inFlight.remove(0);
            progress = store.itemEnded(item.transferId(), item.line() == 4 ? ItemState.FAILED : ItemState.COMPLETED,
                    item.line() == 4 ? null : new BigDecimal("0.25"), item.line() == 4 ? "3204" : null, null, 0).orElseThrow();
            inFlight.addAll(progress.released());
            assertThat(progress.batch().inFlight()).isLessThanOrEqualTo(2);
        }

        assertThat(progress.ended()).isTrue();
        BulkBatch batch = progress.batch();
        assertThat(batch.state()).isEqualTo(BatchState.COMPLETED_WITH_ERRORS);
        assertThat(batch.completed()).isEqualTo(4);
        assertThat(batch.completedAmount()).isEqualByComparingTo("4");
        assertThat(batch.fees()).isEqualByComparingTo("1");
        assertThat(batch.failed()).isEqualTo(1);
        assertThat(batch.failedAmount()).isEqualByComparingTo("1");
        assertThat(batch.completedAt()).isNotNull();
        assertThat(store.items(batchId, ItemState.FAILED, 0, 10)).extracting(BulkItem::line, BulkItem::failureCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, "3204"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnknownItemResolvedLaterMovesTheFinishedBatchToItsNewState(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        BulkBatchStore.Submission.Accepted accepted = accept(store, rows(1), 4);
        String transferId = accepted.released().get(0).transferId();

        BulkBatchStore.Progress unknown = store.itemEnded(transferId, ItemState.UNKNOWN, null, "UNKNOWN", "no answer", 0).orElseThrow();
        assertThat(unknown.batch().state()).isEqualTo(BatchState.COMPLETED_WITH_ERRORS);
        assertThat(unknown.batch().unknownAmount()).isEqualByComparingTo("1");

        BulkBatchStore.Progress resolved = store.itemEnded(transferId, ItemState.COMPLETED, null, null, null, 0).orElseThrow();

        assertThat(resolved.ended()).isTrue();
        assertThat(resolved.batch().state()).isEqualTo(BatchState.COMPLETED);
        assertThat(resolved.batch().unknown()).isZero();
        assertThat(resolved.batch().unknownAmount()).isEqualByComparingTo("0");
        assertThat(store.steps(resolved.batch().batchId())).extracting(s -> s.step()).containsExactly("SUBMIT", "END", "RESOLVED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theChannelIsToldAtEachProgressStepOnce(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        BulkBatchStore.Submission.Accepted accepted = accept(store, rows(8), 8);
        List<Boolean> steps = new ArrayList<>();
        for (BulkItem item : accepted.released()) {
            steps.add(store.itemEnded(item.transferId(), ItemState.COMPLETED, null, null, null, 25).orElseThrow().progressStep());
        }
        // 25% at 2 of 8, 50% at 4, 75% at 6; the end is told as the end.
        assertThat(steps).containsExactly(false, true, false, true, false, true, false, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTenantThatRefusesBadRowsRecordsNothingAndReportsEveryBadRowWithItsReason(String name, DataSource dataSource)
            throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        String ref = "payroll-" + UUID.randomUUID();
        List<BatchRow> rows = List.of(row(2, "a", "255710000001", "10"), row(3, "a", "255710000002", "10"),
                new BatchRow(4, "c", "MSISDN", "255710000003", null, "XXX", null, "amount.currency must be one of [USD]"));

        BulkBatchStore.Submission refused = store.submit(new BatchOrder("dfsp1", ALICE, ref), rows.iterator(), 100, 8,
                Tenant.InvalidRows.REFUSE, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);

        assertThat(refused).isInstanceOf(BulkBatchStore.Submission.Refused.class);
        BulkBatchStore.Submission.Refused r = (BulkBatchStore.Submission.Refused) refused;
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.invalid()).isEqualTo(2);
        assertThat(r.invalidRows()).extracting(BulkItem::line, BulkItem::failureReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "the id repeats line 2"),
                org.assertj.core.groups.Tuple.tuple(4, "amount.currency must be one of [USD]"));
        assertThat(store.findByClientRef("dfsp1", ref)).as("nothing recorded").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchOverTheSizeLimitOrUnderATakenReferenceRecordsNothing(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        String ref = "payroll-" + UUID.randomUUID();

        assertThatThrownBy(() -> store.submit(new BatchOrder("dfsp1", ALICE, ref), rows(11), 10, 8, Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED))
                .isInstanceOf(BulkBatchStore.BatchTooLargeException.class);
        assertThat(store.findByClientRef("dfsp1", ref)).isEmpty();

        BulkBatchStore.Submission first = store.submit(new BatchOrder("dfsp1", ALICE, ref), rows(10), 10, 8, Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
        BulkBatchStore.Submission again = store.submit(new BatchOrder("dfsp1", ALICE, ref), rows(1), 10, 8, Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);

        assertThat(again).isEqualTo(new BulkBatchStore.Submission.ClientRefTaken(
                ((BulkBatchStore.Submission.Accepted) first).batch().batchId()));
        assertThat(store.submit(new BatchOrder("dfsp2", ALICE, ref), rows(1), 10, 8, Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED))
                .as("another tenant's reference").isInstanceOf(BulkBatchStore.Submission.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchWithOnlyInvalidRowsEndsFailedAtOnce(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        List<BatchRow> rows = IntStream.rangeClosed(2, 3)
                .mapToObj(line -> new BatchRow(line, "x" + line, "MSISDN", "1", null, "USD", null, "amount is missing")).toList();

        BulkBatchStore.Submission.Accepted accepted = accept(store, rows.iterator(), 8);

        assertThat(accepted.batch().state()).isEqualTo(BatchState.FAILED);
        assertThat(accepted.batch().invalid()).isEqualTo(2);
        assertThat(accepted.released()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchAwaitingApprovalStartsNothingUntilApprovedOnceAndARejectedOneEndsWithNothingPaid(String name, DataSource dataSource)
            throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        BulkBatchStore.Submission.Accepted waiting = (BulkBatchStore.Submission.Accepted) store.submit(new BatchOrder("dfsp1", ALICE, null),
                rows(3), 100, 2, Tenant.InvalidRows.SKIP, 10, true, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
        assertThat(waiting.batch().state()).isEqualTo(BatchState.AWAITING_APPROVAL);
        assertThat(waiting.released()).isEmpty();
        assertThat(waiting.batch().startedAt()).isNull();

        BulkBatchStore.Progress approved = store.decide(waiting.batch().batchId(), true, "finance-manager", null).orElseThrow();

        assertThat(approved.batch().state()).isEqualTo(BatchState.RUNNING);
        assertThat(approved.released()).extracting(BulkItem::line).containsExactly(2, 3);
        assertThat(approved.batch().startedAt()).isNotNull();
        assertThat(store.decide(waiting.batch().batchId(), false, "finance-manager", "too late")).as("decided once").isEmpty();

        BulkBatchStore.Submission.Accepted other = (BulkBatchStore.Submission.Accepted) store.submit(new BatchOrder("dfsp1", ALICE, null),
                rows(2), 100, 2, Tenant.InvalidRows.SKIP, 10, true, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
        BulkBatchStore.Progress rejected = store.decide(other.batch().batchId(), false, "finance-manager", "wrong month").orElseThrow();
        assertThat(rejected.batch().state()).isEqualTo(BatchState.REJECTED);
        assertThat(rejected.released()).isEmpty();
        assertThat(store.items(other.batch().batchId(), ItemState.PENDING, 0, 10)).hasSize(2);
        assertThat(store.steps(other.batch().batchId())).extracting(s -> s.detail()).last().isEqualTo("rejected by finance-manager: wrong month");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anItemWhoseTransferEndedWithoutTheNewsReachingItsBatchIsFoundFromTheJournal(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        PayerTransferStore transfers = new PayerTransferStore(dataSource);
        BulkBatchStore.Submission.Accepted accepted = accept(store, rows(1), 8);
        BulkItem item = accepted.released().get(0);
        PayerTransfers.Started started = new PayerTransfers(transfers).start(TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp1", "dfsp1fsp")), new TransferRequest(ALICE,
                PartyId.of(item.payeeIdType(), item.payeeIdValue()), item.amount(), "USD", "TRANSFER", item.note(), null, null, null,
                accepted.batch().batchId()), item.transferId());
        // The transfer committed, and the hub stopped before its news was sent.
        transfers.transition(started.transfer().transferId(), TransferState.RECEIVED, StateChange.to(TransferState.COMMITTED, "COMMIT")
                .set("payer_fee", new BigDecimal("0.5")));

        List<BulkBatchStore.UnreportedEnd> unreported = store.unreported(store.now().plusSeconds(1), 10);

        assertThat(unreported).extracting(end -> end.item().transferId(), BulkBatchStore.UnreportedEnd::transferState)
                .contains(org.assertj.core.groups.Tuple.tuple(item.transferId(), "COMMITTED"));
        assertThat(store.unreported(store.now().minusSeconds(60), 10)).as("not before the wait").isEmpty();
        BulkBatchStore.UnreportedEnd end = unreported.stream().filter(e -> e.item().transferId().equals(item.transferId())).findFirst()
                .orElseThrow();
        assertThat(end.payerFee()).isEqualByComparingTo("0.5");
        BulkBatchStore.Progress progress = store.itemEnded(item.transferId(), ItemState.COMPLETED, end.payerFee(), null, null, 0).orElseThrow();
        assertThat(progress.batch().state()).isEqualTo(BatchState.COMPLETED);
        assertThat(store.unreported(store.now().plusSeconds(1), 10)).extracting(e -> e.item().transferId()).doesNotContain(item.transferId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theReportHasEveryRowInLineOrderReadPageByPage(String name, DataSource dataSource) throws Exception {
        BulkBatchStore store = new BulkBatchStore(dataSource);
        BulkBatchStore.Submission.Accepted accepted = accept(store, rows(2 * BatchReport.PAGE + 5), 8);

        String report;
        try (java.io.InputStream stream = BatchReport.of(store, accepted.batch().batchId())) {
            report = new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        List<String> lines = report.lines().toList();
        assertThat(lines).hasSize(2 * BatchReport.PAGE + 6);
        assertThat(lines.get(0)).isEqualTo(BatchJson.REPORT_HEADER);
        assertThat(lines.get(1)).startsWith("2,r1,MSISDN,").contains(",SUBMITTED,");
        assertThat(lines.get(lines.size() - 1)).startsWith((2 * BatchReport.PAGE + 6) + ",r" + (2 * BatchReport.PAGE + 5) + ",MSISDN,")
                .contains(",PENDING,");
    }

    @Test
    void aLargeBatchsItemIsUpdatedByItsKeyAloneFromItsFirstRowOnPostgreSql() throws Exception {
        // A schema of its own: the planner has no statistics of a table before its first large batch.
        DataSource postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        String batchId = accept(new BulkBatchStore(postgres), rows(2 * BulkBatchStore.ANALYZED_BATCH_ROWS), 8).batch().batchId();

        // The shape of every item update of the step journal: by the item's key and its expected state.
        assertThat(TestDatabases.rowsRead(postgres, "hub_bulk_item", "UPDATE hub_bulk_item SET updated_at = updated_at "
                + "WHERE batch_id = ? AND line_no = ? AND state = ?", batchId, BulkBatchStore.ANALYZED_BATCH_ROWS, "PENDING"))
                .as("rows of the batch read to update one").isEqualTo(1);
    }
}
