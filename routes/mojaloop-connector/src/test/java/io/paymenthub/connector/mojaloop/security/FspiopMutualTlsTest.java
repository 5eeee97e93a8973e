package io.paymenthub.connector.mojaloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLParameters;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.OutboundRequest;
import io.paymenthub.connector.mojaloop.outbound.SwitchEndpoints;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.fspiop.FspiopResource;

/**
 * Mutual TLS on both edges toward the switch, with the certificates of lab/certs/make-certs: the
 * inbound API answers only a client with a certificate of the scheme's CA; the hub reaches a switch
 * that requires its client certificate, and trusts only a switch certificate of that CA.
 */
class FspiopMutualTlsTest extends CamelTestSupport {

    static final int PORT = AvailablePortFinder.getNextAvailable();
    static final String QUEUE = "fspiop.inbound.tls";
    static final TenantRegistry TENANTS = new TenantRegistry();
    static final List<String> AT_SWITCH = new CopyOnWriteArrayList<>();
    /** The client port of the connection each request came on. */
    static final List<Integer> CONNECTIONS = new CopyOnWriteArrayList<>();
    static TestCertificates certificates;
    static BrokerService broker;
    static HttpsServer switchServer;
    static Tenant dfsp1;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.make(Files.createTempDirectory("tls-test").resolve("keys"));
        broker = FspiopSamples.startBroker("tls-test");
        dfsp1 = TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopSamples.tenantConfig("dfsp1", "dfsp1"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", FspiopSamples.tenantConfig("dfsp2", "dfsp2"));
        switchServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        switchServer.setHttpsConfigurator(new HttpsConfigurator(certificates.context("switch-server.p12")) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        switchServer.createContext("/", exchange -> {
            AT_SWITCH.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            CONNECTIONS.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        switchServer.start();
    }

    @BeforeEach
    void forgetWhatTheSwitchSaw() {
        AT_SWITCH.clear();
        CONNECTIONS.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        switchServer.stop(0);
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = FspiopSamples.inboundApi(PORT, QUEUE);
        properties.put("fspiop.retry.maximumRedeliveries", "0");
        properties.put("fspiop.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://tls-test?create=false")));
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        FspiopTls tls = certificates.hubTls();
        return new RoutesBuilder[] {
            FspiopSamples.inboundRoute(TENANTS, "", FspiopJws.off(), tls, FspiopSamples.dispatcher()),
            new FspiopOutboundRouteBuilder(new SwitchEndpoints("https://127.0.0.1:" + switchServer.getAddress().getPort(), Map.of(), "1.1"),
                    FspiopJws.off(), tls)
        };
    }

    private HttpResponse<String> quote(HttpClient client) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + PORT + "/quotes"))
                .POST(HttpRequest.BodyPublishers.ofString(FspiopSamples.quoteRequest("10")));
        FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2").forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSwitchWithItsClientCertificateIsAcceptedAndNobodyElse() throws Exception {
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(certificates.context("switch-client.p12")).build();
        HttpClient withoutCertificate = HttpClient.newBuilder().sslContext(certificates.context(null)).build();
        HttpClient plain = HttpClient.newHttpClient();

        assertThat(quote(withCertificate).statusCode()).isEqualTo(202);
        assertThat(consumer.receive(FspiopSamples.HANDED_ON, 5000)).isNotNull();
        assertThatThrownBy(() -> quote(withoutCertificate)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/quotes"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(consumer.receive(FspiopSamples.HANDED_ON, 300)).as("nothing else stored").isNull();
    }

    @Test
    void theHubReachesTheSwitchWithItsClientCertificate() {
        template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "GET", "/parties/MSISDN/255710000001",
                FspiopResource.PARTIES, null, null, null));

        assertThat(AT_SWITCH).containsExactly("GET /parties/MSISDN/255710000001");
    }

    @Test
    void theHubKeepsItsConnectionToTheSwitchRatherThanATlsHandshakePerCallback() {
        for (int i = 0; i < 5; i++) {
            template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "GET", "/parties/MSISDN/25571000000" + i,
                    FspiopResource.PARTIES, null, null, null));
        }

        assertThat(CONNECTIONS).hasSize(5);
        assertThat(CONNECTIONS.stream().distinct()).as("connections opened for five requests").hasSize(1);
    }
}
