package io.paymenthub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.karaf.broker.BrokerSecurity;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.flow.payer.PayerMessages;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.request.PayeeRequests;
import io.paymenthub.flow.request.PayerRequests;
import io.paymenthub.flow.request.RequestFlowSettings;
import io.paymenthub.reconciliation.ReconciliationStore;
import io.paymenthub.reconciliation.Reconciliations;
import io.paymenthub.flow.request.RequestJournal;
import io.paymenthub.flow.request.RequestMessages;
import io.paymenthub.flow.request.RequestRole;
import io.paymenthub.flow.bulk.BulkBatchStore;
import io.paymenthub.flow.bulk.BulkBatches;
import io.paymenthub.flow.bulk.BulkFlowSettings;
import io.paymenthub.flow.request.RequestState;
import io.paymenthub.flow.request.TransactionRequest;
import io.paymenthub.flow.request.TransactionRequestStore;

/**
 * The channel API over REST (Jetty on a free port) and JMS, with the journal on H2 and a real
 * broker: what a channel developer sees, and what it starts (the payer flow's first step on
 * payer.steps). The payer flow itself is tested in its own module.
 */
class ChannelApiTest extends CamelTestSupport {

    static TestBroker broker;
    static BrokerSecurity security;
    static final TenantRegistry TENANTS = new TenantRegistry();
    static JdbcDataSource h2;
    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path REPORTS;
    static RequestJournal JOURNAL;
    static int port;
    static HttpServer webhookEndpoint;
    static final BlockingQueue<String> WEBHOOKS = new LinkedBlockingQueue<>();
    static final AtomicInteger WEBHOOK_FAILURES_LEFT = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        // As in the distribution: every connection authenticated, the channels held to their own destinations.
        security = new BrokerSecurity(List.of(TENANTS), "", "", 5, 300);
        broker = TestBroker.start("channel-test", security, BrokerSecurity.HUB_USER, security.hubPassword()).redelivering(100, 5);
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:channel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        JOURNAL = new RequestJournal(new TransactionRequestStore(h2), new PayerTransferStore(h2));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        webhookEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookEndpoint.createContext("/notify", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = WEBHOOK_FAILURES_LEFT.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                WEBHOOKS.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhookEndpoint.start();
        Map<String, Object> dfsp1 = TestTenantConfigs.valid("dfsp1", "dfsp1fsp", "http://127.0.0.1:1/fineract-provider/api/v1");
        dfsp1.put("notification.url", "http://127.0.0.1:" + webhookEndpoint.getAddress().getPort() + "/notify");
        dfsp1.put("backOffice.clientId", "dfsp1-backoffice");
        dfsp1.put("backOffice.secret", "back-office-secret-dfsp1");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", dfsp1);
        // No core banking here: dfsp2's and dfsp3's batches are not checked against a balance.
        Map<String, Object> dfsp2 = TestTenantConfigs.valid("dfsp2", "dfsp2fsp", "http://127.0.0.1:1/fineract-provider/api/v1");
        dfsp2.put("bulk.fundsCheck", "false");
        dfsp2.put("backOffice.clientId", "dfsp2-backoffice");
        dfsp2.put("backOffice.secret", "back-office-secret-dfsp2");
        TENANTS.update("pid-2", "etc/dfsp2.cfg", dfsp2);
        // dfsp3's batches wait for its finance manager's approval.
        Map<String, Object> dfsp3 = TestTenantConfigs.valid("dfsp3", "dfsp3fsp", "http://127.0.0.1:1/fineract-provider/api/v1");
        dfsp3.put("bulk.approver.clientId", "dfsp3-finance");
        dfsp3.put("bulk.approver.secret", "approver-secret-dfsp3");
        dfsp3.put("bulk.fundsCheck", "false");
        TENANTS.update("pid-3", "etc/dfsp3.cfg", dfsp3);
    }

    /** Every test starts with no step waiting, whatever the tests before it started. */
    @BeforeEach
    void purgeSteps() throws Exception {
        broker.purge(PayerMessages.STEPS);
        broker.purge(RequestMessages.STEPS);
    }

    @AfterAll
    static void stop() throws Exception {
        webhookEndpoint.stop(0);
        broker.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("channel.http.host", "127.0.0.1");
        properties.put("channel.http.port", String.valueOf(port));
        properties.put("channel.http.maxRequestBytes", "65536");
        properties.put("channel.http.maxBatchBytes", "200000");
        properties.put("channel.jms.consumers", "1");
        properties.put("channel.webhook.consumers", "1");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        // The tenants' channels, each logged in to the broker as itself.
        for (String tenant : List.of("dfsp1", "dfsp2")) {
            context.addComponent(tenant + "jms", JmsComponent.jmsComponent(new org.apache.activemq.ActiveMQConnectionFactory(
                    tenant + "-channel", "channel-secret-" + tenant, "vm://channel-test?create=false")));
        }
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        ChannelTransfers transfers = new ChannelTransfers(new PayerTransfers(new PayerTransferStore(h2)), new ChannelIdempotencyStore(h2));
        RequestFlowSettings settings = RequestFlowSettings.ofSeconds(30, 30, 2, 300, 120, 120);
        AccountSystemDirectory noCoreBanking = new AccountSystemDirectory(List.of());
        ChannelRequests requests = new ChannelRequests(new PayeeRequests(TENANTS, noCoreBanking, JOURNAL, settings),
                new PayerRequests(TENANTS, noCoreBanking, JOURNAL, new PayerTransfers(new PayerTransferStore(h2)), settings), JOURNAL,
                new ChannelIdempotencyStore(h2));
        ChannelBatches batches = new ChannelBatches(new BulkBatches(TENANTS, noCoreBanking, new BulkBatchStore(h2), new PayerTransfers(new PayerTransferStore(h2)),
                BulkFlowSettings.of(2, 50, 10, 50, 60)), new ChannelIdempotencyStore(h2));
        return new RoutesBuilder[] {
            new ChannelApiRouteBuilder(new ChannelAuthenticator(TENANTS, 5, 300), transfers, requests, batches,
                    new ChannelReconciliations(new Reconciliations(TENANTS, noCoreBanking, java.util.List.of(), new ReconciliationStore(h2),
                            REPORTS.toString(), 60)), ChannelTls.off()),
            new ChannelNotificationRouteBuilder(new WebhookSender(TENANTS, 2000), 3600)
        };
    }

    private static String basic(String tenant) {
        return "Basic " + Base64.getEncoder().encodeToString((tenant + "-channel:channel-secret-" + tenant).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String tenant, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel" + path))
                .header("Content-Type", "application/json").header("Platform-TenantId", tenant).header("Authorization", basic(tenant))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String tenant, String authorization, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel" + path))
                .header("Platform-TenantId", tenant).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String transfer(String amount, String clientRef) {
        return """
                {"payer":{"idType":"MSISDN","idValue":"255700000001"},"payee":{"idType":"MSISDN","idValue":"255710000001"},
                 "amount":{"amount":"%s","currency":"USD"},"scenario":"PAYMENT","note":"coffee"%s}
                """.formatted(amount, clientRef == null ? "" : ",\"clientRef\":\"" + clientRef + "\"");
    }

    private JsonNode errorOf(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("error");
    }

    @Test
    void aTransferIsAcceptedAndItsFirstStepHandedToThePayerFlow() throws Exception {
        HttpResponse<String> response = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("12.30", null));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = json.readTree(response.body());
        assertThat(accepted.path("state").asText()).isEqualTo("RECEIVED");
        assertThat(accepted.path("amount").path("amount").asText()).isEqualTo("12.3");
        assertThat(accepted.path("scenario").asText()).isEqualTo("PAYMENT");
        Exchange step = consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000);
        assertThat(step).isNotNull();
        assertThat(step.getMessage().getHeader(PayerMessages.TRANSFER_ID)).isEqualTo(accepted.path("transferId").asText());
        assertThat(step.getMessage().getHeader(PayerMessages.STATE)).isEqualTo("RECEIVED");

        HttpResponse<String> read = get("dfsp1", basic("dfsp1"), "/transfers/" + accepted.path("transferId").asText());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).path("payer").path("idValue").asText()).isEqualTo("255700000001");
    }

    @Test
    void aRepeatedRequestGetsTheFirstAnswerAndAnotherBodyUnderTheSameKeyIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("dfsp1", "/transfers", key, transfer("5", null));
        HttpResponse<String> repeat = post("dfsp1", "/transfers", key, transfer("5", null));
        HttpResponse<String> other = post("dfsp1", "/transfers", key, transfer("6", null));

        assertThat(repeat.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(errorOf(other).path("code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        Exchange step = consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000);
        assertThat(step).isNotNull();
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("one transfer started, not two").isNull();
    }

    @Test
    void aClientReferenceFindsItsTransferAndCannotBeReusedForAnother() throws Exception {
        String ref = "order-" + UUID.randomUUID();
        HttpResponse<String> created = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("7", ref));
        HttpResponse<String> sameOrder = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("7", ref));
        HttpResponse<String> otherOrder = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("8", ref));
        HttpResponse<String> found = get("dfsp1", basic("dfsp1"), "/transfers?clientRef=" + ref);

        String transferId = json.readTree(created.body()).path("transferId").asText();
        assertThat(sameOrder.statusCode()).isEqualTo(200);
        assertThat(json.readTree(sameOrder.body()).path("transferId").asText()).isEqualTo(transferId);
        assertThat(otherOrder.statusCode()).isEqualTo(409);
        assertThat(errorOf(otherOrder).path("code").asText()).isEqualTo("CLIENT_REF_CONFLICT");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json.readTree(found.body()).path("transferId").asText()).isEqualTo(transferId);
    }

    @Test
    void badInputIsRefusedWithEveryProblemListed() throws Exception {
        HttpResponse<String> numbers = post("dfsp1", "/transfers", UUID.randomUUID().toString(), """
                {"payer":{"idType":"PHONE","idValue":"1"},"payee":{"idType":"MSISDN"},"amount":{"amount":10.5,"currency":"EUR"},
                 "scenario":"GIFT","colour":"red"}
                """);
        HttpResponse<String> notJson = post("dfsp1", "/transfers", UUID.randomUUID().toString(), "{payer");
        HttpResponse<String> noKey = post("dfsp1", "/transfers", null, transfer("1", null));
        HttpResponse<String> tooPrecise = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("1.00001", null));
        HttpResponse<String> belowTheCent = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("1.234", null));

        assertThat(numbers.statusCode()).isEqualTo(400);
        assertThat(errorOf(numbers).path("message").asText()).contains("payer.idType", "payee.idValue", "amount.amount must be a string",
                "amount.currency", "scenario", "unknown member 'colour'");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorOf(notJson).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(errorOf(noKey).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        assertThat(tooPrecise.statusCode()).isEqualTo(400);
        assertThat(belowTheCent.statusCode()).isEqualTo(400);
        assertThat(errorOf(belowTheCent).path("message").asText()).contains("'1.234' has more decimals than USD has (2)");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 300)).as("nothing started").isNull();

        HttpResponse<String> trailingZeros = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("1.230", null));
        assertThat(trailingZeros.statusCode()).as("1.230 USD is 1.23").isEqualTo(202);
    }

    @Test
    void aBodyOverTheLimitIs413AndStartsNothing() throws Exception {
        String large = transfer("5", null).replace("\"coffee\"", "\"" + "x".repeat(70_000) + "\"");

        HttpResponse<String> response = post("dfsp1", "/transfers", UUID.randomUUID().toString(), large);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(errorOf(response).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 300)).as("nothing started").isNull();
    }

    @Test
    void aTenantCannotSeeAnotherTenantsTransferNorUseItsCredentials() throws Exception {
        HttpResponse<String> created = post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("9", null));
        String transferId = json.readTree(created.body()).path("transferId").asText();

        HttpResponse<String> asDfsp2 = get("dfsp2", basic("dfsp2"), "/transfers/" + transferId);
        HttpResponse<String> dfsp2WithDfsp1Credentials = get("dfsp2", basic("dfsp1"), "/transfers/" + transferId);
        HttpResponse<String> dfsp1WithDfsp2Credentials = get("dfsp1", basic("dfsp2"), "/transfers/" + transferId);

        assertThat(asDfsp2.statusCode()).isEqualTo(404);
        assertThat(dfsp2WithDfsp1Credentials.statusCode()).isEqualTo(401);
        assertThat(dfsp1WithDfsp2Credentials.statusCode()).isEqualTo(401);
        assertThat(asDfsp2.body()).doesNotContain("255700000001");
    }

    @Test
    void theSameOperationsAnswerOverJmsToTheReplyQueueForTheChannelTheBrokerAuthenticated() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("channelOperation", "createTransfer");
        headers.put("PlatformTenantId", "dfsp1");
        headers.put("IdempotencyKey", UUID.randomUUID().toString());
        Exchange reply = template.request("dfsp1jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000", exchange -> {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getMessage().setHeaders(headers);
            exchange.getMessage().setBody(transfer("4", null));
        });

        assertThat(reply.getMessage().getHeader("channelStatus", Integer.class)).isEqualTo(202);
        String transferId = json.readTree(reply.getMessage().getBody(String.class)).path("transferId").asText();

        // dfsp2's channel naming dfsp1, and a message carrying dfsp1's credentials in a property: neither acts for dfsp1.
        headers.put("channelOperation", "getTransfer");
        headers.put("transferId", transferId);
        Exchange asAnother = template.request("dfsp2jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000",
                exchange -> {
                    exchange.setPattern(ExchangePattern.InOut);
                    exchange.getMessage().setHeaders(headers);
                });
        headers.put("Authorization", basic("dfsp1"));
        Exchange withCredentialsInside = template.request("dfsp2jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000",
                exchange -> {
                    exchange.setPattern(ExchangePattern.InOut);
                    exchange.getMessage().setHeaders(headers);
                });
        assertThat(asAnother.getMessage().getHeader("channelStatus", Integer.class)).isEqualTo(401);
        assertThat(withCredentialsInside.getMessage().getHeader("channelStatus", Integer.class)).isEqualTo(401);
        assertThat(withCredentialsInside.getMessage().getHeader("Authorization")).as("nothing of the request comes back").isNull();
    }

    @Test
    void aChannelReachesOnlyItsOwnDestinationsOnTheBroker() {
        assertThatThrownBy(() -> consumer.receive("dfsp2jms:queue:" + ChannelNotificationRouteBuilder.NOTIFICATIONS_PREFIX + "dfsp1", 500))
                .as("another tenant's notifications").hasMessageContaining("not authorized");
        assertThatThrownBy(() -> template.sendBody("dfsp1jms:queue:" + PayerMessages.STEPS, "{}"))
                .as("the flows' own queues").hasStackTraceContaining("not authorized");
        assertThat(consumer.receive("dfsp1jms:queue:" + ChannelNotificationRouteBuilder.NOTIFICATIONS_PREFIX + "dfsp1", 100))
                .as("its own notifications: allowed, none waiting").isNull();
    }

    @Test
    void finalStatesReachTheTenantsQueueAndItsEndpointEvenWhenTheEndpointFailsAtFirst() throws Exception {
        WEBHOOK_FAILURES_LEFT.set(2);
        String body = "{\"transferId\":\"t-1\",\"state\":\"COMMITTED\"}";
        template.sendBodyAndHeaders("jms:queue:" + PayerMessages.EVENTS, body,
                Map.of(PayerMessages.TENANT, "dfsp1", PayerMessages.TRANSFER_ID, "t-1", PayerMessages.FINAL_STATE, "COMMITTED"));

        Exchange queued = consumer.receive("jms:queue:" + ChannelNotificationRouteBuilder.NOTIFICATIONS_PREFIX + "dfsp1", 10_000);
        assertThat(queued).isNotNull();
        assertThat(queued.getMessage().getBody(String.class)).isEqualTo(body);
        long expiresIn = queued.getMessage().getHeader("JMSExpiration", Long.class) - System.currentTimeMillis();
        assertThat(expiresIn).as("kept an hour (notifications.timeToLiveSeconds) for a tenant that does not read them")
                .isBetween(3_000_000L, 3_600_000L);
        assertThat(WEBHOOKS.poll(20, TimeUnit.SECONDS)).as("posted once the endpoint is back").isEqualTo(body);
    }

    @Test
    void theOpenApiDocumentIsServed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel/openapi.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(List.of("/transfers", "/transfers/{transferId}", "/transfers/{transferId}/confirmation", "/requests",
                "/requests/{requestId}", "/requests/{requestId}/response", "/batches", "/batches/{batchId}", "/batches/{batchId}/items",
                "/batches/{batchId}/report", "/reconciliations/{businessDay}", "/reconciliations/{businessDay}/breaks.csv"))
                .allSatisfy(path -> assertThat(document.path("paths").has(path)).as(path).isTrue());
    }

    @Test
    void aRequestToPayIsAcceptedAndHandedToTheRequestFlow() throws Exception {
        String ref = "invoice-" + UUID.randomUUID();
        HttpResponse<String> response = post("dfsp1", "/requests", UUID.randomUUID().toString(), transfer("20", ref).replace("}\n",
                ",\"expiresInSeconds\":600}\n"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = json.readTree(response.body());
        assertThat(accepted.path("role").asText()).isEqualTo("PAYEE");
        assertThat(accepted.path("state").asText()).isEqualTo("RECEIVED");
        assertThat(accepted.path("payee").path("type").asText()).as("a PAYMENT is asked by a business").isEqualTo("BUSINESS");
        String requestId = accepted.path("requestId").asText();
        Exchange step = consumer.receive("jms:queue:" + RequestMessages.STEPS, 10_000);
        assertThat(step).isNotNull();
        assertThat(step.getMessage().getHeader(RequestMessages.REQUEST_ID)).isEqualTo(requestId);
        assertThat(json.readTree(get("dfsp1", basic("dfsp1"), "/requests?clientRef=" + ref).body()).path("requestId").asText())
                .isEqualTo(requestId);
        assertThat(get("dfsp2", basic("dfsp2"), "/requests/" + requestId).statusCode()).isEqualTo(404);
        HttpResponse<String> tooShort = post("dfsp1", "/requests", UUID.randomUUID().toString(), transfer("20", null).replace("}\n",
                ",\"expiresInSeconds\":1}\n"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(errorOf(tooShort).path("message").asText()).contains("expiresInSeconds");
    }

    @Test
    void thePayerAcceptsARequestOnceAndItsTransferStartsCarryingTheRequestsId() throws Exception {
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        JOURNAL.store().insert(TransactionRequest.create("dfsp2", requestId, RequestRole.PAYER, RequestState.AWAITING_PAYER,
                new Money(new BigDecimal("15"), "USD"), "TRANSFER", "CONSUMER", "rent", null, PartyId.of("MSISDN", "255710000009"),
                "dfsp2fsp", PartyId.of("MSISDN", "255700000009"), "dfsp1fsp", now.plusSeconds(300), now.plusSeconds(300), now), "test");

        HttpResponse<String> byAnother = post("dfsp1", "/requests/" + requestId + "/response", null, "{\"accept\":true}");
        HttpResponse<String> accepted = post("dfsp2", "/requests/" + requestId + "/response", null, "{\"accept\":true}");
        HttpResponse<String> again = post("dfsp2", "/requests/" + requestId + "/response", null, "{\"accept\":true}");
        HttpResponse<String> changedMind = post("dfsp2", "/requests/" + requestId + "/response", null, "{\"accept\":false}");

        assertThat(byAnother.statusCode()).isEqualTo(404);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode request = json.readTree(accepted.body());
        assertThat(request.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(request.path("transfer").path("transactionRequestId").asText()).isEqualTo(requestId);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(changedMind.statusCode()).isEqualTo(409);
        Exchange step = consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000);
        assertThat(step).isNotNull();
        assertThat(step.getMessage().getHeader(PayerMessages.TRANSFER_ID)).isEqualTo(request.path("transferId").asText());
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("one transfer, not two").isNull();
    }

    @Test
    void requestsToPayAreOfferedOverJmsToo() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("channelOperation", "createRequest");
        headers.put("PlatformTenantId", "dfsp1");
        headers.put("IdempotencyKey", UUID.randomUUID().toString());
        Exchange reply = template.request("dfsp1jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000", exchange -> {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getMessage().setHeaders(headers);
            exchange.getMessage().setBody(transfer("4", null));
        });
        assertThat(reply.getMessage().getHeader("channelStatus", Integer.class)).isEqualTo(202);
        String requestId = json.readTree(reply.getMessage().getBody(String.class)).path("requestId").asText();

        headers.put("channelOperation", "getRequest");
        headers.put("requestId", requestId);
        Exchange read = template.request("dfsp1jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000", exchange -> {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getMessage().setHeaders(headers);
        });
        assertThat(read.getMessage().getHeader("channelStatus", Integer.class)).isEqualTo(200);
        assertThat(json.readTree(read.getMessage().getBody(String.class)).path("state").asText()).isEqualTo("RECEIVED");
    }

    /** What the hub answers a POST that declares a body of {@code contentLength} bytes and sends none: status line, headers, body. */
    private String postHeadersOnly(String path, String tenant, String contentType, long contentLength) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nPlatform-TenantId: " + tenant + "\r\nAuthorization: " + basic(tenant) + "\r\nIdempotency-Key: "
                    + UUID.randomUUID() + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> postBatch(String tenant, String query, String key, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel/batches" + query))
                .header("Content-Type", contentType).header("Platform-TenantId", tenant).header("Authorization", basic(tenant))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The channel's notification (on the tenant's queue) that the batch started; others on the queue are passed over. */
    private JsonNode batchNotified(String batchId) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            Exchange notification = consumer.receive("jms:queue:" + ChannelNotificationRouteBuilder.NOTIFICATIONS_PREFIX + "dfsp2",
                    Math.max(1, end - System.currentTimeMillis()));
            assertThat(notification).as("the notification of batch " + batchId).isNotNull();
            if (batchId.equals(notification.getMessage().getHeader("batchId"))) {
                assertThat(notification.getMessage().getHeader("batchNews")).isEqualTo("STARTED");
                return json.readTree(notification.getMessage().getBody(String.class));
            }
        }
    }

    private static final String FROM_EMPLOYER = "?payerIdType=MSISDN&payerIdValue=255710000099";
    private static final String PAYROLL = """
            id,payee_identifier_type,payee_identifier,amount,currency,note
            1,MSISDN,255710000001,10.50,USD,november
            2,MSISDN,255710000002,20,USD,"november, with overtime"
            3,MSISDN,255710000003,1.25,USD,
            """;

    @Test
    void aCsvPayrollIsAcceptedItsFirstItemsStartAndItIsReadBackWithItsRowsAndReport() throws Exception {
        HttpResponse<String> response = postBatch("dfsp2", FROM_EMPLOYER + "&clientRef=payroll-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), "text/csv", PAYROLL);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode batch = json.readTree(response.body());
        String batchId = batch.path("batchId").asText();
        assertThat(batch.path("state").asText()).isEqualTo("RUNNING");
        assertThat(batch.path("rows").asInt()).isEqualTo(3);
        assertThat(batch.path("counts").path("SUBMITTED").asInt()).as("the test's concurrency").isEqualTo(2);
        assertThat(batch.path("counts").path("PENDING").asInt()).isEqualTo(1);
        assertThat(batch.path("amounts").path("total").asText()).isEqualTo("31.75");
        assertThat(batch.path("payer").path("idValue").asText()).isEqualTo("255710000099");
        for (int i = 0; i < 2; i++) {
            Exchange step = consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000);
            assertThat(step).as("the first step of item " + (i + 1) + "'s transfer").isNotNull();
            HttpResponse<String> transfer = get("dfsp2", basic("dfsp2"), "/transfers/" + step.getMessage().getHeader(PayerMessages.TRANSFER_ID));
            assertThat(json.readTree(transfer.body()).path("batchId").asText()).isEqualTo(batchId);
        }
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("no more than the concurrency").isNull();
        assertThat(batchNotified(batchId).path("state").asText()).isEqualTo("RUNNING");

        assertThat(json.readTree(get("dfsp2", basic("dfsp2"), "/batches/" + batchId).body()).path("batchId").asText()).isEqualTo(batchId);
        assertThat(get("dfsp1", basic("dfsp1"), "/batches/" + batchId).statusCode()).as("another tenant's batch").isEqualTo(404);
        JsonNode pending = json.readTree(get("dfsp2", basic("dfsp2"), "/batches/" + batchId + "/items?state=PENDING").body());
        assertThat(pending.path("items")).hasSize(1);
        assertThat(pending.path("items").get(0).path("id").asText()).isEqualTo("3");
        JsonNode page = json.readTree(get("dfsp2", basic("dfsp2"), "/batches/" + batchId + "/items?limit=1&after=2").body());
        assertThat(page.path("items").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(page.path("items").get(0).path("id").asText()).isEqualTo("2");
        assertThat(page.path("items").get(0).path("note").asText()).isEqualTo("november, with overtime");
        assertThat(page.path("next").asInt()).isEqualTo(3);
        HttpResponse<String> report = get("dfsp2", basic("dfsp2"), "/batches/" + batchId + "/report");
        assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(report.body().split("\r\n")).hasSize(4);
        assertThat(report.body()).startsWith("line,id,payee_identifier_type");
        assertThat(report.body()).contains("3,2,MSISDN,255710000002,20,USD,,SUBMITTED,");
    }

    @Test
    void aJsonBatchIsAcceptedAndARepeatUnderItsKeyGetsTheSameAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"payer":{"idType":"MSISDN","idValue":"255710000099"},"clientRef":"g2p-%s",
                 "rows":[{"id":"a","payee":{"idType":"MSISDN","idValue":"255710000001"},"amount":{"amount":"5","currency":"USD"}}]}
                """.formatted(key);

        HttpResponse<String> first = postBatch("dfsp2", "", key, "application/json", body);
        HttpResponse<String> repeat = postBatch("dfsp2", "", key, "application/json", body);
        HttpResponse<String> other = postBatch("dfsp2", "", key, "application/json", body.replace("\"5\"", "\"6\""));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(errorOf(other).path("code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        JsonNode found = json.readTree(get("dfsp2", basic("dfsp2"), "/batches?clientRef=g2p-" + key).body());
        assertThat(found.path("batchId").asText()).isEqualTo(json.readTree(first.body()).path("batchId").asText());
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000)).isNotNull();
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("one batch, not two").isNull();
        batchNotified(json.readTree(first.body()).path("batchId").asText());
    }

    @Test
    void aBatchWithBadRowsIsRefusedWholeWithEachRowsLineAndReasonAndNothingStarts() throws Exception {
        String ref = "payroll-" + UUID.randomUUID();
        HttpResponse<String> response = postBatch("dfsp2", FROM_EMPLOYER + "&clientRef=" + ref, UUID.randomUUID().toString(), "text/csv", """
                id,payee_identifier_type,payee_identifier,amount,currency,note
                1,MSISDN,255710000001,10.50,USD,
                2,PHONE,255710000002,20,USD,
                3,MSISDN,255710000003,1.234,USD,
                4,MSISDN,255710000004,abc,USD,
                5,MSISDN,255710000005,5,EUR,
                1,MSISDN,255710000006,5,USD,
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode refused = json.readTree(response.body());
        assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_ROWS");
        assertThat(refused.path("invalid").asInt()).isEqualTo(5);
        List<String> reasons = new java.util.ArrayList<>();
        refused.path("invalidRows").forEach(row -> reasons.add(row.path("line").asInt() + ": " + row.path("failure").path("reason").asText()));
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).startsWith("3: payee_identifier_type must be one of");
        assertThat(reasons.get(1)).isEqualTo("4: amount '1.234' has more decimals than USD has (2)");
        assertThat(reasons.get(2)).isEqualTo("5: amount 'abc' is not a decimal number");
        assertThat(reasons.get(3)).isEqualTo("6: currency must be one of [USD]");
        assertThat(reasons.get(4)).isEqualTo("7: the id repeats line 2");
        assertThat(get("dfsp2", basic("dfsp2"), "/batches?clientRef=" + ref).statusCode()).isEqualTo(404);
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("nothing paid").isNull();
    }

    /** A refusal that lists many long reasons (tens of kilobytes) is kept whole: the same upload again gets the same answer. */
    @Test
    void aLongRefusalIsAnsweredAgainToTheSameUploadUnderItsKey() throws Exception {
        StringBuilder csv = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency\n");
        for (int row = 1; row <= 50; row++) {
            csv.append(row).append(",MSISDN,2557100").append(10000 + row).append(',').append("not-a-number-".repeat(30)).append(",USD\n");
        }
        String key = UUID.randomUUID().toString();

        HttpResponse<String> refused = postBatch("dfsp2", FROM_EMPLOYER, key, "text/csv", csv.toString());
        HttpResponse<String> again = postBatch("dfsp2", FROM_EMPLOYER, key, "text/csv", csv.toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body().length()).as("more than the 20,000 characters an answer could once be kept in").isGreaterThan(20_000);
        assertThat(json.readTree(refused.body()).path("invalidRows")).hasSize(50);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).isEqualTo(refused.body());
    }

    @Test
    void aBatchThatCannotBeReadIsRefusedWithTheReasonAndStartsNothing() throws Exception {
        String csv = "text/csv";
        HttpResponse<String> empty = postBatch("dfsp2", FROM_EMPLOYER, UUID.randomUUID().toString(), csv, "");
        HttpResponse<String> noHeader = postBatch("dfsp2", FROM_EMPLOYER, UUID.randomUUID().toString(), csv,
                "1,MSISDN,255710000001,10,USD\n");
        HttpResponse<String> wrongColumn = postBatch("dfsp2", FROM_EMPLOYER, UUID.randomUUID().toString(), csv,
                "id,payee_identifier_type,payee_identifier,amount,currency,colour\n1,MSISDN,255710000001,10,USD,red\n");
        HttpResponse<String> noPayer = postBatch("dfsp2", "", UUID.randomUUID().toString(), csv, PAYROLL);
        HttpResponse<String> xml = postBatch("dfsp2", FROM_EMPLOYER, UUID.randomUUID().toString(), "application/xml", "<batch/>");
        HttpResponse<String> brokenJson = postBatch("dfsp2", "", UUID.randomUUID().toString(), "application/json",
                "{\"payer\":{\"idType\":\"MSISDN\",\"idValue\":\"255700000001\"},\"rows\":[{\"id\":");
        StringBuilder tooMany = new StringBuilder("id,payee_identifier_type,payee_identifier,amount,currency\n");
        for (int i = 1; i <= 51; i++) {
            tooMany.append(i).append(",MSISDN,2557100").append(10000 + i).append(",1,USD\n");
        }
        HttpResponse<String> overTheLimit = postBatch("dfsp2", FROM_EMPLOYER, UUID.randomUUID().toString(), csv, tooMany.toString());
        // The limit is checked on the declared length, before a byte of the body is read: the request is sent without its
        // body, so the 413 reaches the test before the hub closes the connection (a client still writing may see it closed).
        String overTheBytes = postHeadersOnly("/channel/batches" + FROM_EMPLOYER, "dfsp2", csv, 200_001);

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(errorOf(empty).path("code").asText()).isEqualTo("EMPTY_BATCH");
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(errorOf(noHeader).path("code").asText()).isEqualTo("BAD_HEADER");
        assertThat(errorOf(wrongColumn).path("message").asText()).contains("unknown column 'colour'");
        assertThat(noPayer.statusCode()).isEqualTo(400);
        assertThat(errorOf(noPayer).path("message").asText()).contains("name the payer");
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(brokenJson.statusCode()).isEqualTo(400);
        assertThat(errorOf(brokenJson).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(overTheLimit.statusCode()).isEqualTo(413);
        assertThat(errorOf(overTheLimit).path("code").asText()).isEqualTo("BATCH_TOO_LARGE");
        assertThat(overTheBytes).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("nothing paid").isNull();
    }

    @Test
    void aBatchIsSubmittedAndReadOverJmsToo() throws Exception {
        Exchange reply = template.request("dfsp2jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000", exchange -> {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getMessage().setHeader(ChannelRequestProcessor.JMS_OPERATION, "createBatch");
            exchange.getMessage().setHeader("PlatformTenantId", "dfsp2");
            exchange.getMessage().setHeader("IdempotencyKey", UUID.randomUUID().toString());
            exchange.getMessage().setHeader("batchFormat", "text/csv");
            exchange.getMessage().setHeader("payerIdType", "MSISDN");
            exchange.getMessage().setHeader("payerIdValue", "255710000099");
            exchange.getMessage().setBody(PAYROLL);
        });

        assertThat(reply.getMessage().getHeader(ChannelRequestProcessor.JMS_STATUS, Integer.class)).as(reply.getMessage().getBody(String.class))
                .isEqualTo(202);
        String batchId = json.readTree(reply.getMessage().getBody(String.class)).path("batchId").asText();
        Exchange read = template.request("dfsp2jms:queue:" + ChannelApiRouteBuilder.REQUEST_QUEUE + "?requestTimeout=10000", exchange -> {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getMessage().setHeader(ChannelRequestProcessor.JMS_OPERATION, "getBatch");
            exchange.getMessage().setHeader("PlatformTenantId", "dfsp2");
            exchange.getMessage().setHeader("batchId", batchId);
        });
        assertThat(json.readTree(read.getMessage().getBody(String.class)).path("rows").asInt()).isEqualTo(3);
        batchNotified(batchId);
    }

    private HttpResponse<String> decide(String tenant, String authorization, String batchId, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel/batches/" + batchId + "/approval"))
                .header("Content-Type", "application/json").header("Platform-TenantId", tenant).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchWaitsForTheApproverWhoIsNeverTheUploaderAndIsPaidOnlyOnceApproved() throws Exception {
        String approver = "Basic " + Base64.getEncoder().encodeToString("dfsp3-finance:approver-secret-dfsp3".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = postBatch("dfsp3", FROM_EMPLOYER, UUID.randomUUID().toString(), "text/csv", PAYROLL);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String batchId = json.readTree(uploaded.body()).path("batchId").asText();
        assertThat(json.readTree(uploaded.body()).path("state").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("nothing paid before the approval").isNull();

        HttpResponse<String> byTheUploader = decide("dfsp3", basic("dfsp3"), batchId, "{\"approve\":true}");
        HttpResponse<String> byAStranger = decide("dfsp3", "Basic " + Base64.getEncoder().encodeToString(
                "dfsp3-finance:guess".getBytes(StandardCharsets.UTF_8)), batchId, "{\"approve\":true}");
        HttpResponse<String> malformed = decide("dfsp3", approver, batchId, "{\"approve\":\"yes\"}");
        HttpResponse<String> approved = decide("dfsp3", approver, batchId, "{\"approve\":true}");
        HttpResponse<String> again = decide("dfsp3", approver, batchId, "{\"approve\":false}");

        assertThat(byTheUploader.statusCode()).isEqualTo(403);
        assertThat(errorOf(byTheUploader).path("code").asText()).isEqualTo("APPROVER_REQUIRED");
        assertThat(byAStranger.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).path("state").asText()).isEqualTo("RUNNING");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 10_000)).as("paid once approved").isNotNull();
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(errorOf(again).path("code").asText()).isEqualTo("NOT_AWAITING_APPROVAL");
        assertThat(decide("dfsp2", basic("dfsp2"), batchId, "{\"approve\":true}").statusCode()).as("another tenant's channel").isEqualTo(403);
    }

    @Test
    void aRejectedBatchEndsRejectedAndPaysNothing() throws Exception {
        String approver = "Basic " + Base64.getEncoder().encodeToString("dfsp3-finance:approver-secret-dfsp3".getBytes(StandardCharsets.UTF_8));
        String batchId = json.readTree(postBatch("dfsp3", FROM_EMPLOYER, UUID.randomUUID().toString(), "text/csv", PAYROLL).body())
                .path("batchId").asText();

        HttpResponse<String> rejected = decide("dfsp3", approver, batchId, "{\"approve\":false,\"reason\":\"wrong month\"}");

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(json.readTree(rejected.body()).path("state").asText()).isEqualTo("REJECTED");
        assertThat(consumer.receive("jms:queue:" + PayerMessages.STEPS, 500)).as("nothing paid").isNull();
    }

    @Test
    void aSuspendedTenantsChannelStartsNothingNewButReadsWhatItHas() throws Exception {
        HttpResponse<String> before = post("dfsp2", "/transfers", UUID.randomUUID().toString(), transfer("5", null));
        assertThat(before.statusCode()).as(before.body()).isEqualTo(202);
        String transferId = json.readTree(before.body()).path("transferId").asText();
        Map<String, Object> suspended = TestTenantConfigs.valid("dfsp2", "dfsp2fsp", "http://127.0.0.1:1/fineract-provider/api/v1");
        suspended.put("bulk.fundsCheck", "false");
        suspended.put("backOffice.clientId", "dfsp2-backoffice");
        suspended.put("backOffice.secret", "back-office-secret-dfsp2");
        suspended.put("suspended", "true");
        TENANTS.update("pid-2", "etc/dfsp2.cfg", suspended);
        try {
            HttpResponse<String> refused = post("dfsp2", "/transfers", UUID.randomUUID().toString(), transfer("5", null));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(errorOf(refused).path("code").asText()).isEqualTo("TENANT_SUSPENDED");
            assertThat(post("dfsp2", "/requests", UUID.randomUUID().toString(), "{}").statusCode()).isEqualTo(503);
            assertThat(get("dfsp2", basic("dfsp2"), "/transfers/" + transferId).statusCode()).as("what it has").isEqualTo(200);
            assertThat(post("dfsp1", "/transfers", UUID.randomUUID().toString(), transfer("5", null)).statusCode())
                    .as("another tenant").isEqualTo(202);
        } finally {
            suspended.remove("suspended");
            TENANTS.update("pid-2", "etc/dfsp2.cfg", suspended);
        }
        assertThat(post("dfsp2", "/transfers", UUID.randomUUID().toString(), transfer("5", null)).statusCode()).isEqualTo(202);
    }

    private static String backOffice(String tenant) {
        return "Basic " + Base64.getEncoder().encodeToString((tenant + "-backoffice:back-office-secret-" + tenant)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTenantsBackOfficeRunsABusinessDayAndReadsItsReportsButNeverAnotherTenants() throws Exception {
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channel/reconciliations/2026-01-15"))
                .header("Platform-TenantId", "dfsp1").header("Authorization", backOffice("dfsp1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode result = json.readTree(run.body());
        assertThat(result.path("businessDay").asText()).isEqualTo("2026-01-15");
        assertThat(result.path("state").asText()).isEqualTo("DONE");
        assertThat(result.path("windowStart").asText()).isEqualTo("2026-01-15T00:00:00Z");
        assertThat(result.path("windowEnd").asText()).isEqualTo("2026-01-16T00:00:00Z");
        assertThat(result.path("breakCount").asInt()).isZero();

        HttpResponse<String> report = get("dfsp1", backOffice("dfsp1"), "/reconciliations/2026-01-15");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(json.readTree(report.body()).path("runId").asText()).isEqualTo(result.path("runId").asText());
        assertThat(json.readTree(report.body()).path("breaks")).isEmpty();
        HttpResponse<String> totals = get("dfsp1", backOffice("dfsp1"), "/reconciliations/2026-01-15/totals.csv");
        assertThat(totals.statusCode()).isEqualTo(200);
        assertThat(totals.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(totals.body().lines().findFirst()).hasValueSatisfying(header -> assertThat(header).startsWith("tenant,business_day,"));
        assertThat(get("dfsp1", backOffice("dfsp1"), "/reconciliations/2026-01-15/breaks.csv").body().lines()).hasSize(1);

        HttpResponse<String> anotherTenants = get("dfsp2", backOffice("dfsp2"), "/reconciliations/2026-01-15");
        assertThat(anotherTenants.statusCode()).isEqualTo(404);
        assertThat(errorOf(anotherTenants).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(get("dfsp2", backOffice("dfsp1"), "/reconciliations/2026-01-15").statusCode()).as("dfsp1's back office for dfsp2")
                .isEqualTo(401);
        HttpResponse<String> notADate = get("dfsp1", backOffice("dfsp1"), "/reconciliations/yesterday");
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(errorOf(notADate).path("code").asText()).isEqualTo("INVALID_DATE");
        assertThat(get("dfsp1", "Basic " + Base64.getEncoder().encodeToString("dfsp1-backoffice:guess".getBytes(StandardCharsets.UTF_8)),
                "/reconciliations/2026-01-15").statusCode()).isEqualTo(401);

        // The tenant's channel (a POS, a mobile app) neither runs nor reads them, nor does a tenant without a back office.
        HttpResponse<String> byTheChannel = get("dfsp1", basic("dfsp1"), "/reconciliations/2026-01-15");
        assertThat(byTheChannel.statusCode()).isEqualTo(403);
        assertThat(errorOf(byTheChannel).path("code").asText()).isEqualTo("BACK_OFFICE_REQUIRED");
        assertThat(post("dfsp1", "/reconciliations/2026-01-15", null, "").statusCode()).isEqualTo(403);
        assertThat(get("dfsp3", basic("dfsp3"), "/reconciliations/2026-01-15").statusCode()).isEqualTo(403);
        assertThat(get("dfsp1", "Basic " + Base64.getEncoder().encodeToString("dfsp1-channel:wrong".getBytes(StandardCharsets.UTF_8)),
                "/reconciliations/2026-01-15").statusCode()).as("the channel with a wrong secret").isEqualTo(401);
    }
}
