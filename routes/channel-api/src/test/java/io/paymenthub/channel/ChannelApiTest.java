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
import io.paymenthub.flow.request.RequestJournal;
import io.paymenthub.flow.request.RequestMessages;
import io.paymenthub.flow.request.RequestRole;
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
        TENANTS.update("pid-1", "etc/dfsp1.cfg", dfsp1);
        TENANTS.update("pid-2", "etc/dfsp2.cfg", TestTenantConfigs.valid("dfsp2", "dfsp2fsp", "http://127.0.0.1:1/fineract-provider/api/v1"));
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
        return new RoutesBuilder[] {
            new ChannelApiRouteBuilder(new ChannelAuthenticator(TENANTS, 5, 300), transfers, requests, ChannelTls.off()),
            new ChannelNotificationRouteBuilder(new WebhookSender(TENANTS, 2000))
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
                "/requests/{requestId}", "/requests/{requestId}/response"))
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
}
