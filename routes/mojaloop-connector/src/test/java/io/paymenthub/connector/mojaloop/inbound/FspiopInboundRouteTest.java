package io.paymenthub.connector.mojaloop.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.JwsKeys;
import io.paymenthub.connector.mojaloop.security.TestKeys;
import io.paymenthub.fspiop.jws.FspiopSignature;
import io.paymenthub.fspiop.jws.SignedMessage;
import io.paymenthub.core.tenant.TenantRegistry;

/**
 * The inbound FSPIOP API over real HTTP, handing accepted requests to a real (embedded) ActiveMQ
 * broker, with two tenants: dfsp1 and dfsp2.
 */
class FspiopInboundRouteTest extends CamelTestSupport {

    static final int PORT = AvailablePortFinder.getNextAvailable();
    static final String QUEUE = "fspiop.inbound.test";
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;
    static final TenantRegistry TENANTS = new TenantRegistry();
    /** The senders' keys: made for this run, their public halves in the hub's folder of peer keys. */
    static final Map<String, java.security.KeyPair> KEYS = new java.util.HashMap<>();
    static FspiopJws jws;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startBrokerAndTenants() throws Exception {
        broker = FspiopSamples.startBroker("inbound-test");
        connectionFactory = new ActiveMQConnectionFactory("vm://inbound-test?create=false");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", tenant("dfsp1"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2"));
        java.nio.file.Path peers = java.nio.file.Files.createTempDirectory("jws-peers");
        for (String fspId : List.of("dfsp1", "dfsp2", "switch")) {
            KEYS.put(fspId, TestKeys.write(fspId, null, peers));
        }
        jws = new FspiopJws(new JwsKeys(peers.resolve("none").toString(), peers.toString()), false, true, false, false);
    }

    static Map<String, Object> tenant(String name) {
        return FspiopSamples.tenantConfig(name, name);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = FspiopSamples.inboundApi(PORT, QUEUE);
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return FspiopSamples.inboundRoute(TENANTS, jws, FspiopSamples.dispatcher());
    }

    /** Sends a request as its FSPIOP-Source would: signed with its key when it has a body (unless it carries a signature already). */
    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
        Map<String, String> signed = new java.util.LinkedHashMap<>(headers);
        String source = signed.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("FSPIOP-Source")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (body != null && !body.isEmpty() && KEYS.containsKey(source) && !signed.containsKey("FSPIOP-Signature")) {
            sign(signed, KEYS.get(source), method, path, source, body);
        }
        return sendAsIs(method, path, signed, body);
    }

    static void sign(Map<String, String> headers, java.security.KeyPair keys, String method, String path, String source, String body)
            throws Exception {
        headers.put("FSPIOP-URI", path);
        headers.put("FSPIOP-HTTP-Method", method);
        headers.put("FSPIOP-Signature", FspiopSignature.sign(keys.getPrivate(), new SignedMessage(method, path, source,
                headers.get("FSPIOP-Destination"), headers.get("Date"), body)));
    }

    HttpResponse<String> sendAsIs(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Exchange receive() {
        return consumer.receive(FspiopSamples.HANDED_ON, 5000);
    }

    /** Refused requests are answered after nothing was sent: a short wait shows the queue stayed empty. */
    Exchange receiveNothing() {
        return consumer.receive(FspiopSamples.HANDED_ON, 300);
    }

    JsonNode errorOf(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("errorInformation");
    }

    @Test
    void aValidQuoteIsStoredOnItsFlowsQueueForItsTenantBeforeThe202() throws Exception {
        String body = FspiopSamples.quoteRequest("10.5");

        HttpResponse<String> response = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), body);

        assertThat(response.statusCode()).isEqualTo(202);
        Exchange stored = receive();
        assertThat(stored).isNotNull();
        assertThat(stored.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(stored.getMessage().getHeaders())
                .containsEntry(InboundMessage.TENANT, "dfsp2")
                .containsEntry(InboundMessage.RESOURCE, "quotes")
                .containsEntry(InboundMessage.METHOD, "POST")
                .containsEntry(InboundMessage.PATH, "/quotes")
                .containsEntry(InboundMessage.VERSION, "1.1")
                .containsEntry(InboundMessage.SOURCE, "dfsp1")
                .containsEntry(InboundMessage.DESTINATION, "dfsp2");
        assertThat(stored.getMessage().getHeader("JMSDeliveryMode", Integer.class)).isEqualTo(2); // persistent
        assertThat(stored.getMessage().getHeader("JMSDestination").toString()).isEqualTo("queue://fspiop.requests.quotes");
    }

    @Test
    void aSuspendedTenantIsSentNoNewLookupOrQuoteWhileTheTransfersOfItsQuotesGoOn() throws Exception {
        Map<String, Object> suspended = tenant("dfsp2");
        suspended.put("suspended", "true");
        TENANTS.update("pid-2", "etc/dfsp2.cfg", suspended);
        try {
            HttpResponse<String> quote = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"),
                    FspiopSamples.quoteRequest("10"));
            HttpResponse<String> lookup = send("GET", "/parties/MSISDN/255710000001",
                    FspiopSamples.headers("parties", "1.1", "dfsp1", "dfsp2"), null);

            assertThat(quote.statusCode()).isEqualTo(503);
            assertThat(errorOf(quote).path("errorCode").asText()).isEqualTo("2003");
            assertThat(errorOf(quote).path("errorDescription").asText()).contains("dfsp2", "suspended");
            assertThat(lookup.statusCode()).isEqualTo(503);
            assertThat(receiveNothing()).isNull();
            HttpResponse<String> toDfsp1 = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp2", "dfsp1"),
                    FspiopSamples.quoteRequest("10"));
            assertThat(toDfsp1.statusCode()).as("another tenant").isEqualTo(202);
            assertThat(receive()).isNotNull();
        } finally {
            TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2"));
        }
    }

    @Test
    void version10IsAcceptedAndRecorded() throws Exception {
        HttpResponse<String> response = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.0", "dfsp2", "dfsp1"),
                FspiopSamples.quoteRequest("7"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(receive().getMessage().getHeaders()).containsEntry(InboundMessage.VERSION, "1.0")
                .containsEntry(InboundMessage.TENANT, "dfsp1");
    }

    @Test
    void anUnsupportedVersionIs406ListingTheSupportedOnes() throws Exception {
        HttpResponse<String> response = send("POST", "/quotes", FspiopSamples.headers("quotes", "2.0", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isEqualTo(406);
        JsonNode error = errorOf(response);
        assertThat(error.path("errorCode").asText()).isEqualTo("3001");
        assertThat(error.path("extensionList").path("extension").toString()).contains("\"key\":\"1\"", "\"value\":\"0\"", "\"value\":\"1\"");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void everyAnswerTellsTheSwitchToRetireAnIdleConnectionBeforeTheHubClosesIt() throws Exception {
        Map<String, String> malformed = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        malformed.put("Content-Type", "application/json");

        HttpResponse<String> accepted = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10"));
        HttpResponse<String> refused = send("POST", "/quotes", malformed, FspiopSamples.quoteRequest("10"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(refused.statusCode()).isEqualTo(400);
        // Node's keep-alive agents (the switch's) keep an idle connection forever unless told; Jetty closes one after 30 s.
        assertThat(accepted.headers().firstValue("Keep-Alive")).hasValue("timeout=20");
        assertThat(refused.headers().firstValue("Keep-Alive")).hasValue("timeout=20");
        assertThat(receive()).isNotNull();
    }

    @Test
    void aPlainJsonContentTypeIsMalformed() throws Exception {
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        headers.put("Content-Type", "application/json");

        HttpResponse<String> response = send("POST", "/quotes", headers, FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3101");
    }

    @Test
    void anUnknownDestinationIs3201() throws Exception {
        HttpResponse<String> response = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "elsewhere"),
                FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isBetween(400, 499);
        JsonNode error = errorOf(response);
        assertThat(error.path("errorCode").asText()).isEqualTo("3201");
        assertThat(error.path("errorDescription").asText()).contains("elsewhere");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.interoperability.quotes+json;version=1.1");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void missingMembersAndBrokenRulesAreNamed() throws Exception {
        HttpResponse<String> missing = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10").replace("\"amountType\":\"SEND\",", ""));
        HttpResponse<String> invalid = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10.50"));
        HttpResponse<String> malformed = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), "{");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorOf(missing).path("errorCode").asText()).isEqualTo("3102");
        assertThat(errorOf(missing).path("errorDescription").asText()).contains("body.amountType");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(errorOf(invalid).path("errorCode").asText()).isEqualTo("3100");
        assertThat(errorOf(invalid).path("errorDescription").asText()).contains("body.amount.amount");
        assertThat(errorOf(malformed).path("errorCode").asText()).isEqualTo("3101");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void aFirstPartyLookupWithoutDestinationIsForAnyTenant() throws Exception {
        Map<String, String> headers = FspiopSamples.headers("parties", "1.1", "dfsp1", null);

        HttpResponse<String> response = send("GET", "/parties/MSISDN/255710000001", headers, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(receive().getMessage().getHeaders()).containsEntry(InboundMessage.TENANT, InboundTenantRouter.ANY_TENANT)
                .containsEntry(InboundMessage.PATH, "/parties/MSISDN/255710000001");
    }

    @Test
    void anotherRequestWithoutDestinationIsRefusedWhenSeveralTenantsAreServed() throws Exception {
        HttpResponse<String> response = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", null),
                FspiopSamples.quoteRequest("10"));

        assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3201");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        HttpResponse<String> unknown = send("POST", "/quotations", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), "{}");
        HttpResponse<String> wrongMethod = send("PATCH", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorOf(unknown).path("errorCode").asText()).isEqualTo("3002");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(errorOf(wrongMethod).path("errorCode").asText()).isEqualTo("3000");
    }

    @Test
    void aSenderThatIsNotAParticipantOfTheSchemeIsRefusedAndNothingIsStored() throws Exception {
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "mallory", "dfsp2");
        headers.remove("FSPIOP-Source");
        headers.put("fspiop-source", "mallory");

        HttpResponse<String> response = send("POST", "/quotes", headers, FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3100");
        assertThat(errorOf(response).path("errorDescription").asText()).as("the header named as sent").contains("fspiop-source mallory");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void onlyTheSwitchMaySendAPatch() throws Exception {
        String patch = "{\"transferState\":\"COMMITTED\",\"completedTimestamp\":\"2026-11-28T10:00:00.000Z\"}";
        String path = "/transfers/" + java.util.UUID.randomUUID();

        HttpResponse<String> forged = send("PATCH", path, FspiopSamples.headers("transfers", "1.1", "dfsp1", "dfsp2"), patch);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(errorOf(forged).path("errorCode").asText()).isEqualTo("3100");
        assertThat(receiveNothing()).isNull();

        HttpResponse<String> fromSwitch = send("PATCH", path, FspiopSamples.headers("transfers", "1.1", "switch", "dfsp2"), patch);
        assertThat(fromSwitch.statusCode()).isEqualTo(202);
        assertThat(receive().getMessage().getHeaders()).containsEntry(InboundMessage.METHOD, "PATCH")
                .containsEntry(InboundMessage.SOURCE, "switch");
    }

    @Test
    void aMissingOrMalformedDateIsRefused() throws Exception {
        Map<String, String> missing = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        missing.remove("Date");
        Map<String, String> malformed = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        malformed.remove("Date");
        malformed.put("date", "2026-11-28T10:00:00Z");

        HttpResponse<String> noDate = send("POST", "/quotes", missing, FspiopSamples.quoteRequest("10"));
        HttpResponse<String> badDate = send("POST", "/quotes", malformed, FspiopSamples.quoteRequest("10"));

        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(errorOf(noDate).path("errorCode").asText()).isEqualTo("3102");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(errorOf(badDate).path("errorCode").asText()).isEqualTo("3101");
        assertThat(errorOf(badDate).path("errorDescription").asText()).contains("2026-11-28T10:00:00Z", "RFC 7231");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void everyRequestNeedsAnAcceptHeaderWithASupportedVersion() throws Exception {
        Map<String, String> none = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        none.remove("Accept");
        Map<String, String> unsupported = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        unsupported.put("Accept", "application/vnd.interoperability.quotes+json;version=2.0");
        Map<String, String> malformed = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        malformed.put("Accept", "text/html");

        HttpResponse<String> noAccept = send("POST", "/quotes", none, FspiopSamples.quoteRequest("10"));
        HttpResponse<String> wrongVersion = send("POST", "/quotes", unsupported, FspiopSamples.quoteRequest("10"));
        HttpResponse<String> badAccept = send("POST", "/quotes", malformed, FspiopSamples.quoteRequest("10"));

        assertThat(noAccept.statusCode()).isEqualTo(400);
        assertThat(errorOf(noAccept).path("errorCode").asText()).isEqualTo("3102");
        assertThat(wrongVersion.statusCode()).isEqualTo(406);
        assertThat(errorOf(wrongVersion).path("errorCode").asText()).isEqualTo("3001");
        assertThat(badAccept.statusCode()).isEqualTo(400);
        assertThat(errorOf(badAccept).path("errorCode").asText()).isEqualTo("3101");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void aGetWithoutContentTypeIsRefused() throws Exception {
        Map<String, String> headers = FspiopSamples.headers("parties", "1.1", "dfsp1", "dfsp2");
        headers.remove("Content-Type");

        HttpResponse<String> response = send("GET", "/parties/MSISDN/255710000001", headers, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3102");
        assertThat(errorOf(response).path("errorDescription").asText()).contains("Content-Type");
        assertThat(receiveNothing()).isNull();
    }

    @Test
    void aMessageNotSignedByItsSenderIsRefused3105AndNothingIsStored() throws Exception {
        String body = FspiopSamples.quoteRequest("10");
        Map<String, String> unsigned = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        Map<String, String> byAnother = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        sign(byAnother, KEYS.get("dfsp2"), "POST", "/quotes", "dfsp1", body);
        Map<String, String> otherBody = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        sign(otherBody, KEYS.get("dfsp1"), "POST", "/quotes", "dfsp1", FspiopSamples.quoteRequest("1"));
        Map<String, String> otherPath = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        sign(otherPath, KEYS.get("dfsp1"), "POST", "/transfers", "dfsp1", body);
        otherPath.put("FSPIOP-URI", "/quotes");

        for (Map<String, String> headers : List.of(unsigned, byAnother, otherBody, otherPath)) {
            HttpResponse<String> response = sendAsIs("POST", "/quotes", headers, body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3105");
        }
        assertThat(receiveNothing()).isNull();

        HttpResponse<String> signed = send("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), body);
        assertThat(signed.statusCode()).isEqualTo(202);
        assertThat(receive()).isNotNull();
    }

    @Test
    void aSenderWithoutAKnownKeyIsRefused3105() throws Exception {
        TENANTS.update("pid-3", "etc/dfsp3.cfg", tenant("dfsp3"));
        try {
            HttpResponse<String> response = sendAsIs("POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp3", "dfsp2"),
                    FspiopSamples.quoteRequest("10"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3105");
            assertThat(errorOf(response).path("errorDescription").asText()).contains("dfsp3");
        } finally {
            TENANTS.remove("pid-3");
        }
    }

    @Test
    void lookupsAndPartyCallbacksGoUnsignedAsInMojaloop() throws Exception {
        HttpResponse<String> lookup = sendAsIs("GET", "/parties/MSISDN/255710000001",
                FspiopSamples.headers("parties", "1.1", "dfsp1", "dfsp2"), null);
        HttpResponse<String> party = sendAsIs("PUT", "/parties/MSISDN/255710000001", FspiopSamples.headers("parties", "1.1", "dfsp2", "dfsp1"),
                "{\"party\":{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255710000001\",\"fspId\":\"dfsp2\"}}}");

        assertThat(lookup.statusCode()).isEqualTo(202);
        assertThat(party.statusCode()).isEqualTo(202);
    }

    @Test
    void aBodyOverTheLimitIs413WithError3104AndNothingIsStored() throws Exception {
        String large = FspiopSamples.quoteRequest("10").replace("\"note\":\"lunch\"", "\"note\":\"" + "x".repeat(70_000) + "\"");
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");

        HttpResponse<String> declared = sendAsIs("POST", "/quotes", headers, large);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/quotes"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large.getBytes())));
        headers.forEach(chunked::header);
        HttpResponse<String> streamed = http.send(chunked.build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(declared, streamed)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(errorOf(response).path("errorCode").asText()).isEqualTo("3104");
        }
        assertThat(receiveNothing()).isNull();
    }
}
