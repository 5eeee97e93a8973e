package io.paymenthub.flow.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;


import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.flow.payee.PayeeRouteBuilder;
import io.paymenthub.flow.payer.FlowsTestSupport;
import io.paymenthub.flow.payer.PayerFlowSettings;
import io.paymenthub.flow.payer.PayerMessages;
import io.paymenthub.flow.payer.PayerRouteBuilder;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.SwitchDouble;
import io.paymenthub.flow.payer.TransferState;

/**
 * Batches of dfsp1's disbursement account (Alice's) to dfsp2's customers (Dalila, Elia) and to a
 * number nobody serves, paid by the real payer flow against the payee flow through a stand-in
 * switch, with the real Fineract connector on the simulator, the journal on the machine's
 * PostgreSQL and a real broker. What the channel would see is read from its notifications.
 */
class BulkFlowTest extends FlowsTestSupport {

    static PayerTransferStore transfers;
    static BulkBatchStore store;

    static final PartyId ALICE = PartyId.of("MSISDN", "255700000001");
    static final PartyId NOBODY = PartyId.of("MSISDN", "255719999999");
    static final int CONCURRENCY = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Message> events = new ArrayList<>();
    private BulkBatches batches;

    @BeforeAll
    static void start() throws Exception {
        transfers = new PayerTransferStore(postgres);
        store = new BulkBatchStore(postgres);
    }

    /** dfsp1 pays batches from Alice's account unless a batch names another payer, and pays the valid rows of a batch with invalid ones. */
    @BeforeEach
    void reset() throws Exception {
        fineract.admin().resetAll();
        Map<String, Object> dfsp1 = TestTenantConfigs.valid("dfsp1", "dfsp1fsp", fineract.fineractUrl());
        dfsp1.put("onus.routing", "SWITCH");
        dfsp1.put("bulk.payerIdType", ALICE.type());
        dfsp1.put("bulk.payerIdValue", ALICE.value());
        dfsp1.put("bulk.invalidRows", "SKIP");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", dfsp1);
        TENANTS.update("pid-2", "etc/dfsp2.cfg", TestTenantConfigs.valid("dfsp2", "dfsp2fsp", fineract.fineractUrl()));
    }

    @Override
    protected void flowProperties(Properties properties) {
        properties.put("bulk.consumers", "2");
        properties.put("bulk.deadlineCheckMillis", "200");
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        AccountSystemDirectory accounts = new AccountSystemDirectory(ACCOUNT_SYSTEMS);
        PayerFlowSettings payerSettings = PayerFlowSettings.ofSeconds(5, 5, 2, 5, 0, 1, 2, 60, 2, 5, 4);
        // Items whose transfers were never recorded are started again after 1 s.
        batches = new BulkBatches(TENANTS, new AccountSystemDirectory(ACCOUNT_SYSTEMS), store, new PayerTransfers(transfers), BulkFlowSettings.of(CONCURRENCY, 1000, 25, 10, 1));
        return new RoutesBuilder[] {
            new FineractConnectorRouteBuilder(),
            PayeeRouteBuilder.on(TENANTS, accounts, postgres, 60, 4),
            PayerRouteBuilder.on(TENANTS, accounts, transfers, payerSettings),
            new BulkRouteBuilder(batches),
            new SwitchDouble(Map.of("dfsp1", "dfsp1fsp", "dfsp2", "dfsp2fsp"))
        };
    }

    private static BatchRow row(int line, String id, PartyId payee, String amount, String note) {
        return new BatchRow(line, id, payee.type(), payee.value(), new BigDecimal(amount), "USD", note, null);
    }

    private void send(List<Emit> emits) {
        for (Emit emit : emits) {
            template.sendBodyAndHeaders("jms:queue:" + emit.queue(), emit.body(), emit.headers());
        }
    }

    /** Waits (at most 60 s) for the channel's notification of the batch with this news, and returns its body. */
    private JsonNode notified(String batchId, String news) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        for (int seen = 0; ; seen++) {
            while (seen >= events.size()) {
                Exchange received = consumer.receive("jms:queue:" + PayerMessages.EVENTS, Math.max(1, end - System.currentTimeMillis()));
                if (received == null) {
                    throw new AssertionError("No " + news + " of batch " + batchId + "; it is " + store.find(batchId).orElseThrow());
                }
                events.add(received.getMessage());
            }
            Message event = events.get(seen);
            if (batchId.equals(event.getHeader(PayerMessages.BATCH_ID)) && news.equals(event.getHeader(BulkMessages.BATCH_NEWS))
                    && BulkMessages.BATCH_EVENT.equals(event.getHeader(PayerMessages.EVENT_TYPE))) {
                return json.readTree(event.getBody(String.class));
            }
        }
    }

    private BigDecimal balance(String tenant, String account) {
        return fineract.admin().account(tenant, account).balance();
    }

    @Test
    void aPayrollWithAnUnknownPayeeAndBadRowsEndsCompletedWithErrorsWithExactTotalsAndBalances() throws Exception {
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        PartyId elia = PartyId.of("MSISDN", "255710000002");
        BigDecimal dalilaBefore = balance("dfsp2", "dfsp2-dalila-usd");
        BigDecimal eliaBefore = balance("dfsp2", "dfsp2-elia-usd");
        List<BatchRow> rows = List.of(
                row(2, "e-1", dalila, "10", "salary"),
                row(3, "e-2", elia, "20", "salary"),
                row(4, "e-3", NOBODY, "5", "salary"),
                row(5, "e-4", dalila, "10", "salary"),
                new BatchRow(6, "e-5", "MSISDN", "255710000001", null, "USD", null, "amount is missing"),
                row(7, "e-6", elia, "7.5", "bonus"),
                row(8, "e-1", elia, "1", "repeated id"));

        BulkBatches.Submitted submitted = batches.submit(dfsp1, new BatchOrder("dfsp1", ALICE, "payroll-2026-11"), rows.iterator());
        send(submitted.emits());

        BulkBatchStore.Submission.Accepted accepted = (BulkBatchStore.Submission.Accepted) submitted.submission();
        String batchId = accepted.batch().batchId();
        assertThat(accepted.invalidRows()).extracting(BulkItem::line, BulkItem::failureCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "DUPLICATE_PAYMENT"), org.assertj.core.groups.Tuple.tuple(6, "INVALID_ROW"),
                        org.assertj.core.groups.Tuple.tuple(8, "DUPLICATE_ID"));
        assertThat(accepted.released()).as("no more than the batch's concurrency started at once").hasSize(CONCURRENCY);
        assertThat(submitted.emits()).filteredOn(emit -> PayerMessages.STEPS.equals(emit.queue())).hasSize(CONCURRENCY)
                .allSatisfy(step -> assertThat(step.priority()).as("behind single transfers' steps").isEqualTo(Emit.BACKGROUND_PRIORITY));
        JsonNode started = notified(batchId, "STARTED");
        assertThat(started.path("counts").path("INVALID").asInt()).isEqualTo(3);
        assertThat(started.path("amounts").path("total").asText()).isEqualTo("42.5");

        JsonNode ended = notified(batchId, "ENDED");

        assertThat(ended.path("state").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(ended.path("rows").asInt()).isEqualTo(7);
        assertThat(ended.path("counts").path("COMPLETED").asInt()).isEqualTo(3);
        assertThat(ended.path("counts").path("FAILED").asInt()).isEqualTo(1);
        assertThat(ended.path("counts").path("INVALID").asInt()).isEqualTo(3);
        assertThat(ended.path("counts").path("PENDING").asInt()).isZero();
        assertThat(ended.path("counts").path("SUBMITTED").asInt()).isZero();
        assertThat(ended.path("amounts").path("completed").asText()).isEqualTo("37.5");
        assertThat(ended.path("amounts").path("failed").asText()).isEqualTo("5");
        assertThat(ended.path("amounts").path("fees").asText()).as("Alice's flat fee of 1.50 on each of the three").isEqualTo("4.5");
        assertThat(ended.path("progressPercent").asText()).isEqualTo("100.0");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo("958"); // 1000 - 37.5 - 4.5
        assertThat(balance("dfsp2", "dfsp2-dalila-usd")).isEqualByComparingTo(dalilaBefore.add(BigDecimal.TEN));
        assertThat(balance("dfsp2", "dfsp2-elia-usd")).isEqualByComparingTo(eliaBefore.add(new BigDecimal("27.5")));
        assertThat(fineract.admin().holds("dfsp1")).as("holds left").isEmpty();

        List<BulkItem> items = store.items(batchId, null, 0, 100);
        assertThat(items).extracting(BulkItem::state).containsExactly(ItemState.COMPLETED, ItemState.COMPLETED, ItemState.FAILED,
                ItemState.INVALID, ItemState.INVALID, ItemState.COMPLETED, ItemState.INVALID);
        BulkItem unknownPayee = items.get(2);
        PayerTransfer failed = transfers.find(unknownPayee.transferId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(TransferState.ABORTED);
        assertThat(failed.batchId()).isEqualTo(batchId);
        assertThat(unknownPayee.failureCode()).isEqualTo(failed.failureCode());
        assertThat(items.get(0).fee()).isEqualByComparingTo("1.5");
        assertThat(store.steps(batchId)).extracting(s -> s.outcome()).containsExactly("RUNNING", "COMPLETED_WITH_ERRORS");
    }

    @Test
    void itemsReleasedBeforeAStopWhoseTransfersWereNeverRecordedAreStartedAgainAndTheBatchCompletes() throws Exception {
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        // What the hub recorded before it stopped: the batch and its first items released, their transfers not yet.
        BulkBatchStore.Submission.Accepted accepted = (BulkBatchStore.Submission.Accepted) store.submit(
                new BatchOrder("dfsp1", ALICE, null), List.of(row(2, "a", dalila, "1", "one"), row(3, "b", dalila, "2", "two"),
                        row(4, "c", dalila, "3", "three")).iterator(), 1000, CONCURRENCY, Tenant.InvalidRows.REFUSE, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
        String batchId = accepted.batch().batchId();
        assertThat(accepted.released()).hasSize(2);
        assertThat(transfers.find(accepted.released().get(0).transferId())).isEmpty();

        JsonNode ended = notified(batchId, "ENDED");

        assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(ended.path("amounts").path("completed").asText()).isEqualTo("6");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo("989.5"); // 1000 - 6 - 3 x 1.50
        for (BulkItem item : store.items(batchId, null, 0, 10)) {
            assertThat(transfers.find(item.transferId()).orElseThrow().state()).as("line " + item.line()).isEqualTo(TransferState.COMMITTED);
        }
    }

    @Test
    void aBatchsTransfersDebitTheAccountItsUploadFoundWithoutLookingThePayerUpAgain() throws Exception {
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        BulkBatches.Submitted submitted = batches.submit(TENANTS.byName("dfsp1").orElseThrow(), new BatchOrder("dfsp1", ALICE, null),
                List.of(row(2, "a", dalila, "1", "one"), row(3, "b", dalila, "2", "two"), row(4, "c", dalila, "3", "three")).iterator());
        BulkBatch accepted = ((BulkBatchStore.Submission.Accepted) submitted.submission()).batch();
        assertThat(store.find(accepted.batchId()).orElseThrow().payerAccount()).isEqualTo("dfsp1-alice-usd");
        // Alice's number leaves core banking after the upload: a transfer that looked her up again would fail.
        fineract.admin().removeIdentifier("dfsp1", ALICE.type(), ALICE.value());

        send(submitted.emits());
        JsonNode ended = notified(accepted.batchId(), "ENDED");

        assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(ended.path("amounts").path("completed").asText()).isEqualTo("6");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo("989.5"); // 1000 - 6 - 3 x 1.50
        for (BulkItem item : store.items(accepted.batchId(), null, 0, 10)) {
            assertThat(transfers.find(item.transferId()).orElseThrow().payerAccount()).isEqualTo("dfsp1-alice-usd");
        }
        assertThat(fineract.admin().holds("dfsp1")).as("holds left").isEmpty();
    }

    @Test
    void aBatchInFspiopBulkKeepsTwoGroupsInFlightSoTheNextFillsWhileTheOneBeforeIsPaid() throws Exception {
        Map<String, Object> dfsp1 = TestTenantConfigs.valid("dfsp1", "dfsp1fsp", fineract.fineractUrl());
        dfsp1.put("onus.routing", "SWITCH");
        dfsp1.put("bulk.fspiop", "true");
        dfsp1.put("bulk.fspiopMaxTransfers", "2");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", dfsp1);
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        BigDecimal dalilaBefore = balance("dfsp2", "dfsp2-dalila-usd");
        List<BatchRow> rows = new ArrayList<>();
        for (int line = 2; line <= 6; line++) {
            rows.add(row(line, "r-" + line, dalila, "1", "row " + line));
        }

        BulkBatches.Submitted submitted = batches.submit(TENANTS.byName("dfsp1").orElseThrow(), new BatchOrder("dfsp1", ALICE, null),
                rows.iterator());
        BulkBatchStore.Submission.Accepted accepted = (BulkBatchStore.Submission.Accepted) submitted.submission();
        send(submitted.emits());

        assertThat(accepted.released()).as("two bulk messages' worth of rows started at once, not the batch's concurrency of "
                + CONCURRENCY).hasSize(4);
        JsonNode ended = notified(accepted.batch().batchId(), "ENDED");
        assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(ended.path("counts").path("COMPLETED").asInt()).isEqualTo(5);
        assertThat(balance("dfsp2", "dfsp2-dalila-usd")).isEqualByComparingTo(dalilaBefore.add(new BigDecimal("5")));
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo("987.5"); // 1000 - 5 - 5 x 1.50
        assertThat(fineract.admin().holds("dfsp1")).as("holds left").isEmpty();
    }

    @Test
    void aTransferEndedTwiceIsCountedOnce() throws Exception {
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        BulkBatches.Submitted submitted = batches.submit(TENANTS.byName("dfsp1").orElseThrow(), new BatchOrder("dfsp1", ALICE, null),
                List.of(row(2, "a", dalila, "4", "only")).iterator());
        send(submitted.emits());
        String batchId = ((BulkBatchStore.Submission.Accepted) submitted.submission()).batch().batchId();
        notified(batchId, "ENDED");
        BulkItem item = store.items(batchId, null, 0, 10).get(0);

        assertThat(batches.transferEnded(item.transferId(), "COMMITTED", new BigDecimal("1.5"), null, null)).isEmpty();

        BulkBatch batch = store.find(batchId).orElseThrow();
        assertThat(batch.completed()).isEqualTo(1);
        assertThat(batch.completedAmount()).isEqualByComparingTo("4");
        assertThat(batch.state()).isEqualTo(BatchState.COMPLETED);
    }

    @Test
    void aBatchAboveThePayersAvailableBalanceOrFromAnUnknownPayerIsRefusedAndNothingIsRecorded() throws Exception {
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        PartyId dalila = PartyId.of("MSISDN", "255710000001");
        String ref = "too-much-" + UUID.randomUUID();

        BulkBatches.Submitted tooMuch = batches.submit(dfsp1, new BatchOrder("dfsp1", ALICE, ref), List.of(row(2, "a", dalila, "600", "a"),
                row(3, "b", dalila, "500", "b")).iterator());
        BulkBatches.Submitted nobody = batches.submit(dfsp1, new BatchOrder("dfsp1", NOBODY, null), List.of(row(2, "a", dalila, "1", "a"))
                .iterator());

        assertThat(tooMuch.submission()).isInstanceOfSatisfying(BulkBatchStore.Submission.NotPayable.class, refused -> assertThat(
                refused.reason()).isEqualTo("the batch's total of 1100 USD is above the payer's available balance of 1000 USD (fees come on top)"));
        assertThat(tooMuch.emits()).isEmpty();
        assertThat(store.findByClientRef("dfsp1", ref)).as("nothing recorded").isEmpty();
        assertThat(nobody.submission()).isInstanceOfSatisfying(BulkBatchStore.Submission.NotPayable.class, refused -> assertThat(
                refused.reason()).contains("is not an account of dfsp1"));
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo("1000");
    }
}
