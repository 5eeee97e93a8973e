package io.paymenthub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.core.tenant.TenantRegistry;

/** The channel API over HTTPS ({@code tls = true}): served with the store's certificate, and not over plain HTTP. */
class ChannelApiTlsTest extends CamelTestSupport {

    static TestBroker broker;
    static Path keyStore;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start("channel-tls-test");
        keyStore = Files.createTempDirectory("channel-tls").resolve("channel-server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "channel", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "store-password")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("channel.http.host", "127.0.0.1");
        properties.put("channel.http.port", String.valueOf(port));
        properties.put("channel.http.maxRequestBytes", "65536");
        properties.put("channel.http.maxBatchBytes", "65536");
        properties.put("channel.jms.consumers", "1");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new ChannelApiRouteBuilder(new ChannelAuthenticator(new TenantRegistry(), 5, 300), null, null, null, null,
                new ChannelTls(true, keyStore.toString(), "store-password"));
    }

    @Test
    void theApiAnswersOverHttpsWithItsCertificateAndNotOverPlainHttp() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, "store-password".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();

        HttpResponse<String> document = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/channel/openapi.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("openapi");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/channel/openapi.json")).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
