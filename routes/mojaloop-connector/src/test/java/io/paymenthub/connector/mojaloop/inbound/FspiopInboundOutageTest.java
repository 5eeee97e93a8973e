package io.paymenthub.connector.mojaloop.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.dispatch.InboundDispatcher;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.core.schema.CuttableDataSource;
import io.paymenthub.core.tenant.TenantRegistry;

/**
 * The inbound API while a part of the hub is down. When the broker does not take the message, the
 * switch is told to send again: nothing was accepted. While the database cannot be reached, the
 * inbound API cannot look up where a callback goes, so it stores it on its inbound queue for
 * {@code fspiop-dispatch} to hand on later and still answers 202: nothing accepted is lost and the
 * switch need not resend.
 */
class FspiopInboundOutageTest extends CamelTestSupport {

    static final int PORT = AvailablePortFinder.getNextAvailable();
    static final String INBOUND = "fspiop.inbound.outage";
    static final TenantRegistry TENANTS = new TenantRegistry();
    static BrokerService broker;
    static ActiveMQConnectionFactory connectionFactory;

    @BeforeAll
    static void start() throws Exception {
        broker = FspiopSamples.startBroker("outage-test");
        connectionFactory = new ActiveMQConnectionFactory("vm://outage-test?create=false");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopSamples.tenantConfig("dfsp1", "dfsp1"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", FspiopSamples.tenantConfig("dfsp2", "dfsp2"));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = FspiopSamples.inboundApi(PORT, INBOUND);
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
        DataSource unreachable = CuttableDataSource.unreachable();
        return FspiopSamples.inboundRoute(TENANTS, FspiopJws.off(),
                new InboundDispatcher(new FspiopRequestJournal(unreachable), new FspiopCallbackRegistry(unreachable)));
    }

    private HttpResponse<String> send(String method, String path, String resource, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        FspiopSamples.headers(resource, "1.1", "dfsp1", "dfsp2").forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withTheBrokerDownTheSwitchIsAnswered503With2003() throws Exception {
        AdviceWith.adviceWith(context, FspiopInboundRouteBuilder.ROUTE_ID, route -> route.weaveByToUri("jms:*").replace()
                .throwException(new IllegalStateException("Could not connect to broker URL: tcp://mq:61616")));
        context.start();

        HttpResponse<String> response = send("POST", "/quotes", "quotes", FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"errorCode\":\"2003\"").doesNotContain("mq:61616");
    }

    @Test
    void withTheDatabaseDownACallbackIsStoredForLaterAndAccepted() throws Exception {
        context.start();
        String quoteId = UUID.randomUUID().toString();
        String callback = """
                {"transferAmount":{"amount":"10","currency":"USD"},"expiration":"2030-01-01T00:00:00.000Z",
                 "ilpPacket":"AYIB","condition":"f5sqb7tBTWPd5Y8BDFdMm9BJR_MNI4isf8p8n4D5pHA"}""";

        HttpResponse<String> response = send("PUT", "/quotes/" + quoteId, "quotes", callback);

        assertThat(response.statusCode()).isEqualTo(202);
        Exchange stored = consumer.receive("jms:queue:" + INBOUND, 5000);
        assertThat(stored).as("kept on the inbound queue for fspiop-dispatch").isNotNull();
        assertThat(stored.getMessage().getBody(String.class)).isEqualTo(callback);
        assertThat(stored.getMessage().getHeaders()).containsEntry(InboundMessage.METHOD, "PUT")
                .containsEntry(InboundMessage.PATH, "/quotes/" + quoteId).containsEntry(InboundMessage.TENANT, "dfsp2")
                .containsKey(InboundMessage.RECEIPT);
    }

    @Test
    void withTheDatabaseDownARequestIsStillHandedOnToItsFlows() throws Exception {
        context.start();
        HttpResponse<String> response = send("POST", "/quotes", "quotes", FspiopSamples.quoteRequest("10"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(consumer.receive("jms:queue:fspiop.requests.quotes", 5000)).isNotNull();
        assertThat(consumer.receive("jms:queue:" + INBOUND, 300)).isNull();
    }
}
