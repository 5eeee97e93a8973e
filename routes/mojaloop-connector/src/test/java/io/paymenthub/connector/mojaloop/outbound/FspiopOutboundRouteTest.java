package io.paymenthub.connector.mojaloop.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.StubSwitch;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;
import io.paymenthub.fspiop.jws.FspiopSignature;
import io.paymenthub.fspiop.jws.SignedMessage;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.connector.mojaloop.security.JwsKeys;
import io.paymenthub.connector.mojaloop.security.TestKeys;

/** What the hub sends to the switch, as a stub switch receives it. */
class FspiopOutboundRouteTest extends CamelTestSupport {

    static StubSwitch switchStub;
    static Tenant dfsp1;
    static java.security.KeyPair payerKeys;
    static FspiopJws jws;

    @BeforeAll
    static void startSwitch() throws Exception {
        switchStub = StubSwitch.start();
        dfsp1 = new TenantConfigParser().parse(FspiopSamples.tenantConfig("dfsp1", "payerfsp"));
        java.nio.file.Path keys = java.nio.file.Files.createTempDirectory("jws-keys");
        payerKeys = TestKeys.write("payerfsp", keys, null);
        jws = new FspiopJws(new JwsKeys(keys.toString(), keys.toString()), true, true, false, false);
    }

    @AfterAll
    static void stopSwitch() {
        switchStub.close();
    }

    @BeforeEach
    void reset() {
        switchStub.reset();
    }

    static String switchUrl() {
        return switchStub.url();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fspiop.retry.maximumRedeliveries", "1");
        properties.put("fspiop.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FspiopOutboundRouteBuilder(new SwitchEndpoints(switchUrl() + "/", Map.of("parties", switchUrl() + "/als"), "1.1"), jws, FspiopTls.off());
    }

    @Test
    void sendsARequestWithTheHeadersOfItsResourceAndVersion() {
        template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "POST", "/quotes",
                FspiopResource.QUOTES, "payeefsp", null, FspiopSamples.quoteRequest("10")));

        assertThat(switchStub.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/quotes");
            assertThat(r.headers().get("Content-Type")).hasSize(1);
            assertThat(FspiopContentType.parse(r.headers().getFirst("Content-Type"))).isEqualTo(FspiopContentType.of(FspiopResource.QUOTES, FspiopVersion.V1_1));
            assertThat(r.headers().getFirst("Accept")).isEqualTo("application/vnd.interoperability.quotes+json;version=1.1");
            assertThat(r.headers().getFirst("FSPIOP-Source")).isEqualTo("payerfsp");
            assertThat(r.headers().getFirst("FSPIOP-Destination")).isEqualTo("payeefsp");
            assertThat(FspiopHeaders.parseDate(r.headers().getFirst("Date"))).isNotNull();
            assertThat(r.body()).isEqualTo(FspiopSamples.quoteRequest("10"));
            // Signed as payerfsp: the signature verifies with its public key and covers this very request.
            assertThat(r.headers().getFirst("FSPIOP-URI")).isEqualTo("/quotes");
            assertThat(r.headers().getFirst("FSPIOP-HTTP-Method")).isEqualTo("POST");
            FspiopSignature.verify(payerKeys.getPublic(), new SignedMessage("POST", "/quotes", "payerfsp", "payeefsp",
                    r.headers().getFirst("Date"), r.body()), r.headers().getFirst("FSPIOP-Signature"), "/quotes", "POST");
        });
    }

    @Test
    void aCallbackAnswersInTheVersionOfItsRequestAndPartiesGoWhereConfigured() {
        template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "PUT", "/parties/MSISDN/255700000001",
                FspiopResource.PARTIES, "dfsp2", FspiopVersion.V1_0, "{\"party\":{}}"));
        template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "GET", "/parties/MSISDN/255710000001",
                FspiopResource.PARTIES, null, null, null));

        assertThat(switchStub.received()).hasSize(2);
        assertThat(switchStub.received().get(0).path()).isEqualTo("/als/parties/MSISDN/255700000001");
        assertThat(FspiopContentType.parse(switchStub.received().get(0).headers().getFirst("Content-Type")).version()).isEqualTo(FspiopVersion.V1_0);
        assertThat(switchStub.received().get(0).headers().containsKey("FSPIOP-Signature")).as("PUT /parties unsigned unless set").isFalse();
        assertThat(switchStub.received().get(1).method()).isEqualTo("GET");
        assertThat(switchStub.received().get(1).headers().containsKey("FSPIOP-Signature")).as("a GET has no body to sign").isFalse();
        assertThat(switchStub.received().get(1).headers().getFirst("Accept")).isEqualTo("application/vnd.interoperability.parties+json;version=1.1");
        assertThat(switchStub.received().get(1).headers().containsKey("FSPIOP-Destination")).isFalse();
    }

    @Test
    void theSwitchsRefusalIsRaisedWithItsErrorInformationAndNotRetried() {
        switchStub.answering(400, "{\"errorInformation\":{\"errorCode\":\"3100\",\"errorDescription\":\"Generic validation error - .amount should match pattern\"}}");

        assertThatThrownBy(() -> template.sendBody(FspiopOutboundRouteBuilder.ENDPOINT, new OutboundRequest(dfsp1, "POST", "/quotes",
                FspiopResource.QUOTES, "payeefsp", null, FspiopSamples.quoteRequest("10"))))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(FspiopException.class, e -> {
                    assertThat(e.errorInformation().errorCode()).isEqualTo("3100");
                    assertThat(e.errorInformation().errorDescription()).contains("amount should match pattern");
                });
        assertThat(switchStub.received()).hasSize(1);
    }

    @Test
    void anUnknownResourceOrVersionIsAConfigurationError() {
        assertThatThrownBy(() -> new SwitchEndpoints("http://switch", Map.of("quotations", "http://x"), "1.1"))
                .hasMessageContaining("quotations");
        assertThatThrownBy(() -> new SwitchEndpoints("http://switch", Map.of(), "2.0"))
                .hasMessageContaining("switch.version");
    }

}
