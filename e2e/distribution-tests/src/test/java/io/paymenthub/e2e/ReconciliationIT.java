package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.TransactionSnapshot;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * End-of-day reconciliation on the built distribution, with the Testing Toolkit as switch and the
 * Fineract simulator as both tenants' core banking: a day of transfers in and out, an on-us
 * transfer, a payroll and a request to pay reconciles with no break and with totals whose net positions cancel out,
 * and the switch's settled window agrees with dfsp1's net and is booked once in its treasury
 * accounts; then a booking taken away in core banking, a hold left behind and a window whose net
 * differs are found, each with its class and amount; a day run again gives the same report.
 */
class ReconciliationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("COMMITTED", "ABORTED", "UNKNOWN");

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("reconciliation");
        toolkit = LabSetup.startSwitch(hub);
        // dfsp1 pays dfsp2 through the switch; dfsp2 books its payments to dfsp1 on-us.
        // dfsp1 is participant 1 of the switch's settlement API; each settled window is booked in its treasury's accounts.
        LabSetup.writeTenant(hub, fineract, "dfsp1", "SWITCH", "USD", false, "requests.autoAcceptUpTo = 5", "settlement.participantId = 1",
                "settlement.settlementAccount = dfsp1-settlement-usd", "settlement.positionAccount = dfsp1-position-usd");
        // dfsp2's days are also reconciled on a schedule: at midnight, the day just closed. A hub
        // started later in the day runs the day it missed at its first check (every 5 s here).
        LabSetup.writeTenant(hub, fineract, "dfsp2", "DIRECT", "USD", false, "reconciliation.schedule = 0 0 0 * * ?");
        hub.appendEtc("io.paymenthub.reconciliation.cfg", "scheduleCheckMillis = 5000\n");
        hub.start();
        hub.awaitTransfersReady(2);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract);
    }

    @Test
    void aDayReconcilesWithoutBreaksAndEveryBreakMadeOnPurposeIsFound() throws Exception {
        Instant windowOpened = Instant.now().minusSeconds(1);
        JsonNode p2p = pay("dfsp1", "255700000001", "255710000001", "25.5");
        JsonNode onUs = pay("dfsp2", "255710000001", "255700000002", "4");
        JsonNode refused = pay("dfsp1", "255700000001", "255719999999", "5");
        assertThat(p2p.path("state").asText()).as(p2p.toString()).isEqualTo("COMMITTED");
        assertThat(onUs.path("state").asText()).as(onUs.toString()).isEqualTo("COMMITTED");
        assertThat(refused.path("state").asText()).as(refused.toString()).isEqualTo("ABORTED");
        payroll("255710000003", "255710000004", "255719999999");
        // Dalila (dfsp2) asks Bakari (dfsp1) for 3 USD; dfsp1 pays requests up to 5 without asking him.
        requestToPay("255700000002", "255710000001", "3");
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        // The switch closed a window over all of it and settled it: dfsp1 pays the 30.5 its customers sent.
        Instant windowClosed = Instant.now();
        settlementWindows(window(21, windowOpened, windowClosed, "SETTLED", "30.5"));

        String dfsp1 = hub.console("hub:reconcile dfsp1 " + day);
        String dfsp2 = hub.console("hub:reconcile dfsp2 " + day);

        assertThat(dfsp1).as(dfsp1).contains("breaks     0", "out 4 (30.5, fees 4.5)", "on-us in 1 (4)", "net position -30.5");
        assertThat(dfsp2).as(dfsp2).contains("breaks     0", "in 4 (30.5)", "on-us out 1 (4)", "net position 30.5");
        assertThat(dfsp1).as(dfsp1).contains("window 21 USD: switch 30.5, hub 30.5, SETTLED/SETTLED, booked");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-settlement-usd").balance()).isEqualByComparingTo("99969.5");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-position-usd").balance()).isEqualByComparingTo("100030.5");
        JsonNode report = report("dfsp1", day);
        assertThat(report.path("breakCount").asInt()).isZero();
        assertThat(report.path("summary").path("currencies").path("USD").path("netPosition").asText()).isEqualTo("-30.5");
        assertThat(report.path("summary").path("transferStates").path("ABORTED").asInt()).as("the refused transfer and payroll row")
                .isEqualTo(2);

        // Core banking loses the credit of the switch's transfer to Dalila; a hold is put on Alice for the refused transfer.
        String p2pId = p2p.path("transferId").asText();
        TransactionSnapshot credit = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").transactions().stream()
                .filter(t -> "DEPOSIT".equals(t.type()) && p2pId.equals(t.receiptNumber())).findFirst().orElseThrow();
        fineract.admin().forgetTransaction("dfsp2", "dfsp2-dalila-usd", credit.id());
        String refusedId = refused.path("transferId").asText();
        holdInFineract("dfsp1", "dfsp1-alice-usd", refusedId, "5");

        String dfsp2Again = hub.console("hub:reconcile dfsp2 " + day);
        String dfsp1Again = hub.console("hub:reconcile dfsp1 " + day);

        assertThat(dfsp2Again).as(dfsp2Again).contains("breaks     1", "NOT_BOOKED", p2pId, "25.5 USD", "dfsp2-dalila-usd");
        assertThat(dfsp1Again).as(dfsp1Again).contains("breaks     1", "STALE_HOLD", refusedId, "5 USD", "dfsp1-alice-usd",
                "Release the hold");
        JsonNode dfsp1Report = report("dfsp1", day);
        assertThat(dfsp1Report.path("breaks")).singleElement().satisfies(b -> {
            assertThat(b.path("class").asText()).isEqualTo("STALE_HOLD");
            assertThat(b.path("transferId").asText()).isEqualTo(refusedId);
            assertThat(b.path("bookedAmount").asText()).isEqualTo("5");
        });
        String csv = Files.readString(reports().resolve("dfsp2").resolve(day + "-breaks.csv"));
        assertThat(csv.lines()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("dfsp2," + day + ",NOT_BOOKED," + p2pId
                + ",dfsp2-dalila-usd,USD,25.5,,"));

        // The same day run again: the same report, and it replaces the earlier run.
        hub.console("hub:reconcile dfsp1 " + day);
        assertThat(withoutRunFields(report("dfsp1", day))).isEqualTo(withoutRunFields(dfsp1Report));
        String runs = hub.console("hub:reconciliations -t dfsp1");
        assertThat(runs).as(runs).contains("1 run(s)");
        assertThat(hub.console("hub:reconciliation dfsp2 " + day)).contains("NOT_BOOKED", p2pId);

        // The tenant's back office reads the same over the channel API, and runs the day there too; its channel may not.
        assertThat(hub.send("GET", "/channel/reconciliations/" + day, LabSetup.channel("dfsp1"), null).statusCode()).isEqualTo(403);
        HttpResponse<String> overRest = hub.send("GET", "/channel/reconciliations/" + day, LabSetup.backOffice("dfsp1"), null);
        assertThat(overRest.statusCode()).as(overRest.body()).isEqualTo(200);
        assertThat(JSON.readTree(overRest.body()).path("breaks")).singleElement()
                .satisfies(b -> assertThat(b.path("class").asText()).isEqualTo("STALE_HOLD"));
        HttpResponse<String> runOverRest = hub.send("POST", "/channel/reconciliations/" + day, LabSetup.backOffice("dfsp2"), "");
        assertThat(runOverRest.statusCode()).as(runOverRest.body()).isEqualTo(200);
        assertThat(JSON.readTree(runOverRest.body()).path("breakCount").asInt()).isEqualTo(1);

        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String scheduled = HubDistribution.awaitValue("dfsp2's scheduled run", Duration.ofSeconds(90),
                () -> hub.console("hub:reconciliations -t dfsp2"), listed -> listed.contains("schedule"));
        assertThat(scheduled.lines().filter(line -> line.contains("schedule"))).singleElement()
                .satisfies(line -> assertThat(line).contains(yesterday, "DONE"));

        // The operator releases the stale hold the run found; the transfer's history says who and why.
        String released = hub.console("hub:reconcile-release --reason \"hold left by a test\" dfsp1 " + refusedId);
        assertThat(released).as(released).contains("5 USD released on dfsp1-alice-usd");
        assertThat(fineract.admin().holds("dfsp1")).as("holds on dfsp1").isEmpty();
        assertThat(hub.console("hub:transfer " + refusedId)).contains("HOLD_RELEASED", "hold left by a test", "console:karaf");
        assertThat(hub.console("hub:reconcile dfsp1 " + day)).contains("breaks     0");

        // A later window in which the switch counts 3 USD the hub never moved: the net positions differ. Window 21 was
        // booked once, however often the day ran.
        settlementWindows(window(21, windowOpened, windowClosed, "SETTLED", "30.5"),
                window(22, windowClosed, Instant.now(), "PENDING_SETTLEMENT", "3"));
        String mismatch = hub.console("hub:reconcile dfsp1 " + day);
        assertThat(mismatch).as(mismatch).contains("breaks     1", "NET_POSITION_MISMATCH", "window 22", "3 USD",
                "window 22 USD: switch 3, hub 0, PENDING_SETTLEMENT/PENDING_SETTLEMENT");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-settlement-usd").balance()).isEqualByComparingTo("99969.5");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-position-usd").transactions()).filteredOn(t -> t.receiptNumber() != null)
                .singleElement().satisfies(t -> assertThat(t.note()).isEqualTo("Settlement window 21 of dfsp1"));
        String windows = hub.console("hub:settlement-windows dfsp1");
        assertThat(windows).as(windows).contains("2 window(s) of dfsp1");
    }

    /** A window of the switch's settlement API, with dfsp1's (participant 1) net settlement amount in USD. */
    private static String[] window(long id, Instant opened, Instant closed, String state, String net) {
        return new String[] {Long.toString(id), opened.toString(), closed.toString(), state, net};
    }

    /** What the Toolkit's settlement API answers from now on: these windows, each settled with dfsp1's net. */
    private static void settlementWindows(String[]... windows) throws Exception {
        List<TestingToolkit.SettlementAnswer> answers = new ArrayList<>();
        ArrayNode listed = JSON.createArrayNode();
        for (String[] w : windows) {
            listed.addObject().put("id", Long.parseLong(w[0])).put("state", w[3]).put("reason", "end of day")
                    .put("createdDate", w[1]).put("changedDate", w[2]);
            ObjectNode settlement = JSON.createObjectNode().put("id", 900 + Long.parseLong(w[0])).put("state", w[3]);
            settlement.putArray("participants").addObject().put("id", 1).putArray("accounts").addObject().put("id", 11)
                    .put("state", w[3]).putObject("netSettlementAmount").put("amount", new BigDecimal(w[4])).put("currency", "USD");
            answers.add(new TestingToolkit.SettlementAnswer("/settlements", Map.of("settlementWindowId", w[0], "participantId", "1"), 200,
                    JSON.createArrayNode().add(settlement).toString()));
        }
        answers.add(new TestingToolkit.SettlementAnswer("/settlementWindows", Map.of("participantId", "1"), 200, listed.toString()));
        toolkit.answerSettlementApi(answers);
    }

    private static JsonNode pay(String tenant, String payer, String payee, String amount) throws Exception {
        Map<String, String> headers = new HashMap<>(LabSetup.channel(tenant));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> accepted = hub.send("POST", "/channel/transfers", headers, """
                {"payer":{"idType":"MSISDN","idValue":"%s"},"payee":{"idType":"MSISDN","idValue":"%s"},
                 "amount":{"amount":"%s","currency":"USD"},"scenario":"TRANSFER","note":"reconciliation test"}
                """.formatted(payer, payee, amount));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String transferId = JSON.readTree(accepted.body()).path("transferId").asText();
        return HubDistribution.awaitValue("transfer " + transferId + " final", Duration.ofSeconds(90),
                () -> JSON.readTree(hub.send("GET", "/channel/transfers/" + transferId, LabSetup.channel(tenant), null).body()),
                transfer -> FINAL.contains(transfer.path("state").asText()));
    }

    /** dfsp2's channel asks, for its customer {@code payee}, dfsp1's {@code payer} for money; waits until both sides have ended. */
    private static void requestToPay(String payer, String payee, String amount) throws Exception {
        Map<String, String> headers = new HashMap<>(LabSetup.channel("dfsp2"));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> accepted = hub.send("POST", "/channel/requests", headers, """
                {"payer":{"idType":"MSISDN","idValue":"%s"},"payee":{"idType":"MSISDN","idValue":"%s"},
                 "amount":{"amount":"%s","currency":"USD"},"scenario":"TRANSFER","note":"reconciliation test"}
                """.formatted(payer, payee, amount));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String requestId = JSON.readTree(accepted.body()).path("requestId").asText();
        JsonNode paid = HubDistribution.awaitValue("request " + requestId + " final", Duration.ofSeconds(90),
                () -> JSON.readTree(hub.send("GET", "/channel/requests/" + requestId, LabSetup.channel("dfsp2"), null).body()),
                r -> Set.of("PAID", "REFUSED", "EXPIRED", "FAILED").contains(r.path("state").asText()));
        assertThat(paid.path("state").asText()).as(paid.toString()).isEqualTo("PAID");
        // The payee is paid once its credit is booked; the payer's side records its debit a moment later.
        JsonNode payerSide = HubDistribution.awaitValue("the transfer paying " + requestId + " final for dfsp1", Duration.ofSeconds(60),
                () -> JSON.readTree(hub.send("GET", "/channel/requests/" + requestId, LabSetup.channel("dfsp1"), null).body()),
                r -> FINAL.contains(r.path("transfer").path("state").asText()));
        assertThat(payerSide.path("transfer").path("state").asText()).as(payerSide.toString()).isEqualTo("COMMITTED");
    }

    /** A payroll of dfsp1 from Alice, 1 USD to each payee. */
    private static void payroll(String... payees) throws Exception {
        StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency,note\n");
        for (int row = 0; row < payees.length; row++) {
            csv.append("emp-").append(row).append(",MSISDN,").append(payees[row]).append(",1,USD,salary\n");
        }
        Map<String, String> headers = new HashMap<>(LabSetup.channel("dfsp1"));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        headers.put("Content-Type", "text/csv");
        HttpResponse<String> accepted = hub.send("POST", "/channel/batches?payerIdType=MSISDN&payerIdValue=255700000001", headers,
                csv.toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String batchId = JSON.readTree(accepted.body()).path("batchId").asText();
        JsonNode batch = HubDistribution.awaitValue("batch " + batchId + " ended", Duration.ofSeconds(120),
                () -> JSON.readTree(hub.send("GET", "/channel/batches/" + batchId, LabSetup.channel("dfsp1"), null).body()),
                b -> !"RUNNING".equals(b.path("state").asText()));
        assertThat(batch.path("counts").path("COMPLETED").asInt()).as(batch.toString()).isEqualTo(payees.length - 1);
    }

    /** What an operator's mistake or a failed release leaves in Fineract: a hold with the transfer's code. */
    private static void holdInFineract(String tenant, String account, String transferCode, String amount) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("transactionCode", transferCode);
        body.put("transferCode", transferCode);
        body.put("accountId", account);
        body.putObject("amount").put("amount", new BigDecimal(amount)).put("currency", "USD");
        body.put("transactionRole", "PAYER");
        HttpResponse<String> held = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fineract.fineractUrl() + "/interoperation/transfers?action=PREPARE"))
                .header("Fineract-Platform-TenantId", tenant).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("mifos:password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
    }

    private static Path reports() {
        return hub.home().resolve("data").resolve("reconciliation");
    }

    private static JsonNode report(String tenant, String day) throws Exception {
        return JSON.readTree(reports().resolve(tenant).resolve(day + ".json").toFile());
    }

    private static JsonNode withoutRunFields(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove(java.util.List.of("runId", "startedAt", "finishedAt", "requestedBy"));
        return copy;
    }
}
