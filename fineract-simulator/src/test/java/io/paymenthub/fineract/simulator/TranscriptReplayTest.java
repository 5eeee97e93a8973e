package io.paymenthub.fineract.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.paymenthub.fineract.simulator.http.Json;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every call of the recorded session with a real Fineract (src/test/resources/recorded/fineract-interop-transcript.md)
 * against the simulator, in order, and requires the same status and the same body: same fields, same order, same
 * number forms. Only what cannot match is normalised: dates (the recording's day becomes today), timestamps
 * (checked for their format) and identifier ids (checked for consistency).
 */
class TranscriptReplayTest {

    private static final String TRANSCRIPT = "/recorded/fineract-interop-transcript.md";

    private static final Pattern CALL = Pattern.compile("^#### (\\d+)\\. `(\\w+) /interoperation/(\\S+)`$|^#### (\\d+)\\. `(\\w+) (/\\S+)`$");
    private static final Pattern STATUS = Pattern.compile("^Response: \\*\\*(\\d+)\\*\\*.*$");
    private static final Pattern HEADER = Pattern.compile("`([^:`]+): ([^`]*)`");
    private static final Pattern COMPLETED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0000");
    private static final Pattern CONTAINER_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static FineractSimulator sim;

    /** One recorded call. */
    record Recorded(int number, String method, String path, Map<String, String> headers, String requestBody, int status,
            Map<String, String> responseHeaders, String responseBody) {}

    @BeforeAll
    static void start() {
        sim = FineractSimulator.start(0, SeedLoader.fromClasspath("/seed/transcript-seed.json"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @TestFactory
    Stream<DynamicTest> replaysEveryRecordedCall() throws IOException {
        List<Recorded> calls = parse(transcript());
        assertThat(calls).hasSize(74);
        return calls.stream().map(call -> DynamicTest.dynamicTest("#" + call.number() + " " + call.method() + " " + call.path(),
                () -> replay(call)));
    }

    private static void replay(Recorded call) {
        SimulatorClient client = SimulatorClient.raw(sim.fineractUrl());
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            String value = header.getValue();
            if (header.getKey().equals("Authorization")) {
                // The recording masks the password: "mifos:***" was the right one.
                client = value.endsWith(":***") ? client.basicAuth("mifos", "password")
                        : client.basicAuth(value.substring(6, value.indexOf(':')), value.substring(value.indexOf(':') + 1));
            } else if (!header.getKey().equals("Content-Type")) {
                client = client.header(header.getKey(), value);
            }
        }
        SimulatorClient.Answer answer = client.send(call.method(), call.path(), call.requestBody());

        assertThat(answer.status()).as("status of #%d", call.number()).isEqualTo(call.status());
        assertThat(answer.header("content-type")).isEqualTo("application/json");
        if ("true".equals(call.responseHeaders().get("x-served-from-cache"))) {
            assertThat(answer.header("x-served-from-cache")).isEqualTo("true");
        } else {
            assertThat(answer.header("x-served-from-cache")).isNull();
        }
        JsonNode expected = SimulatorClient.parse(call.responseBody());
        if (expected == null || !expected.isContainerNode()) {
            assertThat(answer.text()).isEqualTo(call.responseBody());
            return;
        }
        assertThat(answer.json()).as("body of #%d: %s", call.number(), answer.text()).isNotNull();
        assertThat(Json.write(normalise(answer.json().deepCopy())))
                .as("body of #%d", call.number())
                .isEqualTo(Json.write(normalise(expected.deepCopy())));
    }

    /** Dates of the recording day become today; timestamps and generated ids are checked, then blanked. */
    private static JsonNode normalise(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            if (array.size() == 3 && array.get(0).asInt() == 2026 && array.get(1).asInt() == 11 && array.get(2).asInt() == 28) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                array.removeAll();
                array.add(today.getYear()).add(today.getMonthValue()).add(today.getDayOfMonth());
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalise(array.get(i)));
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("completedTimestamp")) {
                assertThat(object.get("completedTimestamp").asText()).matches(COMPLETED);
                object.set("completedTimestamp", TextNode.valueOf("<timestamp>"));
            }
            if (object.has("timestamp")) {
                assertThat(object.get("timestamp").asText()).matches(CONTAINER_TIMESTAMP);
                object.set("timestamp", TextNode.valueOf("<timestamp>"));
            }
            if (object.has("resourceIdentifier")) {
                assertThat(object.get("resourceIdentifier").asText()).isEqualTo(object.get("resourceId").asText());
                object.set("resourceId", TextNode.valueOf("<id>"));
                object.set("resourceIdentifier", TextNode.valueOf("<id>"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(normalise(field.getValue()));
            }
        }
        return node;
    }

    /** The recorded session, a fixture of this module: the real Fineract's calls and answers, kept exact. */
    private static List<String> transcript() throws IOException {
        try (java.io.InputStream recorded = TranscriptReplayTest.class.getResourceAsStream(TRANSCRIPT)) {
            assertThat(recorded).as("the recorded Fineract session " + TRANSCRIPT).isNotNull();
            return new String(recorded.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<Recorded> parse(List<String> lines) {
        List<Recorded> calls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = CALL.matcher(lines.get(i));
            if (!header.matches()) {
                continue;
            }
            boolean interop = header.group(1) != null;
            int number = Integer.parseInt(interop ? header.group(1) : header.group(4));
            String method = interop ? header.group(2) : header.group(5);
            String path = interop ? "/interoperation/" + header.group(3) : header.group(6);
            Map<String, String> requestHeaders = new LinkedHashMap<>();
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            String requestBody = null;
            String responseBody = null;
            int status = -1;
            for (i = i + 1; i < lines.size() && !lines.get(i).startsWith("#### ") && !lines.get(i).startsWith("### "); i++) {
                String line = lines.get(i);
                if (line.startsWith("Request headers:")) {
                    headers(line, requestHeaders);
                } else if (STATUS.matcher(line).matches()) {
                    Matcher statusMatch = STATUS.matcher(line);
                    statusMatch.matches();
                    status = Integer.parseInt(statusMatch.group(1));
                    headers(line, responseHeaders);
                } else if (line.equals("```json")) {
                    StringBuilder block = new StringBuilder();
                    for (i = i + 1; !lines.get(i).equals("```"); i++) {
                        block.append(lines.get(i)).append('\n');
                    }
                    String text = block.toString().trim();
                    if (status < 0) {
                        requestBody = text;
                    } else {
                        responseBody = text;
                    }
                }
            }
            i--;
            calls.add(new Recorded(number, method, path, requestHeaders, requestBody, status, responseHeaders, responseBody));
        }
        return calls;
    }

    private static void headers(String line, Map<String, String> into) {
        Matcher matcher = HEADER.matcher(line);
        while (matcher.find()) {
            into.put(matcher.group(1), matcher.group(2));
        }
    }
}
