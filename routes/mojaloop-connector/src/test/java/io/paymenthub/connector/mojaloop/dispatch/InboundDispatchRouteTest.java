package io.paymenthub.connector.mojaloop.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundRequest;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * FSPIOP idempotency of the switch's requests, from the inbound queue on: new requests reach the
 * flows once, a repeat gets the recorded callback again, a repeat with other content gets 3106.
 */
class InboundDispatchRouteTest extends CamelTestSupport {

    static final String INBOUND = "fspiop.inbound.dispatch-test";
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;
    static FspiopRequestJournal journal;
    static FspiopCallbackRegistry callbacks;
    static final TenantRegistry TENANTS = new TenantRegistry();

    @BeforeAll
    static void start() throws Exception {
        broker = FspiopSamples.startBroker("dispatch-test");
        connectionFactory = new ActiveMQConnectionFactory("vm://dispatch-test?create=false");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dispatch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        DataSource dataSource = h2;
        new SchemaMigrator(dataSource).migrate();
        journal = new FspiopRequestJournal(dataSource);
        callbacks = new FspiopCallbackRegistry(dataSource);
        TENANTS.update("pid-2", "etc/dfsp2.cfg", FspiopSamples.tenantConfig("dfsp2", "payeefsp"));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fspiop.inbound.queue", INBOUND);
        properties.put("fspiop.dispatch.consumers", "1");
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
            new FspiopDispatchRouteBuilder(new InboundDispatcher(journal, callbacks, TENANTS)),
            new RouteBuilder() {
                @Override
                public void configure() {
                    from(FspiopOutboundRouteBuilder.ENDPOINT).routeId("switch-stand-in").to("mock:switch");
                }
            }
        };
    }

    private void receiveFromSwitch(String method, String path, String body) {
        receiveFromSwitch(method, path, body, UUID.randomUUID().toString());
    }

    /** As the inbound route stores it: each accepted request with a receipt of its own. */
    private void receiveFromSwitch(String method, String path, String body, String receipt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(InboundMessage.RECEIPT, receipt);
        headers.put(InboundMessage.METHOD, method);
        headers.put(InboundMessage.PATH, path);
        headers.put(InboundMessage.RESOURCE, path.split("/")[1]);
        headers.put(InboundMessage.VERSION, "1.0");
        headers.put(InboundMessage.TENANT, "dfsp2");
        headers.put(InboundMessage.SOURCE, "payerfsp");
        headers.put(InboundMessage.DESTINATION, "payeefsp");
        template.sendBodyAndHeaders("jms:queue:" + INBOUND, body, headers);
    }

    private Exchange next(String queue, long millis) {
        return consumer.receive("jms:queue:" + queue, millis);
    }

    @Test
    void aNewQuoteReachesTheFlowsOnceAndARepeatIsNotProcessedAgain() throws Exception {
        String body = FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, UUID.randomUUID().toString());

        receiveFromSwitch("POST", "/quotes", body);
        Exchange forwarded = next("fspiop.requests.quotes", 5000);
        receiveFromSwitch("POST", "/quotes", body);

        assertThat(forwarded).isNotNull();
        assertThat(forwarded.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(forwarded.getMessage().getHeader(InboundMessage.TENANT)).isEqualTo("dfsp2");
        assertThat(next("fspiop.requests.quotes", 1000)).as("the repeat, still in progress, is not processed again").isNull();
        getMockEndpoint("mock:switch").expectedMessageCount(0);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void theStoredRequestDeliveredAgainAfterACrashIsProcessedThoughNotFlaggedRedelivered() throws Exception {
        String body = FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, UUID.randomUUID().toString());
        String receipt = UUID.randomUUID().toString();

        receiveFromSwitch("POST", "/quotes", body, receipt);
        Exchange first = next("fspiop.requests.quotes", 5000);
        // The hub died after registering the request and before the flows had it; the broker, restarted, delivers it as new.
        receiveFromSwitch("POST", "/quotes", body, receipt);
        Exchange again = next("fspiop.requests.quotes", 5000);

        assertThat(first).isNotNull();
        assertThat(again).as("the same delivery again reaches the flows").isNotNull();
        assertThat(again.getMessage().getBody(String.class)).isEqualTo(body);
    }

    @Test
    void aRepeatOfAnAnsweredQuoteGetsTheSameCallbackAgain() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String body = FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, quoteId);
        receiveFromSwitch("POST", "/quotes", body);
        assertThat(next("fspiop.requests.quotes", 5000)).isNotNull();
        String answer = "{\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"},\"expiration\":\"2030-01-01T00:00:00.000Z\","
                + "\"ilpPacket\":\"AYIB\",\"condition\":\"f5sqb7tBTWPd5Y8BDFdMm9BJR_MNI4isf8p8n4D5pHA\"}";
        journal.recordAnswer("dfsp2", "quotes", quoteId, "PUT", "/quotes/" + quoteId, answer);
        MockEndpoint sw = getMockEndpoint("mock:switch");
        sw.expectedMessageCount(1);

        // The same content with its members in another order is the same request.
        receiveFromSwitch("POST", "/quotes", body.replace("\"note\":\"lunch\",", "").replace("{\"quoteId\"", "{\"note\":\"lunch\",\"quoteId\""));

        MockEndpoint.assertIsSatisfied(context);
        OutboundRequest resent = sw.getReceivedExchanges().get(0).getMessage().getBody(OutboundRequest.class);
        assertThat(resent.method()).isEqualTo("PUT");
        assertThat(resent.path()).isEqualTo("/quotes/" + quoteId);
        assertThat(resent.body()).isEqualTo(answer);
        assertThat(resent.destination()).isEqualTo("payerfsp");
        assertThat(resent.version()).isEqualTo(FspiopVersion.V1_0);
        assertThat(resent.tenant().fspId()).isEqualTo("payeefsp");
        assertThat(next("fspiop.requests.quotes", 500)).isNull();
    }

    @Test
    void aRepeatWithOtherContentGetsError3106() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        receiveFromSwitch("POST", "/quotes", FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, quoteId));
        assertThat(next("fspiop.requests.quotes", 5000)).isNotNull();
        MockEndpoint sw = getMockEndpoint("mock:switch");
        sw.expectedMessageCount(1);

        receiveFromSwitch("POST", "/quotes", FspiopSamples.quoteRequest("11").replace(FspiopSamples.QUOTE_ID, quoteId));

        MockEndpoint.assertIsSatisfied(context);
        OutboundRequest error = sw.getReceivedExchanges().get(0).getMessage().getBody(OutboundRequest.class);
        assertThat(error.path()).isEqualTo("/quotes/" + quoteId + "/error");
        assertThat(error.body()).contains("\"errorCode\":\"3106\"");
        assertThat(error.destination()).isEqualTo("payerfsp");
        assertThat(next("fspiop.requests.quotes", 500)).isNull();
    }

    @Test
    void aGetOfAnAnsweredTransferGetsItsAnswerAndOfAnUnknownOne3208() throws Exception {
        String transferId = UUID.randomUUID().toString();
        String transfer = "{\"transferId\":\"" + transferId + "\",\"payerFsp\":\"payerfsp\",\"payeeFsp\":\"payeefsp\"}";
        receiveFromSwitch("POST", "/transfers", transfer);
        assertThat(next("fspiop.requests.transfers", 5000)).isNotNull();
        String committed = "{\"fulfilment\":\"UNlJ98hZTY_dsw0cAqw4i_UN3v4utt7CZFB4yfLbVFA\",\"transferState\":\"COMMITTED\"}";
        journal.recordAnswer("dfsp2", "transfers", transferId, "PUT", "/transfers/" + transferId, committed);
        MockEndpoint sw = getMockEndpoint("mock:switch");
        sw.expectedMessageCount(2);

        receiveFromSwitch("GET", "/transfers/" + transferId, "");
        String unknown = UUID.randomUUID().toString();
        receiveFromSwitch("GET", "/transfers/" + unknown, "");

        MockEndpoint.assertIsSatisfied(context);
        OutboundRequest answered = sw.getReceivedExchanges().get(0).getMessage().getBody(OutboundRequest.class);
        OutboundRequest notFound = sw.getReceivedExchanges().get(1).getMessage().getBody(OutboundRequest.class);
        assertThat(answered.path()).isEqualTo("/transfers/" + transferId);
        assertThat(answered.body()).isEqualTo(committed);
        assertThat(notFound.path()).isEqualTo("/transfers/" + unknown + "/error");
        assertThat(notFound.body()).contains("\"errorCode\":\"3208\"");
        assertThat(next("fspiop.requests.transfers", 300)).isNull();
    }

    @Test
    void aCallbackGoesWhereItsRequestWaitsWithItsCorrelation() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        callbacks.expect("dfsp2", "quotes", quoteId, "hub.test.replies", "transfer-42");
        callbacks.expect("dfsp2", "parties", "MSISDN/255700000001", "hub.test.replies", "lookup-7");

        receiveFromSwitch("PUT", "/quotes/" + quoteId, "{\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"}}");
        receiveFromSwitch("PUT", "/parties/MSISDN/255700000001/error", "{\"errorInformation\":{\"errorCode\":\"3204\",\"errorDescription\":\"x\"}}");

        Exchange quote = next("hub.test.replies", 5000);
        Exchange party = next("hub.test.replies", 5000);
        assertThat(quote.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo("transfer-42");
        assertThat(quote.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isFalse();
        assertThat(party.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo("lookup-7");
        assertThat(party.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isTrue();
        assertThat(next("fspiop.callbacks.quotes", 300)).isNull();
    }

    @Test
    void keysAreTheIdsAndPathsTheCallbacksCarry() {
        assertThat(FspiopCallbackRegistry.keyOfRequest("parties", "/parties/MSISDN/255700000001/sub", null))
                .isEqualTo(FspiopCallbackRegistry.keyOfCallback("/parties/MSISDN/255700000001/sub/error"))
                .isEqualTo("MSISDN/255700000001/sub");
        assertThat(FspiopCallbackRegistry.keyOfRequest("transfers", "/transfers", new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("transferId", "t-1"))).isEqualTo("t-1")
                .isEqualTo(FspiopCallbackRegistry.keyOfCallback("/transfers/t-1"));
        assertThat(FspiopCallbackRegistry.keyOfRequest("transfers", "/transfers/t-1", null)).isEqualTo("t-1");
    }

    @Test
    void callbacksAndLookupsGoToTheirQueues() throws Exception {
        receiveFromSwitch("PUT", "/transfers/" + UUID.randomUUID(), "{\"transferState\":\"COMMITTED\"}");
        receiveFromSwitch("GET", "/parties/MSISDN/255710000001", "");

        assertThat(next("fspiop.callbacks.transfers", 5000)).isNotNull();
        assertThat(next("fspiop.requests.parties", 5000)).isNotNull();
    }
}
