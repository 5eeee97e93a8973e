package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.paymenthub.fineract.simulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the tests: real calls with java.net.http, answers parsed with the simulator's mapper. */
final class SimulatorClient {

    /** One answer: status, body text and parsed JSON (null when the body is not JSON), headers. */
    record Answer(int status, String text, JsonNode json, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String code() {
            return json.path("userMessageGlobalisationCode").asText(null);
        }

        /** The globalisation codes of the errors, in order. */
        List<String> errorCodes() {
            List<String> codes = new ArrayList<>();
            json.path("errors").forEach(e -> codes.add(e.path("userMessageGlobalisationCode").asText()));
            return codes;
        }

        String firstErrorCode() {
            return json.path("errors").path(0).path("userMessageGlobalisationCode").asText(null);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client of the Fineract API of that tenant, as mifos/password. */
    static SimulatorClient fineract(FineractSimulator sim, String tenant) {
        return new SimulatorClient(sim.fineractUrl()).tenant(tenant).basicAuth("mifos", "password");
    }

    static SimulatorClient admin(FineractSimulator sim) {
        return new SimulatorClient(sim.adminUrl());
    }

    static SimulatorClient raw(String baseUrl) {
        return new SimulatorClient(baseUrl);
    }

    SimulatorClient tenant(String tenant) {
        return header("Fineract-Platform-TenantId", tenant);
    }

    SimulatorClient basicAuth(String user, String password) {
        return header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    SimulatorClient header(String name, String value) {
        SimulatorClient copy = new SimulatorClient(baseUrl);
        copy.headers.putAll(headers);
        if (value == null) {
            copy.headers.remove(name);
        } else {
            copy.headers.put(name, value);
        }
        return copy;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), parse(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
