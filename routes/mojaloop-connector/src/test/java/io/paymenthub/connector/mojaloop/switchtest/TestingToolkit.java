package io.paymenthub.connector.mojaloop.switchtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.security.TestCertificates;

/**
 * The Mojaloop Testing Toolkit (npm {@code ml-testing-toolkit}, installed in {@code lab/ttk}) run
 * as the switch for tests: its own copy of the spec files, our fixed callback and validation rules
 * ({@code src/test/resources/ttk}), callbacks sent to the hub's inbound FSPIOP API. It validates
 * every request it receives against the FSPIOP specification, as a real switch does.
 */
public final class TestingToolkit implements AutoCloseable {

    /** The Toolkit's admin API port; fixed in the Toolkit. */
    public static final int ADMIN_PORT = 5050;
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path root;
    private final int apiPort;
    /** The connection manager stand-in of a secured Toolkit, null otherwise. */
    private Process connectionManager;
    private boolean secured;
    // HTTP/1.1: the Toolkit's Node server does not answer an h2c upgrade.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestingToolkit(Process process, Path root, int apiPort) {
        this.process = process;
        this.root = root;
        this.apiPort = apiPort;
    }

    /**
     * @param fspId            the Toolkit's own fspId (FSPIOP-Source of its callbacks)
     * @param callbackEndpoint where its callbacks go: the hub's inbound FSPIOP API
     */
    public static TestingToolkit start(String fspId, String callbackEndpoint) throws Exception {
        return start(fspId, callbackEndpoint, null, null);
    }

    /**
     * As {@link #start(String, String)}, authenticating as a switch does with the run's keys and
     * certificates (lab/ttk/configure-security.js): mutual TLS both ways, FSPIOP signatures made as
     * {@code fspId} and verified for what {@code peerFspId} sends it.
     */
    public static TestingToolkit start(String fspId, String callbackEndpoint, TestCertificates certificates, String peerFspId)
            throws Exception {
        Path installation = installation();
        Path root = Files.createTempDirectory("ttk-root");
        copyTree(installation.resolve("spec_files"), root.resolve("spec_files"));
        configure(root, fspId, callbackEndpoint);
        node(installation.resolve("../../settlement-api.js").normalize(), root.resolve("spec_files").toString());
        if (certificates == null) {
            return launch(installation, root, null);
        }
        return launch(installation, root, secure(installation, root, certificates, fspId, peerFspId));
    }

    /**
     * The Toolkit as the lab runs it: in hub mode, the switch between the DFSPs dfsp1 and dfsp2
     * (both tenants of the hub at {@code hubFspiopUrl}), configured by lab/ttk/configure-hub-mode.js.
     */
    public static TestingToolkit startHubMode(String hubFspiopUrl) throws Exception {
        return startHubMode(hubFspiopUrl, null);
    }

    /** As {@link #startHubMode(String)}, with mutual TLS both ways and every signed request verified. */
    public static TestingToolkit startHubMode(String hubFspiopUrl, TestCertificates certificates) throws Exception {
        Path installation = installation();
        Path root = Files.createTempDirectory("ttk-root");
        copyTree(installation.resolve("spec_files"), root.resolve("spec_files"));
        ProcessBuilder configure = new ProcessBuilder("node", installation.resolve("../../configure-hub-mode.js").normalize().toString(),
                root.resolve("spec_files").toString()).redirectErrorStream(true);
        configure.environment().put("HUB_FSPIOP_URL", hubFspiopUrl);
        Process configuring = configure.start();
        String output = new String(configuring.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!configuring.waitFor(60, TimeUnit.SECONDS) || configuring.exitValue() != 0) {
            throw new IllegalStateException("configure-hub-mode.js failed: " + output);
        }
        return launch(installation, root, certificates == null ? null : secure(installation, root, certificates, null, null));
    }

    /** Runs one of lab/ttk's configuration scripts. */
    private static void node(Path script, String... arguments) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node", script.toString()));
        command.addAll(java.util.List.of(arguments));
        Process running = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(running.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!running.waitFor(60, TimeUnit.SECONDS) || running.exitValue() != 0) {
            throw new IllegalStateException(script.getFileName() + " failed: " + output);
        }
    }

    /** Writes the security settings and starts the connection manager stand-in; returns it. */
    private static Process secure(Path installation, Path root, TestCertificates certificates, String signingFsp, String peerFsp)
            throws Exception {
        Path lab = installation.resolve("../..").normalize();
        int port = freePort();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node",
                lab.resolve("configure-security.js").toString(), root.toString(), certificates.folder().toString(), String.valueOf(port)));
        if (signingFsp != null) {
            command.add(signingFsp);
        }
        ProcessBuilder configure = new ProcessBuilder(command).redirectErrorStream(true);
        if (peerFsp != null) {
            configure.environment().put("TTK_DFSP", peerFsp);
        }
        Process configuring = configure.start();
        String output = new String(configuring.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!configuring.waitFor(60, TimeUnit.SECONDS) || configuring.exitValue() != 0) {
            throw new IllegalStateException("configure-security.js failed: " + output);
        }
        ProcessBuilder manager = new ProcessBuilder("node", lab.resolve("connection-manager.js").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "connection-manager.log").toAbsolutePath().toFile()));
        manager.environment().put("CM_PORT", String.valueOf(port));
        manager.environment().put("CM_JWS_DIR", certificates.jws("").toString());
        manager.environment().put("CM_TLS_DIR", certificates.tls("").toString());
        Process started = manager.start();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return started;
            } catch (IOException notYet) {
                if (!started.isAlive()) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        started.destroy();
        throw new IllegalStateException("The connection manager stand-in did not start; see target/connection-manager.log");
    }

    private static Path installation() {
        Path installation = Path.of(System.getProperty("hub.ttk.home", "../../lab/ttk")).toAbsolutePath().normalize()
                .resolve("node_modules/ml-testing-toolkit");
        if (!Files.isDirectory(installation)) {
            throw new IllegalStateException("The Testing Toolkit is not installed in " + installation
                    + ": run 'npm install' in lab/ttk (the build does it before the integration tests)");
        }
        return installation;
    }

    private static TestingToolkit launch(Path installation, Path root, Process connectionManager) throws Exception {
        int apiPort = freePort();
        Path log = Path.of("target", "testing-toolkit.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("node", installation.resolve("src/index.js").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TTK_ROOT", root.toString());
        // As lab/run starts it: without the request capture that keeps every request sent on a kept-alive connection.
        builder.environment().put("NODE_OPTIONS",
                "--require=" + installation.resolve("../../without-request-capture.js").normalize());
        builder.environment().put("TTK_SYSTEM_CONFIG", "{\"API_PORT\":" + apiPort + "}");
        TestingToolkit toolkit = new TestingToolkit(builder.start(), root, apiPort);
        toolkit.connectionManager = connectionManager;
        toolkit.secured = connectionManager != null;
        try {
            toolkit.awaitReady(log);
        } catch (Exception | AssertionError e) {
            toolkit.close();
            throw e;
        }
        return toolkit;
    }

    /** Where the hub sends as to a switch. */
    public String fspiopUrl() {
        return (secured ? "https" : "http") + "://127.0.0.1:" + apiPort;
    }

    /** The requests the Toolkit received, newest last. */
    public JsonNode receivedRequests() throws Exception {
        return JSON.readTree(admin("/api/history/requests"));
    }

    /**
     * Makes the Toolkit answer its settlement API (central settlement v1) with fixed bodies: each
     * answer is for a GET of {@code operationPath} whose query holds the given parameters. Replaces
     * the answers set before.
     */
    public void answerSettlementApi(List<SettlementAnswer> answers) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode rules = JSON.createArrayNode();
        int ruleId = 1;
        for (SettlementAnswer answer : answers) {
            ObjectNode rule = rules.addObject();
            rule.put("ruleId", ruleId++);
            rule.put("priority", 1);
            rule.put("description", "GET " + answer.operationPath() + " " + answer.query());
            rule.put("type", "response");
            rule.put("version", 1);
            rule.putObject("apiVersion").put("minorVersion", 0).put("majorVersion", 1).put("type", "settlements")
                    .put("asynchronous", false);
            com.fasterxml.jackson.databind.node.ArrayNode all = rule.putObject("conditions").putArray("all");
            all.addObject().put("fact", "operationPath").put("operator", "equal").put("value", answer.operationPath());
            all.addObject().put("fact", "method").put("operator", "equal").put("value", "get");
            answer.query().forEach((name, value) -> all.addObject().put("fact", "queryParams").put("operator", "equal")
                    .put("value", value).put("path", name));
            ObjectNode params = rule.putObject("event").put("type", "FIXED_RESPONSE").putObject("params");
            params.put("statusCode", String.valueOf(answer.status()));
            params.set("body", JSON.readTree(answer.body()));
        }
        adminPut("/api/rules/files/response/hub-settlement.json", rules.toString());
        adminPut("/api/rules/files/response", "{\"type\":\"activeRulesFile\",\"fileName\":\"hub-settlement.json\"}");
    }

    /** A fixed answer of the Toolkit's settlement API: status and JSON body for a GET of the path with these query parameters. */
    public record SettlementAnswer(String operationPath, java.util.Map<String, String> query, int status, String body) {
    }

    private void adminPut(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Toolkit admin PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void awaitReady(Path log) throws Exception {
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Testing Toolkit exited; see " + log);
            }
            try {
                admin("/api/config/user");
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", apiPort)) {
                    return;
                }
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        throw new IllegalStateException("The Testing Toolkit did not start within " + START_DEADLINE.toSeconds() + " s; see " + log);
    }

    private String admin(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Toolkit admin " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static void configure(Path root, String fspId, String callbackEndpoint) throws IOException {
        Path userConfig = root.resolve("spec_files/user_config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(userConfig.toFile());
        config.put("CALLBACK_ENDPOINT", callbackEndpoint);
        config.put("FSPID", fspId);
        config.put("HUB_ONLY_MODE", false);
        config.put("SEND_CALLBACK_ENABLE", true);
        config.put("VERSIONING_SUPPORT_ENABLE", true);
        ((ObjectNode) config.path("CALLBACK_RESOURCE_ENDPOINTS")).put("enabled", false);
        JSON.writerWithDefaultPrettyPrinter().writeValue(userConfig.toFile(), config);
        install(root, "rules_callback", "hub-callbacks.json");
        install(root, "rules_validation", "hub-errors.json");
    }

    private static void install(Path root, String folder, String rulesFile) throws IOException {
        Path target = root.resolve("spec_files").resolve(folder);
        try (InputStream rules = TestingToolkit.class.getResourceAsStream("/ttk/" + folder + "/" + rulesFile)) {
            Files.copy(rules, target.resolve(rulesFile), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(target.resolve("config.json"), "{\"activeRulesFile\":\"" + rulesFile + "\"}");
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (connectionManager != null) {
            connectionManager.destroy();
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
