package io.paymenthub.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthCheck;
import io.paymenthub.core.health.HealthReporter;

/** GET /health over real HTTP (Jetty), with checks whose state the test controls. */
class HealthRouteTest extends CamelTestSupport {

    // Static: camel-test may build the context on another instance of this class than the one running a test.
    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static final AtomicReference<ComponentHealth> DATABASE =
            new AtomicReference<>(ComponentHealth.up("database", Map.of("schemaVersion", 2)));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

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
        HealthCheck broker = check("broker", () -> ComponentHealth.up("broker", Map.of("roundTripMillis", 3)));
        HealthCheck db = check("database", DATABASE::get);
        HealthCheck failing = check("tenants", () -> {
            throw new IllegalStateException("registry unavailable");
        });
        HealthReporter reporter = new HealthReporter(List.of(broker, db), List.of(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        context.getRegistry().bind("failingReporter", new HealthReporter(List.of(broker, failing)));
        return new HealthRouteBuilder(new HealthReportProcessor(reporter));
    }

    @org.junit.jupiter.api.BeforeEach
    void databaseUp() {
        DATABASE.set(ComponentHealth.up("database", Map.of("schemaVersion", 2)));
    }

    @Test
    void answers200WithEveryComponentWhenAllAreUp() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checkedAt").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(body.path("components")).hasSize(2);
        assertThat(body.path("components").get(0).path("name").asText()).isEqualTo("broker");
        assertThat(body.path("components").get(1).path("details").path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(response.headers().firstValue("Keep-Alive")).as("idle connections retired before Jetty closes them")
                .hasValue("timeout=20");
    }

    @Test
    void aBodyOverTheListenersLimitIs413() throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + PORT + "/health")).method("GET",
                java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(2048))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void answers503WhenAComponentIsDown() throws Exception {
        DATABASE.set(ComponentHealth.down("database", "connection refused"));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").get(0).path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").get(1).path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").get(1).path("details").path("error").asText()).isEqualTo("connection refused");
    }

    @Test
    void aCheckThatThrowsIsReportedDown() {
        HealthReporter reporter = context.getRegistry().lookupByNameAndType("failingReporter", HealthReporter.class);

        ComponentHealth tenants = reporter.report().components().get(1);

        assertThat(tenants.status()).isEqualTo(io.paymenthub.core.health.HealthStatus.DOWN);
        assertThat(tenants.details().get("error")).asString().contains("registry unavailable");
    }

    @Test
    void otherPathsAreNotServed() throws Exception {
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HealthCheck check(String name, java.util.function.Supplier<ComponentHealth> result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentHealth check() {
                return result.get();
            }
        };
    }
}
