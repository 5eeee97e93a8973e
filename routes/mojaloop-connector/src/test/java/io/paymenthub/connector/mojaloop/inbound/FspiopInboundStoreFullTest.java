package io.paymenthub.connector.mojaloop.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.karaf.broker.EmbeddedBroker;

/**
 * The inbound API on the hub's own persistent broker while its store fills up: the switch's
 * requests are accepted (202) while the broker takes them and refused with 503 / 2003 once it
 * cannot, after the broker's short wait rather than never; every request accepted is on its
 * flows' queue, and none refused is.
 */
class FspiopInboundStoreFullTest extends CamelTestSupport {

    static final int PORT = AvailablePortFinder.getNextAvailable();
    static final TenantRegistry TENANTS = new TenantRegistry();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String QUOTES = "fspiop.requests.quotes";
    @TempDir
    static Path data;
    static EmbeddedBroker broker;
    static ActiveMQConnectionFactory connectionFactory;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedBroker();
        broker.setEmbedded(true);
        broker.setBrokerName("store-full-test");
        broker.setDataDirectory(data.toString());
        broker.setTransportConnectors("");
        broker.setStoreLimitMb(1);
        broker.setMemoryLimitMb(32);
        broker.setSendWaitWhenFullMillis(200);
        broker.start();
        connectionFactory = new ActiveMQConnectionFactory("vm://store-full-test?create=false");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopSamples.tenantConfig("dfsp1", "dfsp1"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", FspiopSamples.tenantConfig("dfsp2", "dfsp2"));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return FspiopSamples.inboundApi(PORT, "fspiop.inbound.store-full");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return FspiopSamples.inboundRoute(TENANTS, FspiopJws.off(), FspiopSamples.dispatcher());
    }

    @Test
    void requestsAreRefused503With2003OnceTheStoreIsFullAndEveryAcceptedOneIsKept() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        // Something else fills most of the store (a backlog of 64 KB messages), then the switch keeps sending quotes.
        fillStore(768 * 1024);
        HttpClient http = HttpClient.newHttpClient();
        // At most 2,000 quotes of about 1 KB: the store holds 1 MB, and an edge that blocked would hang here.
        for (int i = 0; i < 2000 && refused.size() < 5; i++) {
            String quoteId = UUID.randomUUID().toString();
            HttpResponse<String> response = send(http, quoteId);
            if (response.statusCode() == 202) {
                accepted.add(quoteId);
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(JSON.readTree(response.body()).path("errorInformation").path("errorCode").asText()).isEqualTo("2003");
                refused.add(quoteId);
            }
        }
        System.out.printf("store of 1 MB filled: %d quotes accepted, then %d refused 503 / 2003%n", accepted.size(), refused.size());

        assertThat(refused).as("refused once the store is full").hasSize(5);
        Set<String> kept = drain(QUOTES);
        assertThat(kept).as("every accepted quote on its flows' queue, no refused one").containsExactlyInAnyOrderElementsOf(accepted);
    }

    private HttpResponse<String> send(HttpClient http, String quoteId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/quotes"))
                .POST(HttpRequest.BodyPublishers.ofString(FspiopSamples.quoteRequest("10").replace(FspiopSamples.QUOTE_ID, quoteId)));
        FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2").forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends 64 KB persistent messages to a queue nobody reads until {@code bytes} are in, or the broker refuses one. */
    private static void fillStore(int bytes) throws Exception {
        String payload = "x".repeat(64 * 1024);
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("backlog"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int sent = 0; sent < bytes; sent += payload.length()) {
                try {
                    producer.send(session.createTextMessage(payload));
                } catch (ResourceAllocationException full) {
                    return;
                }
            }
        }
    }

    /** The quote ids of every message on {@code queue}, taken off it. */
    private static Set<String> drain(String queue) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message message = consumer.receive(2000); message != null; message = consumer.receive(500)) {
                ids.add(JSON.readTree(((TextMessage) message).getText()).path("quoteId").asText());
            }
        }
        return ids;
    }
}
