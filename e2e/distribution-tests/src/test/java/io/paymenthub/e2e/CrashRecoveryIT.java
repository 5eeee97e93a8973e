package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.TransactionSnapshot;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * The hub killed with {@code kill -9} while transfers are in flight, and started again: every
 * accepted transfer reaches a final state, none is lost, none is debited twice, and the money adds
 * up in Fineract: what left the payer is exactly what the committed transfers and their fees
 * account for, and what reached the payee exactly their amounts. The lab's setup: tenants dfsp1
 * and dfsp2 of the same hub, the Testing Toolkit as switch between them.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRANSFERS = 20;
    private static final BigDecimal AMOUNT = new BigDecimal("1.25");

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("crash-recovery");
        toolkit = LabSetup.startSwitch(hub);
        // Short waits, so that what the crash left unanswered is asked about within the test's time.
        hub.appendEtc("io.paymenthub.flow.payer.cfg", String.join("\n", "lookupTimeoutSeconds = 15", "quoteTimeoutSeconds = 15", "bulkQuoteTimeoutSeconds = 15",
                "transferExpirySeconds = 15", "expiryGraceSeconds = 2", "statusQueryTimeoutSeconds = 5", "statusQueries = 4",
                "stalledStepSeconds = 30", ""));
        hub.appendEtc("io.paymenthub.flow.bulk.cfg", String.join("\n", "stalledItemSeconds = 5", "deadlineCheckMillis = 1000", ""));
        LabSetup.writeLabTenants(hub, fineract, false);
        hub.start();
        hub.awaitTransfersReady(2);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract);
    }

    private static Map<String, String> channel() {
        return LabSetup.channel("dfsp1");
    }

    @Test
    void everyTransferInFlightWhenTheHubIsKilledEndsOnceAndTheMoneyAddsUp() throws Exception {
        InFlightTransfers transfers = InFlightTransfers.send(fineract, TRANSFERS, AMOUNT, "crash", i -> hub);
        // Killed once the first transfers are done, so that the others are caught at every step.
        long finalBeforeCrash = HubDistribution.awaitValue("the first transfers final", Duration.ofSeconds(60),
                () -> transfers.finalCount(hub), done -> done >= 2);

        hub.process().orElseThrow().destroyForcibly();
        HubDistribution.await("the killed hub is gone", Duration.ofSeconds(30), () -> hub.process().isEmpty());
        long restartedAt = System.nanoTime();
        hub.start();
        hub.awaitTransfersReady(2);
        Map<String, String> states = transfers.awaitAllFinal(hub, Duration.ofMinutes(3));

        System.out.printf("kill -9 with %d of %d transfers final before it: after the restart %s, the last %.1f s after the restart began%n",
                finalBeforeCrash, TRANSFERS, InFlightTransfers.summary(states),
                (System.nanoTime() - restartedAt) / 1e9);
        long committed = transfers.assertMoneyAddsUp(states);
        assertThat(committed).as("most transfers commit in the end").isPositive();
    }

    /**
     * The payer flow's and the Fineract connector's routing bundles redeployed while transfers run
     * ({@code bundle:update}, as an operator deploys a new build, or a file dropped into
     * {@code deploy/}): their CamelContexts stop and start again under the transfers, in the middle
     * of their steps and core-banking calls; none is lost, none paid twice.
     */
    @Test
    void theFlowAndTheConnectorRedeployedWhileTransfersRunLoseAndDoubleNothing() throws Exception {
        long startsBefore = contextStarts();
        InFlightTransfers transfers = InFlightTransfers.send(fineract, 40, AMOUNT, "update", i -> hub);
        long finalBeforeUpdate = transfers.finalCount(hub);

        long updatedAt = System.nanoTime();
        for (String bundle : new String[] {"io.paymenthub.blueprint.payer-flow-blueprint", "io.paymenthub.blueprint.fineract-connector-blueprint"}) {
            assertThat(hub.console("bundle:update " + bundle)).as(bundle).doesNotContain("Error", "not found");
        }
        Map<String, String> states = transfers.awaitAllFinal(hub, Duration.ofMinutes(3));

        System.out.printf("bundle:update of the payer flow and the Fineract connector with %d of 40 transfers final before it: %s, "
                + "the last %.1f s after the updates began%n", finalBeforeUpdate,
                InFlightTransfers.summary(states), (System.nanoTime() - updatedAt) / 1e9);
        long committed = transfers.assertMoneyAddsUp(states);
        assertThat(committed).as("most transfers commit in the end").isPositive();
        assertThat(contextStarts()).as("both contexts started again").isEqualTo(startsBefore + 2);
    }

    private static long contextStarts() throws Exception {
        return hub.logLines().stream().filter(line -> line.contains("CamelContext payer-flow started")
                || line.contains("CamelContext fineract-connector started")).count();
    }

    /**
     * A payroll of 60 rows from the employer's account (no fee), the hub killed once a few rows are
     * paid: after the restart the batch runs to its end, every row ends once, no transfer is debited
     * twice, and the batch's totals, its report and the balances agree.
     */
    @Test
    void aBatchRunningWhenTheHubIsKilledResumesAndEveryRowIsPaidOnce() throws Exception {
        payrollThroughAKill();
    }

    /**
     * The same with dfsp1 paying its batches in FSPIOP bulk, in groups of 10: the kill catches
     * bulk quotes and bulk transfers on their way, and each of their transfers still ends once.
     */
    @Test
    void aBatchInFspiopBulkRunningWhenTheHubIsKilledResumesAndEveryRowIsPaidOnce() throws Exception {
        changeTenant("bulk.fspiop = true", "bulk.fspiopMaxTransfers = 10");
        try {
            payrollThroughAKill();
        } finally {
            changeTenant();
        }
    }

    /** Rewrites dfsp1's file and waits until the running hub has taken it. */
    private static void changeTenant(String... settings) throws Exception {
        String updated = "Tenant dfsp1 (fspId dfsp1) updated";
        long before = hub.logLines().stream().filter(line -> line.contains(updated)).count();
        LabSetup.writeTenant(hub, fineract, "dfsp1", "SWITCH", "USD", false, settings);
        HubDistribution.await("the hub took the change of dfsp1", Duration.ofSeconds(30),
                () -> hub.logLines().stream().filter(line -> line.contains(updated)).count() > before);
    }

    private static void payrollThroughAKill() throws Exception {
        BigDecimal employer = fineract.admin().account("dfsp1", "dfsp1-kilimo-usd").balance();
        // The employer's bookings of an earlier batch of this class are not this batch's.
        Set<Long> earlier = fineract.admin().account("dfsp1", "dfsp1-kilimo-usd").transactions().stream().map(TransactionSnapshot::id)
                .collect(Collectors.toSet());
        BigDecimal payees = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()
                .add(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance());
        StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency,note\n");
        for (int row = 1; row <= 60; row++) {
            csv.append(row).append(",MSISDN,").append(row % 2 == 0 ? "255710000001" : "255710000002").append(",1,USD,crash row ")
                    .append(row).append('\n');
        }
        Map<String, String> headers = new HashMap<>(channel());
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        headers.put("Content-Type", "text/csv");
        HttpResponse<String> accepted = hub.send("POST", "/channel/batches?payerIdType=MSISDN&payerIdValue=255700000010", headers,
                csv.toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String batchId = JSON.readTree(accepted.body()).path("batchId").asText();
        int completedBeforeCrash = HubDistribution.awaitValue("the first rows paid", Duration.ofSeconds(60),
                () -> batch(batchId).path("counts").path("COMPLETED").asInt(), completed -> completed >= 5);

        hub.process().orElseThrow().destroyForcibly();
        HubDistribution.await("the killed hub is gone", Duration.ofSeconds(30), () -> hub.process().isEmpty());
        hub.start();
        hub.awaitTransfersReady(2);

        JsonNode ended = HubDistribution.awaitValue("the batch ended after the restart", Duration.ofMinutes(4), () -> batch(batchId),
                b -> !"RUNNING".equals(b.path("state").asText()));
        System.out.printf("kill -9 with %d of 60 rows paid before it: after the restart %s %s%n", completedBeforeCrash,
                ended.path("state").asText(), ended.path("counts"));
        int completed = ended.path("counts").path("COMPLETED").asInt();
        assertThat(completed + ended.path("counts").path("FAILED").asInt()).as("every row final").isEqualTo(60);
        assertThat(ended.path("counts").path("UNKNOWN").asInt()).isZero();
        assertThat(completed).as("most rows paid in the end").isGreaterThan(completedBeforeCrash);
        assertThat(ended.path("amounts").path("completed").asText()).isEqualTo(String.valueOf(completed));

        String report = hub.send("GET", "/channel/batches/" + batchId + "/report", channel(), null).body();
        assertThat(report.lines().filter(line -> line.contains(",COMPLETED,"))).as("the report agrees").hasSize(completed);
        Map<String, Long> withdrawals = fineract.admin().account("dfsp1", "dfsp1-kilimo-usd").transactions().stream()
                .filter(t -> !earlier.contains(t.id()) && t.receiptNumber() != null && "WITHDRAWAL".equals(t.type()))
                .collect(Collectors.groupingBy(TransactionSnapshot::receiptNumber, Collectors.counting()));
        assertThat(withdrawals.values()).as("no row debited twice").allMatch(count -> count == 1);
        assertThat(withdrawals).hasSize(completed);
        BigDecimal paid = BigDecimal.valueOf(completed);
        assertThat(fineract.admin().account("dfsp1", "dfsp1-kilimo-usd").balance()).isEqualByComparingTo(employer.subtract(paid));
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()
                .add(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance())).isEqualByComparingTo(payees.add(paid));
        assertThat(fineract.admin().holds("dfsp1")).as("no hold left").isEmpty();
    }

    private static JsonNode batch(String batchId) throws Exception {
        HttpResponse<String> response = hub.send("GET", "/channel/batches/" + batchId, channel(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

}
