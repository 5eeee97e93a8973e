package io.paymenthub.connector.mojaloop.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.core.tenant.TenantRegistry;

/** When the broker does not take the message, the switch is told to send again: nothing was accepted. */
class FspiopInboundBrokerDownTest extends CamelTestSupport {

    static final int PORT = AvailablePortFinder.getNextAvailable();
    static final TenantRegistry TENANTS = new TenantRegistry();

    @BeforeAll
    static void tenants() throws Exception {
        TENANTS.update("pid-1", "etc/dfsp1.cfg", FspiopInboundRouteTest.tenant("dfsp1"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", FspiopInboundRouteTest.tenant("dfsp2"));
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fspiop.http.host", "127.0.0.1");
        properties.put("fspiop.http.port", String.valueOf(PORT));
        properties.put("fspiop.http.maxRequestBytes", "65536");
        properties.put("fspiop.inbound.queue", "unused");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FspiopInboundRouteBuilder(InboundSpecificationCheck.forSupportedVersions(), new InboundTenantRouter(TENANTS),
                new InboundPeerCheck(TENANTS, "switch", ""), new InboundSignatureCheck(FspiopJws.off()), FspiopTls.off());
    }

    @Test
    void answers503With2003() throws Exception {
        AdviceWith.adviceWith(context, FspiopInboundRouteBuilder.ROUTE_ID, route -> route.weaveByToUri("jms:*").replace()
                .throwException(new IllegalStateException("Could not connect to broker URL: tcp://mq:61616")));
        context.start();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/quotes"))
                .POST(HttpRequest.BodyPublishers.ofString(FspiopSamples.quoteRequest("10")));
        FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2").forEach(request::header);

        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"errorCode\":\"2003\"").doesNotContain("mq:61616");
    }
}
