package io.paymenthub.connector.mojaloop.switchtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Properties;
import java.util.UUID;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.connector.mojaloop.security.TestKeys;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.OutboundRequest;
import io.paymenthub.connector.mojaloop.outbound.SwitchEndpoints;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;
import io.paymenthub.fspiop.ilp.DecodedIlpPacket;
import io.paymenthub.fspiop.ilp.IlpCrypto;
import io.paymenthub.fspiop.ilp.MojaloopIlp;

/**
 * The hub's FSPIOP client and inbound API against the Mojaloop Testing Toolkit as the switch, in
 * versions 1.0 and 1.1: what the hub sends must pass the Toolkit's validation against the FSPIOP
 * specification, and the Toolkit's callbacks must pass the hub's, reach the queue and name the
 * tenant that sent the request.
 */
class SwitchConformanceIT extends CamelTestSupport {

    /**
     * The hub signs what it sends with a key made for this run. It does not verify the Toolkit's
     * callbacks: the Toolkit signs only with keys it gets from a connection manager (see the
     * distribution's switch tests for signatures both ways).
     */
    static final FspiopJws JWS = TestKeys.signingAs("payerfsp");

    static final int INBOUND_PORT = AvailablePortFinder.getNextAvailable();
    static final String QUEUE = "fspiop.inbound.it";
    static final TenantRegistry TENANTS = new TenantRegistry();
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;
    static TestingToolkit toolkit;
    static Tenant payer;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startSwitchAndBroker() throws Exception {
        broker = FspiopSamples.startBroker("switch-it");
        connectionFactory = new ActiveMQConnectionFactory("vm://switch-it?create=false");
        payer = TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopSamples.tenantConfig("dfsp1", "payerfsp"));
        toolkit = TestingToolkit.start("payeefsp", "http://127.0.0.1:" + INBOUND_PORT);
    }

    @AfterAll
    static void stopSwitchAndBroker() throws Exception {
        if (toolkit != null) {
            toolkit.close();
        }
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = FspiopSamples.inboundApi(INBOUND_PORT, QUEUE);
        properties.put("fspiop.retry.maximumRedeliveries", "0");
        properties.put("fspiop.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            FspiopSamples.inboundRoute(TENANTS, "payeefsp", JWS, FspiopTls.off(), FspiopSamples.dispatcher()),
            new FspiopOutboundRouteBuilder(new SwitchEndpoints(toolkit.fspiopUrl(), Map.of(), "1.1"), JWS, FspiopTls.off())
        };
    }

    private void send(String method, String path, FspiopResource resource, String destination, String version, String body) {
        template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(payer, method, path, resource, destination,
                FspiopVersion.parse(version), body));
    }

    /** The callback the Toolkit sent back, as the hub stored it. */
    private Exchange callback() {
        Exchange stored = consumer.receive(FspiopSamples.HANDED_ON, 20_000);
        assertThat(stored).as("a callback from the switch, accepted by the hub").isNotNull();
        return stored;
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void aPartyLookupIsAnsweredWithThePartyAndRoutedToTheTenantThatAsked(String version) throws Exception {
        send("GET", "/parties/MSISDN/255710000001", FspiopResource.PARTIES, null, version, null);

        Exchange stored = callback();
        assertThat(stored.getMessage().getHeaders())
                .containsEntry(InboundMessage.METHOD, "PUT")
                .containsEntry(InboundMessage.PATH, "/parties/MSISDN/255710000001")
                .containsEntry(InboundMessage.VERSION, version)
                .containsEntry(InboundMessage.SOURCE, "payeefsp")
                .containsEntry(InboundMessage.TENANT, "dfsp1");
        JsonNode party = json.readTree(stored.getMessage().getBody(String.class)).path("party");
        assertThat(party.path("partyIdInfo").path("fspId").asText()).isEqualTo("payeefsp");
        assertThat(party.path("personalInfo").path("complexName").path("lastName").asText()).isEqualTo("Omari");
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void aQuoteAndATransferAreAnsweredAndTheirCallbacksAccepted(String version) throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String transferId = UUID.randomUUID().toString();
        send("POST", "/quotes", FspiopResource.QUOTES, "payeefsp", version, """
                {"quoteId":"%s","transactionId":"%s",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001","fspId":"payeefsp"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001","fspId":"payerfsp"}},
                 "amountType":"SEND","amount":{"amount":"25.5","currency":"USD"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"}}
                """.formatted(quoteId, UUID.randomUUID()));

        Exchange quote = callback();
        assertThat(quote.getMessage().getHeaders()).containsEntry(InboundMessage.PATH, "/quotes/" + quoteId)
                .containsEntry(InboundMessage.VERSION, version);
        JsonNode quoted = json.readTree(quote.getMessage().getBody(String.class));
        assertThat(quoted.path("transferAmount").path("amount").asText()).isEqualTo("25.5");

        send("POST", "/transfers", FspiopResource.TRANSFERS, "payeefsp", version, """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"payeefsp",
                 "amount":{"amount":"25.5","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"2030-01-01T00:00:00.000Z"}
                """.formatted(transferId, quoted.path("ilpPacket").asText(), quoted.path("condition").asText()));

        Exchange transfer = callback();
        assertThat(transfer.getMessage().getHeaders()).containsEntry(InboundMessage.PATH, "/transfers/" + transferId)
                .containsEntry(InboundMessage.TENANT, "dfsp1");
        JsonNode committed = json.readTree(transfer.getMessage().getBody(String.class));
        assertThat(committed.path("transferState").asText()).isEqualTo("COMMITTED");
        // The switch's (Toolkit's) fulfilment meets the condition it quoted, as the hub checks it.
        assertThat(IlpCrypto.verifyFulfilment(committed.path("fulfilment").asText(), quoted.path("condition").asText())).isTrue();
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void theToolkitsOwnConditionVerifiesWithTheHubsIlp(String version) throws Exception {
        String quoteId = UUID.randomUUID().toString();
        send("POST", "/quotes", FspiopResource.QUOTES, "payeefsp", version, """
                {"quoteId":"%s","transactionId":"%s",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001","fspId":"payeefsp"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001","fspId":"payerfsp"}},
                 "amountType":"SEND","amount":{"amount":"99","currency":"USD"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"}}
                """.formatted(quoteId, UUID.randomUUID()));

        JsonNode quote = json.readTree(callback().getMessage().getBody(String.class));

        // The Toolkit built them with its ILP library (v1 for FSPIOP) and its secret ("secret"): the
        // hub must read its packet and, given the secret, derive the fulfilment that meets its condition.
        String ilpPacket = quote.path("ilpPacket").asText();
        DecodedIlpPacket packet = MojaloopIlp.decodeAny(ilpPacket);
        String fulfilment = MojaloopIlp.of(packet.version(), "secret").fulfilmentOf(ilpPacket);
        assertThat(IlpCrypto.verifyFulfilment(fulfilment, quote.path("condition").asText())).isTrue();
        assertThat(packet.transactionObject().text("quoteId")).contains(quoteId);
        assertThat(packet.transactionObject().text("amount", "amount")).contains("99");
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void anErrorCallbackIsAcceptedAndKeepsItsErrorInformation(String version) throws Exception {
        send("GET", "/parties/MSISDN/404404404", FspiopResource.PARTIES, null, version, null);

        Exchange stored = callback();
        assertThat(stored.getMessage().getHeaders()).containsEntry(InboundMessage.PATH, "/parties/MSISDN/404404404/error");
        assertThat(json.readTree(stored.getMessage().getBody(String.class)).path("errorInformation").path("errorCode").asText())
                .isEqualTo("3204");
    }

    /** Every kind of request and callback a DFSP sends, with a well-formed body. */
    static Stream<Arguments> everyRequestAndCallback() {
        String id = UUID.randomUUID().toString();
        String party = "{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255710000001\",\"fspId\":\"payeefsp\"}}";
        String amount = "{\"amount\":\"25.5\",\"currency\":\"USD\"}";
        String condition = "f5sqb7tBTWPd5Y8BDFdMm9BJR_MNI4isf8p8n4D5pHA";
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String version : List.of("1.0", "1.1")) {
            cases.add(Arguments.of(version, "POST", "/participants/MSISDN/255700000009", FspiopResource.PARTICIPANTS, null,
                    "{\"fspId\":\"payerfsp\",\"currency\":\"USD\"}"));
            cases.add(Arguments.of(version, "GET", "/transfers/" + id, FspiopResource.TRANSFERS, "payeefsp", null));
            cases.add(Arguments.of(version, "POST", "/transactionRequests", FspiopResource.TRANSACTION_REQUESTS, "payeefsp",
                    "{\"transactionRequestId\":\"" + UUID.randomUUID() + "\",\"payee\":" + party + ","
                            + "\"payer\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255700000001\",\"fspId\":\"payerfsp\"},"
                            + "\"amount\":" + amount + ",\"transactionType\":{\"scenario\":\"TRANSFER\",\"initiator\":\"PAYEE\","
                            + "\"initiatorType\":\"CONSUMER\"}}"));
            cases.add(Arguments.of(version, "PUT", "/transactionRequests/" + id, FspiopResource.TRANSACTION_REQUESTS, "payeefsp",
                    "{\"transactionRequestState\":\"RECEIVED\"}"));
            cases.add(Arguments.of(version, "PUT", "/parties/MSISDN/255700000001", FspiopResource.PARTIES, "payeefsp",
                    "{\"party\":{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255700000001\","
                            + "\"fspId\":\"payerfsp\"},\"name\":\"Alice Mwangi\"}}"));
            cases.add(Arguments.of(version, "PUT", "/parties/MSISDN/255700000001/error", FspiopResource.PARTIES, "payeefsp",
                    "{\"errorInformation\":{\"errorCode\":\"3204\",\"errorDescription\":\"Party not found\"}}"));
            cases.add(Arguments.of(version, "PUT", "/quotes/" + id, FspiopResource.QUOTES, "payeefsp",
                    "{\"transferAmount\":" + amount + ",\"expiration\":\"2030-01-01T00:00:00.000Z\",\"ilpPacket\":\"AYIB\","
                            + "\"condition\":\"" + condition + "\"}"));
            cases.add(Arguments.of(version, "PUT", "/quotes/" + id + "/error", FspiopResource.QUOTES, "payeefsp",
                    "{\"errorInformation\":{\"errorCode\":\"5101\",\"errorDescription\":\"Payee rejected quote\"}}"));
            cases.add(Arguments.of(version, "PUT", "/transfers/" + id, FspiopResource.TRANSFERS, "payeefsp",
                    "{\"fulfilment\":\"UNlJ98hZTY_dsw0cAqw4i_UN3v4utt7CZFB4yfLbVFA\",\"completedTimestamp\":\"2026-11-28T10:00:00.000Z\","
                            + "\"transferState\":\"COMMITTED\"}"));
            cases.add(Arguments.of(version, "PUT", "/transfers/" + id + "/error", FspiopResource.TRANSFERS, "payeefsp",
                    "{\"errorInformation\":{\"errorCode\":\"5000\",\"errorDescription\":\"Generic payee error\"}}"));
            cases.add(Arguments.of(version, "POST", "/bulkQuotes", FspiopResource.BULK_QUOTES, "payeefsp",
                    "{\"bulkQuoteId\":\"" + UUID.randomUUID() + "\",\"payer\":{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\","
                            + "\"partyIdentifier\":\"255700000001\",\"fspId\":\"payerfsp\"}},\"individualQuotes\":[{\"quoteId\":\""
                            + UUID.randomUUID() + "\",\"transactionId\":\"" + UUID.randomUUID() + "\",\"payee\":" + party
                            + ",\"amountType\":\"SEND\",\"amount\":" + amount + ",\"transactionType\":{\"scenario\":\"TRANSFER\","
                            + "\"initiator\":\"PAYER\",\"initiatorType\":\"BUSINESS\"}}]}"));
            cases.add(Arguments.of(version, "POST", "/bulkTransfers", FspiopResource.BULK_TRANSFERS, "payeefsp",
                    "{\"bulkTransferId\":\"" + UUID.randomUUID() + "\",\"bulkQuoteId\":\"" + UUID.randomUUID() + "\","
                            + "\"payerFsp\":\"payerfsp\",\"payeeFsp\":\"payeefsp\",\"individualTransfers\":[{\"transferId\":\""
                            + UUID.randomUUID() + "\",\"transferAmount\":" + amount + ",\"ilpPacket\":\"AYIB\",\"condition\":\""
                            + condition + "\"}],\"expiration\":\"2030-01-01T00:00:00.000Z\"}"));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyRequestAndCallback")
    void everyRequestAndCallbackTheHubSendsPassesTheSwitchsValidation(String version, String method, String path,
                                                                      FspiopResource resource, String destination, String body) {
        send(method, path, resource, destination, version, body);
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void anInvalidRequestIsRefusedByTheSwitchAndTheRefusalSurfaced(String version) {
        assertThatThrownBy(() -> send("POST", "/quotes", FspiopResource.QUOTES, "payeefsp", version, """
                {"quoteId":"%s","transactionId":"%s",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001"}},
                 "amountType":"SEND","amount":{"amount":"25.50","currency":"USD"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID())))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(FspiopException.class,
                        e -> assertThat(e.errorInformation().errorCode()).isEqualTo("3100"));
        assertThat(consumer.receive(FspiopSamples.HANDED_ON, 1000)).as("no callback for a refused request").isNull();
        // Callbacks are validated too: the switch is not a blind relay.
        assertThatThrownBy(() -> send("PUT", "/transfers/" + UUID.randomUUID(), FspiopResource.TRANSFERS, "payeefsp", version,
                "{\"completedTimestamp\":\"2026-11-28T10:00:00.000Z\",\"transferState\":\"DONE\"}"))
                .cause().isInstanceOfSatisfying(FspiopException.class,
                        e -> assertThat(e.errorInformation().errorCode()).isEqualTo("3100"));
    }

}
