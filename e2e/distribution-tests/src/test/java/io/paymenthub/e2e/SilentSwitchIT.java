package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * A switch that stops answering after the quote: the transfer is sent into silence, its status is
 * asked after expiry and never told, so the transfer ends UNKNOWN with the payer's funds still on
 * hold, and the day's reconciliation lists it as UNKNOWN_OUTCOME with the held amount; the operator
 * asks the switch again, which stays silent, then resolves it from the console: the hold is
 * released, and the day reconciles clean.
 */
class SilentSwitchIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("silent-switch");
        toolkit = LabSetup.startSwitch(hub);
        hub.appendEtc("io.paymenthub.flow.payer.cfg", String.join("\n", "transferExpirySeconds = 5", "expiryGraceSeconds = 1",
                "statusQueryTimeoutSeconds = 2", "statusQueries = 2", ""));
        LabSetup.writeLabTenants(hub, fineract, true);
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

    private static JsonNode transfer(String transferId) throws Exception {
        return JSON.readTree(hub.send("GET", "/channel/transfers/" + transferId, channel(), null).body());
    }

    @Test
    void aTransferTheSwitchNeverAnswersEndsUnknownWithItsHoldUntilAnOperatorResolvesIt() throws Exception {
        BigDecimal alice = fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance();
        Map<String, String> headers = new HashMap<>(channel());
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> accepted = hub.send("POST", "/channel/transfers", headers, """
                {"payer":{"idType":"MSISDN","idValue":"255700000001"},"payee":{"idType":"MSISDN","idValue":"255710000001"},
                 "amount":{"amount":"10","currency":"USD"}}
                """);
        String transferId = JSON.readTree(accepted.body()).path("transferId").asText();
        HubDistribution.awaitValue("the quote, awaiting the payer", Duration.ofSeconds(60), () -> transfer(transferId),
                t -> "AWAITING_CONFIRMATION".equals(t.path("state").asText()));

        toolkit.close(); // the switch goes silent
        toolkit = null;
        HttpResponse<String> confirmed = hub.send("POST", "/channel/transfers/" + transferId + "/confirmation", channel(), "{\"accept\":true}");
        assertThat(confirmed.statusCode()).isEqualTo(200);

        JsonNode unknown = HubDistribution.awaitValue("the transfer UNKNOWN", Duration.ofSeconds(90), () -> transfer(transferId),
                t -> "UNKNOWN".equals(t.path("state").asText()));
        assertThat(unknown.path("failure").path("code").asText()).isEqualTo("2004");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").availableBalance()).as("the funds stay held")
                .isEqualByComparingTo(alice.subtract(new BigDecimal("11.5")));
        assertThat(hub.console("hub:transfers -s UNKNOWN")).contains(transferId);
        assertThat(hub.console("hub:transfer " + transferId)).contains("STATUS_QUERY", "hub:resolve");
        // The day's reconciliation finds it, with what stays held on Alice's account.
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String reconciled = hub.console("hub:reconcile dfsp1 " + day);
        assertThat(reconciled).as(reconciled).contains("breaks     1", "UNKNOWN_OUTCOME", transferId, "11.5 USD", "dfsp1-alice-usd",
                "hub:resolve");

        // The operator asks the switch again; still silent, so the transfer is UNKNOWN again, its hold kept.
        assertThat(hub.console("hub:ask-switch --note \"reconciliation\" " + transferId)).contains("GET /transfers/" + transferId);
        HubDistribution.awaitValue("the transfer UNKNOWN again", Duration.ofSeconds(60), () -> transfer(transferId),
                t -> "UNKNOWN".equals(t.path("state").asText()));
        assertThat(hub.console("hub:transfer " + transferId)).contains("ASK_SWITCH", "console:karaf", "reconciliation");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").availableBalance()).isEqualByComparingTo(alice.subtract(
                new BigDecimal("11.5")));

        assertThat(hub.console("hub:resolve --note \"not in the settlement report\" " + transferId + " ABORTED"))
                .contains("released");

        JsonNode resolved = HubDistribution.awaitValue("the transfer ABORTED", Duration.ofSeconds(30), () -> transfer(transferId),
                t -> "ABORTED".equals(t.path("state").asText()));
        assertThat(resolved.path("state").asText()).isEqualTo("ABORTED");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo(alice);
        assertThat(fineract.admin().holds("dfsp1")).isEmpty();
        String again = hub.console("hub:reconcile dfsp1 " + day);
        assertThat(again).as(again).contains("breaks     0", "ABORTED=1");
    }
}
