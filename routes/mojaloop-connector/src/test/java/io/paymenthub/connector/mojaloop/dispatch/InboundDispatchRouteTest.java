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
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.schema.SchemaMigrator;

/**
 * Where the switch's messages go, through {@code fspiop-dispatch} (the inbound API hands them on
 * with the same {@link InboundDispatcher}): requests to their flows' queue, callbacks to where
 * their request waits, a {@code GET} of an answered request its answer again.
 */
class InboundDispatchRouteTest extends CamelTestSupport {

    static final String INBOUND = "fspiop.inbound.dispatch-test";
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;
    static FspiopRequestJournal journal;
    static FspiopCallbackRegistry callbacks;

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
    protected RoutesBuilder createRouteBuilder() {
        return new FspiopDispatchRouteBuilder(new InboundDispatcher(journal, callbacks));
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
    void aRequestGoesToItsFlowsQueueAsReceived() {
        String body = FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, UUID.randomUUID().toString());
        String receipt = UUID.randomUUID().toString();

        receiveFromSwitch("POST", "/quotes", body, receipt);

        Exchange handedOn = next("fspiop.requests.quotes", 5000);
        assertThat(handedOn).isNotNull();
        assertThat(handedOn.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(handedOn.getMessage().getHeaders()).containsEntry(InboundMessage.TENANT, "dfsp2")
                .containsEntry(InboundMessage.RECEIPT, receipt).containsEntry(InboundMessage.SOURCE, "payerfsp");
        assertThat(handedOn.getMessage().getHeader("JMSDeliveryMode", Integer.class)).isEqualTo(2); // persistent
    }

    @Test
    void aGetOfAnAnsweredTransferGetsItsAnswerAndOfAnUnknownOne3208() throws Exception {
        String transferId = UUID.randomUUID().toString();
        journal.register("dfsp2", "transfers", transferId, "hash", "1.0", "payerfsp", UUID.randomUUID().toString());
        String committed = "{\"fulfilment\":\"UNlJ98hZTY_dsw0cAqw4i_UN3v4utt7CZFB4yfLbVFA\",\"transferState\":\"COMMITTED\"}";
        journal.recordAnswer("dfsp2", "transfers", transferId, "PUT", "/transfers/" + transferId, committed);

        receiveFromSwitch("GET", "/transfers/" + transferId, "");
        String unknown = UUID.randomUUID().toString();
        receiveFromSwitch("GET", "/transfers/" + unknown, "");

        Exchange answered = next(OutboundMessage.QUEUE, 5000);
        Exchange notFound = next(OutboundMessage.QUEUE, 5000);
        assertThat(answered.getMessage().getHeaders()).containsEntry(OutboundMessage.METHOD, "PUT")
                .containsEntry(OutboundMessage.PATH, "/transfers/" + transferId).containsEntry(OutboundMessage.TENANT, "dfsp2")
                .containsEntry(OutboundMessage.DESTINATION, "payerfsp").containsEntry(OutboundMessage.VERSION, "1.0")
                .doesNotContainKey(OutboundMessage.ANSWERS_ID);
        assertThat(answered.getMessage().getBody(String.class)).isEqualTo(committed);
        assertThat(notFound.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/transfers/" + unknown + "/error");
        assertThat(notFound.getMessage().getBody(String.class)).contains("\"errorCode\":\"3208\"");
        assertThat(next("fspiop.requests.transfers", 300)).isNull();
    }

    @Test
    void aGetOfATransferStillInProgressWaitsForItsAnswer() throws Exception {
        String transferId = UUID.randomUUID().toString();
        journal.register("dfsp2", "transfers", transferId, "hash", "1.0", "payerfsp", UUID.randomUUID().toString());

        receiveFromSwitch("GET", "/transfers/" + transferId, "");

        assertThat(next(OutboundMessage.QUEUE, 500)).isNull();
        assertThat(next("fspiop.requests.transfers", 300)).isNull();
    }

    @Test
    void aCallbackGoesWhereItsRequestWaitsWithItsCorrelation() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        callbacks.expect("dfsp2", "quotes", quoteId, "hub.test.replies", "transfer-42");
        // A batch's lookup: its callback goes behind single transfers', as its request did.
        callbacks.expect("dfsp2", "parties", "MSISDN/255700000001", "hub.test.replies", "lookup-7", Emit.BACKGROUND_PRIORITY);

        receiveFromSwitch("PUT", "/quotes/" + quoteId, "{\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"}}");
        receiveFromSwitch("PUT", "/parties/MSISDN/255700000001/error", "{\"errorInformation\":{\"errorCode\":\"3204\",\"errorDescription\":\"x\"}}");

        Exchange quote = next("hub.test.replies", 5000);
        Exchange party = next("hub.test.replies", 5000);
        assertThat(quote.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo("transfer-42");
        assertThat(quote.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isFalse();
        assertThat(party.getMessage().getHeader(OutboundMessage.CORRELATION)).isEqualTo("lookup-7");
        assertThat(party.getMessage().getHeader(OutboundMessage.ERROR_CALLBACK, Boolean.class)).isTrue();
        assertThat(quote.getMessage().getHeader("JMSPriority", Integer.class)).isEqualTo(Emit.NORMAL_PRIORITY);
        assertThat(party.getMessage().getHeader("JMSPriority", Integer.class)).isEqualTo(Emit.BACKGROUND_PRIORITY);
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
