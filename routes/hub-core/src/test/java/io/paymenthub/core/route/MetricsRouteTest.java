package io.paymenthub.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthCheck;
import io.paymenthub.core.health.HealthReporter;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.metrics.PrometheusMetrics;
import io.paymenthub.core.tenant.ChannelLogins;
import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.TenantRegistry;

/** GET /metrics over real HTTP (Jetty): Prometheus text to the configured scraper, 401 to anyone else. */
class MetricsRouteTest extends CamelTestSupport {

    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static final String PASSWORD = "scrape-me-please";
    private static final PrometheusMetrics METRICS = new PrometheusMetrics(List.of());
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("hub.http.host", "127.0.0.1");
        properties.put("hub.http.port", String.valueOf(PORT));
        properties.put("hub.http.maxRequestBytes", "1024");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        HealthCheck broker = new HealthCheck() {
            @Override
            public String name() {
                return "broker";
            }

            @Override
            public ComponentHealth check() {
                return ComponentHealth.up("broker", Map.of());
            }
        };
        ChannelLogins logins = new ChannelLogins(new TenantRegistry(), 3, Duration.ofMinutes(1));
        return new HealthRouteBuilder(new HealthReportProcessor(new HealthReporter(List.of(broker))),
                new MetricsScrapeProcessor(METRICS, logins, "prometheus", SecretHash.hash(PASSWORD)));
    }

    @Test
    void theScraperGetsTheCountsInPrometheusText() throws Exception {
        HubMetrics hub = METRICS.hubMetrics();
        hub.ended(HubMetrics.PAYER_TRANSFER, "dfsp1", "COMMITTED", Duration.ofMillis(180));
        hub.ended(HubMetrics.PAYER_TRANSFER, "dfsp1", "COMMITTED", Duration.ofMillis(320));
        hub.accountSystemCall("dfsp1", "fineract", "prepare", "INSUFFICIENT_FUNDS", Duration.ofMillis(12));

        HttpResponse<String> response = get("prometheus", PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body())
                .contains("paymenthub_flow_duration_seconds_count{flow=\"payer-transfer\",state=\"COMMITTED\",tenant=\"dfsp1\"} 2")
                .contains("paymenthub_flow_duration_seconds_bucket{flow=\"payer-transfer\",state=\"COMMITTED\",tenant=\"dfsp1\",le=\"0.25\"} 1")
                .contains("paymenthub_core_banking_calls_seconds_count{connector=\"fineract\",operation=\"prepare\",outcome=\"INSUFFICIENT_FUNDS\",tenant=\"dfsp1\"} 1")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void noOrWrongCredentialsAre401AndShowNothing() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = get("prometheus", "guess");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("paymenthub_").doesNotContain("jvm_");
    }

    @Test
    void withoutAConfiguredPasswordNobodyScrapes() {
        MetricsScrapeProcessor unconfigured = new MetricsScrapeProcessor(METRICS, new ChannelLogins(new TenantRegistry(), 3,
                Duration.ofMinutes(1)), "prometheus", "");
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setHeader("Authorization", basic("prometheus", ""));

        unconfigured.process(exchange);

        assertThat(exchange.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(exchange.getMessage().getBody(String.class)).contains("metrics.passwordHash");
    }

    private HttpResponse<String> get(String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics"))
                .header("Authorization", basic(user, password)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
