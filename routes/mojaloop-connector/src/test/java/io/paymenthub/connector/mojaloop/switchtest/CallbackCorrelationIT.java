package io.paymenthub.connector.mojaloop.switchtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.dispatch.FspiopDispatchRouteBuilder;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.dispatch.InboundDispatcher;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.connector.mojaloop.security.TestKeys;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundQueueRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundQueueReader;
import io.paymenthub.connector.mojaloop.outbound.SwitchEndpoints;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.tenant.TenantRegistry;

/**
 * The whole Mojaloop connector as the flows use it, against the Testing Toolkit as the switch:
 * a flow puts a lookup, a quote and a transfer on {@code fspiop.outbound} with its reply queue
 * and a correlation reference; the callbacks come back through the inbound API and the
 * dispatcher, which finds in the database where each one waits.
 */
class CallbackCorrelationIT extends CamelTestSupport {

    /**
     * The hub signs what it sends with a key made for this run. It does not verify the Toolkit's
     * callbacks: the Toolkit signs only with keys it gets from a connection manager (see the
     * distribution's switch tests for signatures both ways).
     */
    static final FspiopJws JWS = TestKeys.signingAs("payerfsp");

    static final int INBOUND_PORT = AvailablePortFinder.getNextAvailable();
    static final String REPLIES = "payer.flow.replies";
    static final TenantRegistry TENANTS = new TenantRegistry();
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;
    static TestingToolkit toolkit;
    static FspiopRequestJournal journal;
    static FspiopCallbackRegistry callbacks;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        broker = FspiopSamples.startBroker("correlation-it");
        connectionFactory = new ActiveMQConnectionFactory("vm://correlation-it?create=false");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:correlation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(dataSource).migrate();
        journal = new FspiopRequestJournal(dataSource);
        callbacks = new FspiopCallbackRegistry(dataSource);
        TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopSamples.tenantConfig("dfsp1", "payerfsp"));
        toolkit = TestingToolkit.start("payeefsp", "http://127.0.0.1:" + INBOUND_PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (toolkit != null) {
            toolkit.close();
        }
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = FspiopSamples.inboundApi(INBOUND_PORT, "fspiop.inbound");
        properties.put("fspiop.dispatch.consumers", "1");
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
            FspiopSamples.inboundRoute(TENANTS, "payeefsp", JWS, FspiopTls.off(), new InboundDispatcher(journal, callbacks)),
            new FspiopDispatchRouteBuilder(new InboundDispatcher(journal, callbacks)),
            new FspiopOutboundRouteBuilder(new SwitchEndpoints(toolkit.fspiopUrl(), Map.of(), "1.1"), JWS, FspiopTls.off()),
            new FspiopOutboundQueueRouteBuilder(new OutboundQueueReader(TENANTS, journal, callbacks))
        };
    }

    private void send(String method, String path, String resource, String destination, String version, String body, String ref) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(OutboundMessage.TENANT, "dfsp1");
        headers.put(OutboundMessage.METHOD, method);
        headers.put(OutboundMessage.PATH, path);
        headers.put(OutboundMessage.RESOURCE, resource);
        headers.put(OutboundMessage.VERSION, version);
        if (destination != null) {
            headers.put(OutboundMessage.DESTINATION, destination);
        }
        headers.put(OutboundMessage.REPLY_TO, REPLIES);
        headers.put(OutboundMessage.CORRELATION, ref);
        template.sendBodyAndHeaders("jms:queue:" + OutboundMessage.QUEUE, body == null ? "" : body, headers);
    }

    private Exchange reply() {
        Exchange reply = consumer.receive("jms:queue:" + REPLIES, 20_000);
        assertThat(reply).as("a callback handed to the waiting flow").isNotNull();
        return reply;
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void lookupQuoteAndTransferCallbacksReachTheFlowThatWaitsWithItsReference(String version) throws Exception {
        String transfer = "transfer-" + UUID.randomUUID();
        send("GET", "/parties/MSISDN/255710000001", "parties", null, version, null, transfer + ":lookup");
        Exchange party = reply();
        assertThat(party.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo(transfer + ":lookup");
        assertThat(party.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isFalse();
        assertThat(json.readTree(party.getMessage().getBody(String.class)).path("party").path("name").asText()).isEqualTo("Dalila Omari");

        String quoteId = UUID.randomUUID().toString();
        send("POST", "/quotes", "quotes", "payeefsp", version, """
                {"quoteId":"%s","transactionId":"%s",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001","fspId":"payeefsp"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001","fspId":"payerfsp"}},
                 "amountType":"SEND","amount":{"amount":"30","currency":"USD"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"}}
                """.formatted(quoteId, UUID.randomUUID()), transfer + ":quote");
        Exchange quote = reply();
        assertThat(quote.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo(transfer + ":quote");
        JsonNode quoted = json.readTree(quote.getMessage().getBody(String.class));

        String transferId = UUID.randomUUID().toString();
        send("POST", "/transfers", "transfers", "payeefsp", version, """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"payeefsp","amount":{"amount":"30","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"2030-01-01T00:00:00.000Z"}
                """.formatted(transferId, quoted.path("ilpPacket").asText(), quoted.path("condition").asText()), transfer + ":transfer");
        Exchange committed = reply();
        assertThat(committed.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo(transfer + ":transfer");
        assertThat(json.readTree(committed.getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("COMMITTED");
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void anErrorCallbackReachesTheFlowMarkedAsAnError(String version) throws Exception {
        send("GET", "/parties/MSISDN/404404404", "parties", null, version, null, "lookup-of-nobody");

        Exchange error = reply();
        assertThat(error.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo("lookup-of-nobody");
        assertThat(error.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isTrue();
        assertThat(error.getMessage().getBody(String.class)).contains("\"errorCode\":\"3204\"");
    }
}
