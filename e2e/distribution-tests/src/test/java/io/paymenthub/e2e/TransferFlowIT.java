package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * The lab, run by the built distribution: the hub with tenants dfsp1 and dfsp2 on the Fineract
 * simulator, and the Mojaloop Testing Toolkit in hub mode as the switch between them (configured
 * by lab/ttk/configure-hub-mode.js, as lab/run does). Transfers are asked for through the channel
 * API, as a channel would, and checked as its user would: the final state, the fees, the
 * balances in Fineract and no hold left behind.
 */
class TransferFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("COMMITTED", "ABORTED", "UNKNOWN");

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("transfer-flow");
        toolkit = LabSetup.startSwitch(hub);
        writeTenant("dfsp1", "SWITCH");
        writeTenant("dfsp2", "SWITCH");
        hub.start();
        hub.awaitTransfersReady(2);
    }

    private static void writeTenant(String tenant, String onUsRouting) throws Exception {
        writeTenant(tenant, onUsRouting, "USD", false);
    }

    private static void writeTenant(String tenant, String onUsRouting, String currencies, boolean payerConfirmation) throws Exception {
        LabSetup.writeTenant(hub, fineract, tenant, onUsRouting, currencies, payerConfirmation);
    }

    /** Changes a tenant's file and waits until the running hub has taken the change. */
    private static void changeTenant(String tenant, String onUsRouting) throws Exception {
        changeTenant(tenant, onUsRouting, "USD", false);
    }

    private static void changeTenant(String tenant, String onUsRouting, String currencies, boolean payerConfirmation,
                                     String... moreSettings) throws Exception {
        String updated = "Tenant " + tenant + " (fspId " + tenant + ") updated";
        long before = hub.logLines().stream().filter(line -> line.contains(updated)).count();
        LabSetup.writeTenant(hub, fineract, tenant, onUsRouting, currencies, payerConfirmation, moreSettings);
        HubDistribution.await("the hub took the change of " + tenant, Duration.ofSeconds(30),
                () -> hub.logLines().stream().filter(line -> line.contains(updated)).count() > before);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract);
    }

    private static Map<String, String> channel(String tenant) {
        return LabSetup.channel(tenant);
    }

    private static HttpResponse<String> create(String key, String payer, String payee, String amount, String scenario) throws Exception {
        return create(key, payer, payee, amount, "USD", scenario);
    }

    private static HttpResponse<String> create(String key, String payer, String payee, String amount, String currency, String scenario)
            throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(channel("dfsp1"));
        headers.put("Idempotency-Key", key);
        return hub.send("POST", "/channel/transfers", headers, """
                {"payer":{"idType":"MSISDN","idValue":"%s"},"payee":{"idType":"MSISDN","idValue":"%s"},
                 "amount":{"amount":"%s","currency":"%s"},"scenario":"%s","note":"lab test"}
                """.formatted(payer, payee, amount, currency, scenario));
    }

    /** Pays from dfsp1 and waits, as the channel would, until the transfer is final. */
    private static JsonNode pay(String payer, String payee, String amount, String scenario) throws Exception {
        HttpResponse<String> accepted = create(UUID.randomUUID().toString(), payer, payee, amount, scenario);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitFinal(JSON.readTree(accepted.body()).path("transferId").asText());
    }

    private static JsonNode awaitFinal(String transferId) throws Exception {
        return HubDistribution.awaitValue("transfer " + transferId + " final", Duration.ofSeconds(90),
                () -> JSON.readTree(hub.send("GET", "/channel/transfers/" + transferId, channel("dfsp1"), null).body()),
                transfer -> FINAL.contains(transfer.path("state").asText()));
    }

    private static BigDecimal balance(String tenant, String account) {
        return fineract.admin().account(tenant, account).balance();
    }

    private static void assertNoHolds() {
        assertThat(fineract.admin().holds("dfsp1")).as("holds on dfsp1").isEmpty();
        assertThat(fineract.admin().holds("dfsp2")).as("holds on dfsp2").isEmpty();
    }

    @Test
    void aP2PTransferThroughTheSwitchIsCommittedWithThePayerDebitedAmountPlusFee() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
        BigDecimal dalila = balance("dfsp2", "dfsp2-dalila-usd");

        JsonNode transfer = pay("255700000001", "255710000001", "25.5", "TRANSFER");

        assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("COMMITTED");
        assertThat(transfer.path("payee").path("name").asText()).isEqualTo("Dalila Omari");
        // Every log line of the transfer names it and its tenant, on the payer's steps and on the payee's side alike.
        String transferId0 = transfer.path("transferId").asText();
        List<String> lines = hub.logLines().stream().filter(line -> line.contains("transfer=" + transferId0 + " ")).toList();
        assertThat(lines).anyMatch(line -> line.contains("tenant=dfsp1 ") && line.contains("route=payer-"))
                .anyMatch(line -> line.contains("tenant=dfsp2 ") && line.contains("route=payee-"));
        assertThat(transfer.path("payee").path("fspId").asText()).isEqualTo("dfsp2");
        assertThat(transfer.path("fees").path("payer").path("amount").asText()).isEqualTo("1.5");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice.subtract(new BigDecimal("27")));
        assertThat(balance("dfsp2", "dfsp2-dalila-usd")).isEqualByComparingTo(dalila.add(new BigDecimal("25.5")));
        assertNoHolds();
        String transferId = transfer.path("transferId").asText();
        assertThat(hub.console("hub:transfers -t dfsp1 -s COMMITTED")).contains(transferId, "25.5 USD");
        assertThat(hub.console("hub:stats")).contains("dfsp1", "Transfers created in the last 60 minutes");
        assertThat(hub.console("hub:transfer " + transferId)).contains("COMMITTED", "Dalila Omari", "RESERVE", "TRANSFER", "COMMIT",
                "payer debit 27 USD");
    }

    @Test
    void theMetricsEndpointCountsEachSidesTransfersAndCoreBankingCallsPerTenantForTheScraperOnly() throws Exception {
        String payerCommitted = "paymenthub_flow_duration_seconds_count";
        double payerBefore = hub.metric(payerCommitted, "flow=payer-transfer", "tenant=dfsp1", "state=COMMITTED");
        double payeeBefore = hub.metric(payerCommitted, "flow=payee-transfer", "tenant=dfsp2", "state=COMMITTED");
        double commitsBefore = hub.metric("paymenthub_core_banking_calls_seconds_count", "tenant=dfsp1", "operation=commit", "outcome=ok");
        double depositsBefore = hub.metric("paymenthub_core_banking_calls_seconds_count", "tenant=dfsp2", "operation=deposit", "outcome=ok");

        assertThat(pay("255700000001", "255710000001", "3", "TRANSFER").path("state").asText()).isEqualTo("COMMITTED");

        // The payee's credit may be recorded just after the payer's end (a reserving payee's PATCH).
        HubDistribution.await("each side's transfer and core-banking call counted", Duration.ofSeconds(20), () ->
                hub.metric(payerCommitted, "flow=payer-transfer", "tenant=dfsp1", "state=COMMITTED") == payerBefore + 1
                        && hub.metric(payerCommitted, "flow=payee-transfer", "tenant=dfsp2", "state=COMMITTED") == payeeBefore + 1
                        && hub.metric("paymenthub_core_banking_calls_seconds_count", "tenant=dfsp1", "operation=commit", "outcome=ok")
                                == commitsBefore + 1
                        && hub.metric("paymenthub_core_banking_calls_seconds_count", "tenant=dfsp2", "operation=deposit", "outcome=ok")
                                == depositsBefore + 1);
        assertThat(hub.metric("paymenthub_flow_duration_seconds_sum", "flow=payer-transfer", "tenant=dfsp1")).isPositive();
        String scraped = hub.scrape(HubDistribution.METRICS_PASSWORD).body();
        assertThat(scraped).contains("paymenthub_queue_messages{queue=\"", "jvm_memory_used_bytes", "process_files_open_files");
        assertThat(hub.scrape("not-the-password").statusCode()).isEqualTo(401);
    }

    @Test
    void aMerchantPaymentThroughTheSwitchIsCommitted() throws Exception {
        BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");
        BigDecimal elia = balance("dfsp2", "dfsp2-elia-usd");

        JsonNode transfer = pay("255700000002", "255710000002", "12", "PAYMENT");

        assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("COMMITTED");
        assertThat(transfer.path("scenario").asText()).isEqualTo("PAYMENT");
        assertThat(balance("dfsp1", "dfsp1-bakari-usd")).isEqualByComparingTo(bakari.subtract(new BigDecimal("12")));
        assertThat(balance("dfsp2", "dfsp2-elia-usd")).isEqualByComparingTo(elia.add(new BigDecimal("12")));
        assertNoHolds();
    }

    @Test
    void aPayeeTheirFspDoesNotHoldEndsAbortedWith3204AndNothingMoves() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");

        JsonNode transfer = pay("255700000001", "255719999999", "5", "TRANSFER");

        assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("3204");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice);
        assertNoHolds();
    }

    @Test
    void insufficientFundsEndAbortedWithNothingHeld() throws Exception {
        BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");

        JsonNode transfer = pay("255700000002", "255710000001", "100000", "TRANSFER");

        assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("4001");
        assertThat(balance("dfsp1", "dfsp1-bakari-usd")).isEqualByComparingTo(bakari);
        assertNoHolds();
    }

    @Test
    void aRepeatedChannelRequestIsReplayedAndPaysOnce() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = create(key, "255700000001", "255710000002", "3", "TRANSFER");
        HttpResponse<String> again = create(key, "255700000001", "255710000002", "3", "TRANSFER");
        JsonNode transfer = awaitFinal(JSON.readTree(first.body()).path("transferId").asText());

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(transfer.path("state").asText()).isEqualTo("COMMITTED");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).as("debited once").isEqualByComparingTo(alice.subtract(new BigDecimal("4.5")));
    }

    @Test
    void aSuspendedTenantTakesNoNewWorkFinishesWhatIsInFlightAndTakesItAgainOnceResumed() throws Exception {
        HttpResponse<String> inFlight = create(UUID.randomUUID().toString(), "255700000001", "255710000002", "2", "TRANSFER");
        assertThat(inFlight.statusCode()).as(inFlight.body()).isEqualTo(202);
        String inFlightId = JSON.readTree(inFlight.body()).path("transferId").asText();

        assertThat(hub.console("hub:tenant-suspend --reason \"core banking upgrade\" dfsp1")).contains("takes no new work");
        HubDistribution.awaitValue("dfsp1 suspended", Duration.ofSeconds(30), () -> hub.console("hub:tenants"),
                tenants -> tenants.lines().anyMatch(line -> line.contains("dfsp1") && line.contains("SUSPENDED: core banking upgrade")));
        HttpResponse<String> refused = create(UUID.randomUUID().toString(), "255700000001", "255710000002", "2", "TRANSFER");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("TENANT_SUSPENDED");
        assertThat(awaitFinal(inFlightId).path("state").asText()).as("what was in flight ends").isEqualTo("COMMITTED");

        hub.console("hub:tenant-resume dfsp1");
        HubDistribution.awaitValue("dfsp1 active", Duration.ofSeconds(30), () -> hub.console("hub:tenants"),
                tenants -> tenants.lines().anyMatch(line -> line.contains("dfsp1") && line.contains("ACTIVE")));
        assertThat(pay("255700000001", "255710000002", "2", "TRANSFER").path("state").asText()).isEqualTo("COMMITTED");
    }

    @Test
    void aTenantCannotReadAnotherTenantsTransfer() throws Exception {
        HttpResponse<String> accepted = create(UUID.randomUUID().toString(), "255700000001", "255710000001", "1", "TRANSFER");
        String transferId = JSON.readTree(accepted.body()).path("transferId").asText();

        HttpResponse<String> asDfsp2 = hub.send("GET", "/channel/transfers/" + transferId, channel("dfsp2"), null);

        assertThat(asDfsp2.statusCode()).isEqualTo(404);
        awaitFinal(transferId);
    }

    @Test
    void anOnUsTransferIsBookedDirectlyWhenTheTenantSaysSo() throws Exception {
        changeTenant("dfsp1", "DIRECT");
        try {
            BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
            BigDecimal elia = balance("dfsp2", "dfsp2-elia-usd");

            JsonNode transfer = pay("255700000001", "255710000002", "2", "TRANSFER");

            assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("COMMITTED");
            assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice.subtract(new BigDecimal("3.5")));
            assertThat(balance("dfsp2", "dfsp2-elia-usd")).isEqualByComparingTo(elia.add(new BigDecimal("2")));
            assertNoHolds();
            assertThat(hub.console("hub:transfer " + transfer.path("transferId").asText())).contains("CREDIT", "(on-us)")
                    .doesNotContain("POST /transfers");
        } finally {
            changeTenant("dfsp1", "SWITCH");
        }
    }

    @Test
    void aPayeeFspRejectingTheQuoteEndsTheTransferAbortedWithItsReason() throws Exception {
        changeTenant("dfsp1", "SWITCH", "USD,TZS", false);
        try {
            BigDecimal chausiku = balance("dfsp1", "dfsp1-chausiku-tzs");

            HttpResponse<String> accepted = create(UUID.randomUUID().toString(), "255700000003", "255710000001", "5000", "TZS", "TRANSFER");
            JsonNode transfer = awaitFinal(JSON.readTree(accepted.body()).path("transferId").asText());

            assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("ABORTED");
            assertThat(transfer.path("failure").path("code").asText()).as("dfsp2 holds no TZS account").isEqualTo("5106");
            assertThat(balance("dfsp1", "dfsp1-chausiku-tzs")).isEqualByComparingTo(chausiku);
            assertNoHolds();
        } finally {
            changeTenant("dfsp1", "SWITCH");
        }
    }

    @Test
    void aConfirmedTransferThatThePayeeFspFailsComesBackAsAnErrorCallbackAndTheHoldIsReleased() throws Exception {
        changeTenant("dfsp1", "SWITCH", "USD", true);
        try {
            BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
            HttpResponse<String> accepted = create(UUID.randomUUID().toString(), "255700000001", "255710000001", "8", "USD", "TRANSFER");
            String transferId = JSON.readTree(accepted.body()).path("transferId").asText();
            JsonNode quoted = HubDistribution.awaitValue("transfer " + transferId + " awaiting the payer", Duration.ofSeconds(60),
                    () -> JSON.readTree(hub.send("GET", "/channel/transfers/" + transferId, channel("dfsp1"), null).body()),
                    t -> !"RECEIVED".equals(t.path("state").asText()) && !t.path("state").asText().endsWith("_SENT")
                            && !"PARTY_FOUND".equals(t.path("state").asText()));
            assertThat(quoted.path("state").asText()).as(quoted.toString()).isEqualTo("AWAITING_CONFIRMATION");
            assertThat(quoted.path("payerDebit").path("amount").asText()).isEqualTo("9.5");

            // dfsp2's core banking goes away after its quote: its payee flow can only refuse the transfer.
            fineract.admin().removeTenant("dfsp2");
            HttpResponse<String> confirmed;
            try {
                confirmed = hub.send("POST", "/channel/transfers/" + transferId + "/confirmation", channel("dfsp1"), "{\"accept\":true}");
                assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
                JsonNode transfer = awaitFinal(transferId);

                assertThat(transfer.path("state").asText()).as(transfer.toString()).isEqualTo("ABORTED");
                assertThat(transfer.path("failure").path("code").asText()).isNotBlank();
                assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice);
                assertThat(fineract.admin().holds("dfsp1")).as("the payer's hold released").isEmpty();
                assertThat(hub.console("hub:transfer " + transferId)).contains("RESERVE", "RELEASING", "ABORTED");
            } finally {
                fineract.admin().seedTenant(SeedLoader.labSeed().tenants().stream().filter(t -> t.id().equals("dfsp2")).findFirst().orElseThrow());
            }
        } finally {
            changeTenant("dfsp1", "SWITCH");
        }
    }

    /**
     * A payroll of 200 rows from Alice's account through the channel API: 190 to dfsp2's customers,
     * 10 to a number no FSP holds. The batch ends COMPLETED_WITH_ERRORS with exact counts, amounts
     * and balances, no hold left, and its report and console view say the same.
     */
    @Test
    void aPayrollOf200RowsWithUnknownPayeesEndsCompletedWithErrorsWithExactTotalsAndBalances() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
        BigDecimal dalila = balance("dfsp2", "dfsp2-dalila-usd");
        BigDecimal elia = balance("dfsp2", "dfsp2-elia-usd");
        StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency,note\n");
        for (int row = 1; row <= 200; row++) {
            String payee = row % 20 == 0 ? "255719999999" : row % 2 == 0 ? "255710000001" : "255710000002";
            csv.append("emp-").append(row).append(",MSISDN,").append(payee).append(",1,USD,salary row ").append(row).append('\n');
        }
        Map<String, String> headers = new java.util.HashMap<>(channel("dfsp1"));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        headers.put("Content-Type", "text/csv");

        HttpResponse<String> accepted = hub.send("POST", "/channel/batches?payerIdType=MSISDN&payerIdValue=255700000001&clientRef=payroll-"
                + UUID.randomUUID(), headers, csv.toString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String batchId = JSON.readTree(accepted.body()).path("batchId").asText();
        JsonNode batch = HubDistribution.awaitValue("batch " + batchId + " ended", Duration.ofSeconds(240),
                () -> JSON.readTree(hub.send("GET", "/channel/batches/" + batchId, channel("dfsp1"), null).body()),
                b -> !"RUNNING".equals(b.path("state").asText()));
        assertThat(batch.path("state").asText()).as(batch.toString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(batch.path("counts").path("COMPLETED").asInt()).isEqualTo(190);
        assertThat(batch.path("counts").path("FAILED").asInt()).isEqualTo(10);
        assertThat(batch.path("amounts").path("completed").asText()).isEqualTo("190");
        assertThat(batch.path("amounts").path("fees").asText()).isEqualTo("285");
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice.subtract(new BigDecimal("475")));
        // Even rows to Dalila (100, of which the 10 rows divisible by 20 go to nobody), odd rows to Elia (100).
        assertThat(balance("dfsp2", "dfsp2-dalila-usd")).isEqualByComparingTo(dalila.add(new BigDecimal("90")));
        assertThat(balance("dfsp2", "dfsp2-elia-usd")).isEqualByComparingTo(elia.add(new BigDecimal("100")));
        assertNoHolds();
        JsonNode failed = JSON.readTree(hub.send("GET", "/channel/batches/" + batchId + "/items?state=FAILED", channel("dfsp1"), null).body());
        assertThat(failed.path("items")).hasSize(10).allSatisfy(item -> {
            assertThat(item.path("payee").path("idValue").asText()).isEqualTo("255719999999");
            assertThat(item.path("failure").path("code").asText()).isEqualTo("3204");
        });
        String report = hub.send("GET", "/channel/batches/" + batchId + "/report", channel("dfsp1"), null).body();
        assertThat(report.lines()).hasSize(201);
        assertThat(report.lines().filter(line -> line.contains(",COMPLETED,"))).hasSize(190);
        assertThat(hub.console("hub:bulk " + batchId)).contains("COMPLETED_WITH_ERRORS", "completed  190 (190 USD, fees 285 USD)",
                "failed     10 (10 USD)", "3204");
    }

    /**
     * dfsp1's batches wait for its finance manager: the channel that uploads one cannot approve it,
     * the approver can; a rejected batch pays nothing.
     */
    @Test
    void aBatchIsPaidOnlyOnceTheApproverApprovesItAndARejectedOnePaysNothing() throws Exception {
        changeTenant("dfsp1", "SWITCH", "USD", false, "bulk.approver.clientId = dfsp1-finance",
                "bulk.approver.secretHash = " + io.paymenthub.core.tenant.SecretHash.hash("finance-secret"));
        try {
            BigDecimal employer = balance("dfsp1", "dfsp1-kilimo-usd");
            Map<String, String> approver = new java.util.HashMap<>(channel("dfsp1"));
            approver.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    "dfsp1-finance:finance-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String payroll = "id,payee_identifier_type,payee_identifier,amount,currency\n1,MSISDN,255710000003,2,USD\n"
                    + "2,MSISDN,255710000004,3,USD\n";
            String approved = upload(payroll);
            String rejected = upload(payroll);
            assertThat(batchState(approved)).isEqualTo("AWAITING_APPROVAL");

            HttpResponse<String> byTheChannel = hub.send("POST", "/channel/batches/" + approved + "/approval", channel("dfsp1"),
                    "{\"approve\":true}");
            HttpResponse<String> byTheApprover = hub.send("POST", "/channel/batches/" + approved + "/approval", approver,
                    "{\"approve\":true}");
            HttpResponse<String> rejection = hub.send("POST", "/channel/batches/" + rejected + "/approval", approver,
                    "{\"approve\":false,\"reason\":\"paid twice this month\"}");

            assertThat(byTheChannel.statusCode()).as(byTheChannel.body()).isEqualTo(403);
            assertThat(byTheApprover.statusCode()).as(byTheApprover.body()).isEqualTo(200);
            assertThat(rejection.statusCode()).as(rejection.body()).isEqualTo(200);
            JsonNode paid = HubDistribution.awaitValue("the approved batch ended", Duration.ofSeconds(90),
                    () -> JSON.readTree(hub.send("GET", "/channel/batches/" + approved, channel("dfsp1"), null).body()),
                    b -> !"RUNNING".equals(b.path("state").asText()));
            assertThat(paid.path("state").asText()).as(paid.toString()).isEqualTo("COMPLETED");
            assertThat(batchState(rejected)).isEqualTo("REJECTED");
            assertThat(balance("dfsp1", "dfsp1-kilimo-usd")).as("the approved batch only").isEqualByComparingTo(employer.subtract(
                    new BigDecimal("5")));
            assertThat(hub.console("hub:bulk " + rejected)).contains("REJECTED", "rejected by dfsp1-finance: paid twice this month");
        } finally {
            changeTenant("dfsp1", "SWITCH");
        }
    }

    /**
     * dfsp1 pays its batches in FSPIOP bulk: the employer's payroll of 60 rows goes to dfsp2 as bulk
     * quotes and bulk transfers through the Testing Toolkit (dfsp2's side of the hub answering them
     * per transfer), the 6 rows to a number dfsp2 does not hold fail in the lookup, and the totals,
     * balances and report are exact.
     */
    @Test
    void aPayrollInFspiopBulkGoesAsBulkQuotesAndBulkTransfersAndEndsWithExactTotalsAndBalances() throws Exception {
        changeTenant("dfsp1", "SWITCH", "USD", false, "bulk.fspiop = true", "bulk.fspiopMaxTransfers = 25");
        try {
            BigDecimal employer = balance("dfsp1", "dfsp1-kilimo-usd");
            BigDecimal amani = balance("dfsp2", "dfsp2-amani-usd");
            BigDecimal baraka = balance("dfsp2", "dfsp2-baraka-usd");
            long bulkTransfersBefore = logLinesWith("POST /bulkTransfers to dfsp2");
            StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency,note\n");
            for (int row = 1; row <= 60; row++) {
                String payee = row % 10 == 0 ? "255719999999" : row % 2 == 0 ? "255710000003" : "255710000004";
                csv.append("bulk-").append(row).append(",MSISDN,").append(payee).append(",2.5,USD,payroll row ").append(row).append('\n');
            }

            String batchId = upload(csv.toString());
            JsonNode batch = HubDistribution.awaitValue("batch " + batchId + " ended", Duration.ofSeconds(180),
                    () -> JSON.readTree(hub.send("GET", "/channel/batches/" + batchId, channel("dfsp1"), null).body()),
                    b -> !"RUNNING".equals(b.path("state").asText()));

            assertThat(batch.path("state").asText()).as(batch.toString()).isEqualTo("COMPLETED_WITH_ERRORS");
            assertThat(batch.path("counts").path("COMPLETED").asInt()).isEqualTo(54);
            assertThat(batch.path("counts").path("FAILED").asInt()).isEqualTo(6);
            assertThat(batch.path("amounts").path("completed").asText()).isEqualTo("135");
            // Kilimo's account has no fee: what left it is what the payees got.
            assertThat(balance("dfsp1", "dfsp1-kilimo-usd")).isEqualByComparingTo(employer.subtract(new BigDecimal("135")));
            assertThat(balance("dfsp2", "dfsp2-amani-usd")).isEqualByComparingTo(amani.add(new BigDecimal("60")));
            assertThat(balance("dfsp2", "dfsp2-baraka-usd")).isEqualByComparingTo(baraka.add(new BigDecimal("75")));
            assertNoHolds();
            // 54 transfers in groups of at most 25: three bulk transfers at least, and no single transfer for the batch.
            assertThat(logLinesWith("POST /bulkTransfers to dfsp2") - bulkTransfersBefore).isGreaterThanOrEqualTo(3);
            JsonNode failed = JSON.readTree(hub.send("GET", "/channel/batches/" + batchId + "/items?state=FAILED", channel("dfsp1"), null)
                    .body());
            assertThat(failed.path("items")).hasSize(6).allSatisfy(item ->
                    assertThat(item.path("failure").path("code").asText()).isEqualTo("3204"));
            String report = hub.send("GET", "/channel/batches/" + batchId + "/report", channel("dfsp1"), null).body();
            assertThat(report.lines().filter(line -> line.contains(",COMPLETED,"))).hasSize(54);
            // The operator sees the batch's bulk messages, each with its ids, its payee FSP and where it stands.
            assertThat(hub.console("hub:bulk " + batchId).lines().filter(line -> line.contains("dfsp2") && line.contains("DONE")))
                    .hasSizeGreaterThanOrEqualTo(3);
        } finally {
            changeTenant("dfsp1", "SWITCH");
        }
    }

    /**
     * A payroll of 200 rows in FSPIOP bulk while one payee FSP refuses everything (dfsp2, whose core
     * banking no longer knows it): 130 rows to dfsp1's own customers go through the switch in bulk
     * and are paid; the 50 to dfsp2's customers fail, dfsp2 answering their lookups with 2001; so do
     * the 20 to a number dfsp1 does not hold, as the lab's switch asks the hub without naming a
     * tenant and the hub cannot say "not found" while dfsp2 cannot be asked. The batch ends
     * COMPLETED_WITH_ERRORS with exact counts, totals and balances.
     */
    @Test
    void aPayrollOf200RowsInFspiopBulkWithAPayeeFspRefusingEndsWithExactTotalsAndBalances() throws Exception {
        changeTenant("dfsp1", "SWITCH", "USD", false, "bulk.fspiop = true", "bulk.fspiopMaxTransfers = 100");
        fineract.admin().removeTenant("dfsp2");
        try {
            BigDecimal employer = balance("dfsp1", "dfsp1-kilimo-usd");
            BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
            BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");
            StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency,note\n");
            for (int row = 1; row <= 200; row++) {
                String payee = row % 10 == 0 ? "255709999999" : row % 4 == 1 ? "255710000005" : row % 2 == 0 ? "255700000001"
                        : "255700000002";
                csv.append("pay-").append(row).append(",MSISDN,").append(payee).append(",1,USD,wages row ").append(row).append('\n');
            }

            String batchId = upload(csv.toString());
            JsonNode batch = HubDistribution.awaitValue("batch " + batchId + " ended", Duration.ofSeconds(240),
                    () -> JSON.readTree(hub.send("GET", "/channel/batches/" + batchId, channel("dfsp1"), null).body()),
                    b -> !"RUNNING".equals(b.path("state").asText()));

            assertThat(batch.path("state").asText()).as(batch.toString()).isEqualTo("COMPLETED_WITH_ERRORS");
            assertThat(batch.path("counts").path("COMPLETED").asInt()).isEqualTo(130);
            assertThat(batch.path("counts").path("FAILED").asInt()).isEqualTo(70);
            assertThat(batch.path("amounts").path("completed").asText()).isEqualTo("130");
            assertThat(balance("dfsp1", "dfsp1-kilimo-usd")).isEqualByComparingTo(employer.subtract(new BigDecimal("130")));
            assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice.add(new BigDecimal("80")));
            assertThat(balance("dfsp1", "dfsp1-bakari-usd")).isEqualByComparingTo(bakari.add(new BigDecimal("50")));
            assertThat(fineract.admin().holds("dfsp1")).as("holds on dfsp1").isEmpty();
            JsonNode failed = JSON.readTree(hub.send("GET", "/channel/batches/" + batchId + "/items?state=FAILED&limit=100",
                    channel("dfsp1"), null).body());
            Map<String, Long> failures = new java.util.TreeMap<>();
            failed.path("items").forEach(item -> failures.merge(item.path("payee").path("idValue").asText() + " "
                    + item.path("failure").path("code").asText(), 1L, Long::sum));
            assertThat(failures).containsExactly(Map.entry("255709999999 2001", 20L), Map.entry("255710000005 2001", 50L));
            String report = hub.send("GET", "/channel/batches/" + batchId + "/report", channel("dfsp1"), null).body();
            assertThat(report.lines().filter(line -> line.contains(",COMPLETED,"))).hasSize(130);
        } finally {
            fineract.admin().seedTenant(SeedLoader.labSeed().tenants().stream().filter(t -> t.id().equals("dfsp2")).findFirst().orElseThrow());
            changeTenant("dfsp1", "SWITCH");
        }
    }

    private static long logLinesWith(String text) throws Exception {
        return hub.logLines().stream().filter(line -> line.contains(text)).count();
    }

    private static String upload(String csv) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(channel("dfsp1"));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        headers.put("Content-Type", "text/csv");
        HttpResponse<String> accepted = hub.send("POST", "/channel/batches?payerIdType=MSISDN&payerIdValue=255700000010", headers, csv);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("batchId").asText();
    }

    private static String batchState(String batchId) throws Exception {
        return JSON.readTree(hub.send("GET", "/channel/batches/" + batchId, channel("dfsp1"), null).body()).path("state").asText();
    }
}
