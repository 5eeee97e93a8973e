package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * Requests to pay in the lab, run by the built distribution with the Testing Toolkit as the switch:
 * dfsp2's customers (Dalila, and Elia's shop) ask dfsp1's customers (Alice, Bakari) for money
 * through dfsp2's channel; dfsp1's channel is told by HTTP and answers through the channel API.
 * dfsp1 pays at most 5 USD without asking and refuses above 500. Each test checks what both
 * channels see at the end, and the balances in Fineract.
 */
class RequestToPayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "255700000001";
    private static final String BAKARI = "255700000002";
    private static final String DALILA = "255710000001";
    private static final String ELIA = "255710000002";
    private static final Set<String> PAYEE_FINAL = Set.of("PAID", "REFUSED", "EXPIRED", "FAILED");

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;
    private static NotificationEndpoint dfsp1Channel;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        dfsp1Channel = NotificationEndpoint.start();
        hub = HubDistribution.unpack("request-to-pay");
        toolkit = LabSetup.startSwitch(hub);
        LabSetup.writeTenant(hub, fineract, "dfsp1", "SWITCH", "USD", false, "notification.url = " + dfsp1Channel.url(),
                "requests.autoAcceptUpTo = 5", "requests.autoRejectAbove = 500");
        LabSetup.writeTenant(hub, fineract, "dfsp2", "SWITCH", "USD", false);
        hub.start();
        hub.awaitTransfersReady(2);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract, dfsp1Channel);
    }

    @Test
    void aP2PRequestAcceptedByThePayerIsPaidAndBothChannelsSeeIt() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
        BigDecimal dalila = balance("dfsp2", "dfsp2-dalila-usd");

        String requestId = ask(UUID.randomUUID().toString(), ALICE, DALILA, "10", "TRANSFER", null);
        JsonNode asked = awaitPayerSide(requestId, "AWAITING_PAYER");
        assertThat(asked.path("payee").path("name").asText()).isEqualTo("Dalila Omari");
        assertThat(asked.path("payee").path("fspId").asText()).isEqualTo("dfsp2");
        HubDistribution.await("dfsp1's channel told of request " + requestId, Duration.ofSeconds(30),
                () -> dfsp1Channel.received(requestId, "AWAITING_PAYER"));

        HttpResponse<String> accepted = respond(requestId, true);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).path("state").asText()).isEqualTo("ACCEPTED");

        JsonNode payeeView = awaitPayeeSideFinal(requestId);
        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("PAID");
        assertThat(payeeView.path("amountReceived").path("amount").asText()).isEqualTo("10");
        JsonNode payerView = awaitPayerTransferFinal(requestId);
        assertThat(payerView.path("transfer").path("state").asText()).as(payerView.toString()).isEqualTo("COMMITTED");
        assertThat(payerView.path("transfer").path("transactionRequestId").asText()).isEqualTo(requestId);
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).as("10 and the 1.5 fee").isEqualByComparingTo(alice.subtract(new BigDecimal("11.5")));
        assertThat(balance("dfsp2", "dfsp2-dalila-usd")).isEqualByComparingTo(dalila.add(new BigDecimal("10")));
        assertNoHolds();
        assertThat(hub.console("hub:request " + requestId)).contains("PAYEE side, tenant dfsp2", "PAYER side, tenant dfsp1", "PAID",
                "ACCEPTED", "10 USD received");
        assertThat(hub.console("hub:requests -t dfsp2 -s PAID")).contains(requestId);
    }

    @Test
    void aRequestRejectedByThePayerEndsRefusedAndNothingMoves() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");

        String requestId = ask(UUID.randomUUID().toString(), ALICE, DALILA, "7", "TRANSFER", null);
        awaitPayerSide(requestId, "AWAITING_PAYER");
        HttpResponse<String> rejected = respond(requestId, false);

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(JSON.readTree(rejected.body()).path("state").asText()).isEqualTo("REJECTED");
        JsonNode payeeView = awaitPayeeSideFinal(requestId);
        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("REFUSED");
        assertThat(payeeView.path("failure").path("code").asText()).isEqualTo("4101");
        assertThat(respond(requestId, true).statusCode()).as("no second answer").isEqualTo(409);
        assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice);
        assertNoHolds();
    }

    @Test
    void aRequestWhosePaymentFailsIsRefusedWithTheReasonWithoutWaitingForItsExpiry() throws Exception {
        BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");

        String requestId = ask(UUID.randomUUID().toString(), BAKARI, DALILA, "400", "TRANSFER", null);
        awaitPayerSide(requestId, "AWAITING_PAYER");
        assertThat(respond(requestId, true).statusCode()).isEqualTo(200);
        JsonNode payeeView = awaitPayeeSideFinal(requestId);

        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("REFUSED");
        assertThat(payeeView.path("failure").path("code").asText()).as("insufficient funds").isEqualTo("4001");
        assertThat(awaitPayerTransferFinal(requestId).path("transfer").path("state").asText()).isEqualTo("ABORTED");
        assertThat(balance("dfsp1", "dfsp1-bakari-usd")).isEqualByComparingTo(bakari);
        assertNoHolds();
    }

    @Test
    void aRequestThePayerNeverAnswersExpiresOnBothSides() throws Exception {
        String requestId = ask(UUID.randomUUID().toString(), ALICE, DALILA, "6", "TRANSFER", 8);
        awaitPayerSide(requestId, "AWAITING_PAYER");

        JsonNode payeeView = HubDistribution.awaitValue("request " + requestId + " final for dfsp2", Duration.ofSeconds(60),
                () -> request("dfsp2", requestId), r -> PAYEE_FINAL.contains(r.path("state").asText()));

        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("EXPIRED");
        assertThat(payeeView.path("failure").path("code").asText()).isEqualTo("3301");
        assertThat(request("dfsp1", requestId).path("state").asText()).isEqualTo("EXPIRED");
        assertThat(respond(requestId, true).statusCode()).as("too late to accept").isEqualTo(409);
    }

    @Test
    void aRequestToAPayerTheirFspDoesNotHoldFailsWith3204() throws Exception {
        String requestId = ask(UUID.randomUUID().toString(), "255709999999", DALILA, "5", "TRANSFER", null);

        JsonNode payeeView = awaitPayeeSideFinal(requestId);

        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("FAILED");
        assertThat(payeeView.path("failure").path("code").asText()).isEqualTo("3204");
        assertThat(hub.send("GET", "/channel/requests/" + requestId, LabSetup.channel("dfsp1"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void withThePayersNotificationEndpointDownARequestStillCompletes() throws Exception {
        BigDecimal alice = balance("dfsp1", "dfsp1-alice-usd");
        dfsp1Channel.down(true);
        try {
            String requestId = ask(UUID.randomUUID().toString(), ALICE, DALILA, "9", "TRANSFER", null);
            awaitPayerSide(requestId, "AWAITING_PAYER");
            HubDistribution.await("the hub tried dfsp1's notification endpoint", Duration.ofSeconds(30),
                    () -> hub.logLines().stream().anyMatch(line -> line.contains("Notification of dfsp1") && line.contains("503")));

            assertThat(respond(requestId, true).statusCode()).isEqualTo(200);
            JsonNode payeeView = awaitPayeeSideFinal(requestId);

            assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("PAID");
            assertThat(awaitPayerTransferFinal(requestId).path("transfer").path("state").asText()).isEqualTo("COMMITTED");
            assertThat(balance("dfsp1", "dfsp1-alice-usd")).isEqualByComparingTo(alice.subtract(new BigDecimal("10.5")));
            assertThat(dfsp1Channel.received(requestId, "AWAITING_PAYER")).as("nothing reached the endpoint while down").isFalse();
        } finally {
            dfsp1Channel.down(false);
        }
    }

    @Test
    void aMerchantRequestWithinThePayersLimitIsPaidWithoutAsking() throws Exception {
        BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");
        BigDecimal elia = balance("dfsp2", "dfsp2-elia-usd");

        String requestId = ask(UUID.randomUUID().toString(), BAKARI, ELIA, "3", "PAYMENT", null);
        JsonNode payeeView = awaitPayeeSideFinal(requestId);

        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("PAID");
        assertThat(payeeView.path("payee").path("type").asText()).isEqualTo("BUSINESS");
        JsonNode payerView = awaitPayerTransferFinal(requestId);
        assertThat(payerView.path("transfer").path("scenario").asText()).isEqualTo("PAYMENT");
        assertThat(balance("dfsp1", "dfsp1-bakari-usd")).isEqualByComparingTo(bakari.subtract(new BigDecimal("3")));
        assertThat(balance("dfsp2", "dfsp2-elia-usd")).isEqualByComparingTo(elia.add(new BigDecimal("3")));
        assertThat(hub.console("hub:request " + requestId)).contains("paid without asking");
    }

    @Test
    void aRequestAboveThePayersLimitIsRefusedAtOnce() throws Exception {
        String requestId = ask(UUID.randomUUID().toString(), BAKARI, ELIA, "600", "PAYMENT", null);

        JsonNode payeeView = awaitPayeeSideFinal(requestId);

        assertThat(payeeView.path("state").asText()).as(payeeView.toString()).isEqualTo("REFUSED");
        assertThat(payeeView.path("failure").path("code").asText()).isEqualTo("4200");
        assertThat(request("dfsp1", requestId).path("state").asText()).isEqualTo("REJECTED");
    }

    @Test
    void aRepeatedChannelRequestIsReplayedAndPaidOnce() throws Exception {
        BigDecimal bakari = balance("dfsp1", "dfsp1-bakari-usd");
        String key = UUID.randomUUID().toString();
        String body = requestBody(BAKARI, ELIA, "2", "PAYMENT", null);

        HttpResponse<String> first = hub.send("POST", "/channel/requests", dfsp2(key), body);
        HttpResponse<String> again = hub.send("POST", "/channel/requests", dfsp2(key), body);
        HttpResponse<String> altered = hub.send("POST", "/channel/requests", dfsp2(key), body.replace("\"2\"", "\"3\""));
        String requestId = JSON.readTree(first.body()).path("requestId").asText();
        JsonNode payeeView = awaitPayeeSideFinal(requestId);
        awaitPayerTransferFinal(requestId);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(altered.statusCode()).isEqualTo(409);
        assertThat(payeeView.path("state").asText()).isEqualTo("PAID");
        assertThat(balance("dfsp1", "dfsp1-bakari-usd")).as("debited once").isEqualByComparingTo(bakari.subtract(new BigDecimal("2")));
    }

    @Test
    void aRequestWithInvalidFieldsIsRefusedWithEveryProblemListed() throws Exception {
        HttpResponse<String> refused = hub.send("POST", "/channel/requests", dfsp2(UUID.randomUUID().toString()),
                "{\"payer\":{\"idType\":\"MSISDN\",\"idValue\":\"" + ALICE + "\"},\"payee\":{\"idType\":\"PHONE\",\"idValue\":\"1\"},"
                        + "\"amount\":{\"amount\":10,\"currency\":\"USD\"},\"expiresInSeconds\":1}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").path("message").asText()).contains("expiresInSeconds");
        HttpResponse<String> invalid = hub.send("POST", "/channel/requests", dfsp2(UUID.randomUUID().toString()),
                "{\"payer\":{\"idType\":\"MSISDN\",\"idValue\":\"" + ALICE + "\"},\"payee\":{\"idType\":\"PHONE\",\"idValue\":\"1\"},"
                        + "\"amount\":{\"amount\":10,\"currency\":\"USD\"}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).path("error").path("message").asText()).contains("payee.idType", "amount.amount");
    }

    private static Map<String, String> dfsp2(String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(LabSetup.channel("dfsp2"));
        headers.put("Idempotency-Key", idempotencyKey);
        return headers;
    }

    private static String requestBody(String payer, String payee, String amount, String scenario, Integer expiresInSeconds) {
        return """
                {"payer":{"idType":"MSISDN","idValue":"%s"},"payee":{"idType":"MSISDN","idValue":"%s"},
                 "amount":{"amount":"%s","currency":"USD"},"scenario":"%s","note":"lab request"%s}
                """.formatted(payer, payee, amount, scenario, expiresInSeconds == null ? "" : ",\"expiresInSeconds\":" + expiresInSeconds);
    }

    /** dfsp2's channel asks, for its customer {@code payee}, {@code payer} of another FSP for money. */
    private static String ask(String key, String payer, String payee, String amount, String scenario, Integer expiresInSeconds)
            throws Exception {
        HttpResponse<String> accepted = hub.send("POST", "/channel/requests", dfsp2(key),
                requestBody(payer, payee, amount, scenario, expiresInSeconds));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode request = JSON.readTree(accepted.body());
        assertThat(request.path("role").asText()).isEqualTo("PAYEE");
        return request.path("requestId").asText();
    }

    private static JsonNode request(String tenant, String requestId) throws Exception {
        return JSON.readTree(hub.send("GET", "/channel/requests/" + requestId, LabSetup.channel(tenant), null).body());
    }

    private static HttpResponse<String> respond(String requestId, boolean accept) throws Exception {
        return hub.send("POST", "/channel/requests/" + requestId + "/response", LabSetup.channel("dfsp1"), "{\"accept\":" + accept + "}");
    }

    private static JsonNode awaitPayerSide(String requestId, String state) throws Exception {
        return HubDistribution.awaitValue("request " + requestId + " " + state + " for dfsp1", Duration.ofSeconds(60),
                () -> request("dfsp1", requestId), r -> state.equals(r.path("state").asText()));
    }

    private static JsonNode awaitPayeeSideFinal(String requestId) throws Exception {
        return HubDistribution.awaitValue("request " + requestId + " final for dfsp2", Duration.ofSeconds(90),
                () -> request("dfsp2", requestId), r -> PAYEE_FINAL.contains(r.path("state").asText()));
    }

    private static JsonNode awaitPayerTransferFinal(String requestId) throws Exception {
        return HubDistribution.awaitValue("the transfer paying " + requestId + " final", Duration.ofSeconds(90),
                () -> request("dfsp1", requestId),
                r -> Set.of("COMMITTED", "ABORTED", "UNKNOWN").contains(r.path("transfer").path("state").asText()));
    }

    private static BigDecimal balance(String tenant, String account) {
        return fineract.admin().account(tenant, account).balance();
    }

    private static void assertNoHolds() {
        assertThat(fineract.admin().holds("dfsp1")).as("holds on dfsp1").isEmpty();
        assertThat(fineract.admin().holds("dfsp2")).as("holds on dfsp2").isEmpty();
    }

    /** dfsp1's channel backend: records the notifications it is sent, or answers 503 while down. */
    private static final class NotificationEndpoint implements AutoCloseable {

        private final HttpServer server;
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private volatile boolean down;

        private NotificationEndpoint(HttpServer server) {
            this.server = server;
        }

        static NotificationEndpoint start() throws IOException {
            NotificationEndpoint endpoint = new NotificationEndpoint(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            endpoint.server.createContext("/notifications", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = 503;
                if (!endpoint.down) {
                    endpoint.received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
                    status = 204;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            endpoint.server.start();
            return endpoint;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notifications";
        }

        void down(boolean down) {
            this.down = down;
        }

        boolean received(String requestId, String state) {
            return received.stream().anyMatch(n -> requestId.equals(n.path("requestId").asText()) && state.equals(n.path("state").asText()));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
