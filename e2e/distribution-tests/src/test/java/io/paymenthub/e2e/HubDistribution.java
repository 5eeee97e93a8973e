package io.paymenthub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.security.TestCertificates;

/**
 * The built distribution, unpacked and run the way an operator runs it: {@code bin/start},
 * {@code bin/client}, {@code bin/stop}, files in {@code etc/} and {@code deploy/}. Every port is
 * a free one, so tests never collide with services of the machine.
 */
public final class HubDistribution implements AutoCloseable {

    /** The Prometheus scraper's password of every test distribution ({@code metrics.passwordHash}). */
    public static final String METRICS_PASSWORD = "scraper-secret-of-the-tests";
    private static final String METRICS_PASSWORD_HASH = io.paymenthub.core.tenant.SecretHash.hash(METRICS_PASSWORD);


    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private final int openWirePort;
    private final int fspiopPort;
    private boolean secured;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HubDistribution(Path home) {
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
        this.openWirePort = freePort();
        this.fspiopPort = freePort();
    }

    /** Unpacks a fresh copy of the distribution into the work folder under this name. */
    public static HubDistribution unpack(String name) throws Exception {
        Path archive = Path.of(System.getProperty("hub.distribution.archive"));
        Path target = Path.of(System.getProperty("hub.e2e.workdir", "target/e2e")).resolve(name);
        deleteRecursively(target);
        Files.createDirectories(target);
        run(List.of("tar", "xzf", archive.toString(), "-C", target.toString()), Duration.ofMinutes(2));
        Path home;
        try (Stream<Path> children = Files.list(target)) {
            home = children.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Nothing unpacked from " + archive));
        }
        HubDistribution hub = new HubDistribution(home);
        hub.usePorts();
        return hub;
    }

    private void usePorts() throws IOException {
        appendEtc("io.paymenthub.hub.cfg", "http.host = 127.0.0.1\nhttp.port = " + httpPort + "\n"
                + "metrics.passwordHash = " + METRICS_PASSWORD_HASH + "\n");
        appendEtc("io.paymenthub.broker.cfg", "transportConnectors = tcp://127.0.0.1:" + openWirePort + "\n");
        appendEtc("io.paymenthub.fspiop.cfg", "http.host = 127.0.0.1\nhttp.port = " + fspiopPort + "\n");
        Path shell = home.resolve("etc/org.apache.karaf.shell.cfg");
        String text = Files.readString(shell).replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort);
        Files.writeString(shell, text);
    }

    public Path home() {
        return home;
    }

    /** The port of the inbound FSPIOP API, where the switch (or a balancer in front of the nodes) sends. */
    public int fspiopPort() {
        return fspiopPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The base URL of the inbound FSPIOP API, where the switch sends. */
    public String fspiopUrl() {
        return (secured ? "https" : "http") + "://127.0.0.1:" + fspiopPort;
    }

    /**
     * Gives the hub this run's keys and certificates, as an operator installs a scheme's: its TLS
     * stores (mutual TLS toward the switch on), the signing keys of the tenants' fspIds, and every
     * other FSP's public key as a peer key.
     */
    public void secure(TestCertificates certificates, String... tenantFspIds) throws IOException {
        Path keys = home.resolve("etc/keys");
        Files.createDirectories(keys.resolve("tls"));
        Files.createDirectories(keys.resolve("jws"));
        Files.createDirectories(keys.resolve("peers"));
        for (String store : List.of("hub-server.p12", "hub-client.p12", "truststore.p12")) {
            Files.copy(certificates.tls(store), keys.resolve("tls").resolve(store), StandardCopyOption.REPLACE_EXISTING);
        }
        Set<String> tenants = Set.of(tenantFspIds);
        try (Stream<Path> files = Files.list(certificates.jws(""))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String fspId = name.substring(0, name.lastIndexOf('.'));
                if (name.endsWith(".key") && tenants.contains(fspId)) {
                    Files.copy(file, keys.resolve("jws").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                } else if (name.endsWith(".pem") && !tenants.contains(fspId)) {
                    Files.copy(file, keys.resolve("peers").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String password = certificates.password();
        appendEtc("io.paymenthub.fspiop.cfg", String.join("\n", "tls = true", "tls.keyStorePassword = " + password,
                "tls.clientKeyStorePassword = " + password, "tls.trustStorePassword = " + password, ""));
        secured = true;
    }

    public String openWireUrl() {
        return "tcp://127.0.0.1:" + openWirePort;
    }

    public void writeEtc(String file, String content) throws IOException {
        // Write then move, so that Karaf never reads a half-written file.
        Path tmp = home.resolve("etc/." + file + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, home.resolve("etc").resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void appendEtc(String file, String content) throws IOException {
        Files.writeString(home.resolve("etc").resolve(file), "\n" + content, StandardOpenOption.APPEND);
    }

    public void deleteEtc(String file) throws IOException {
        Files.deleteIfExists(home.resolve("etc").resolve(file));
    }

    public Path deployFolder() {
        return home.resolve("deploy");
    }

    /** {@code bin/start}, then waits for {@code GET /health} to answer 200; returns how long that took. */
    public Duration start() throws Exception {
        long started = System.nanoTime();
        run(List.of(home.resolve("bin/start").toString()), Duration.ofSeconds(30));
        await("GET /health answers 200", START_DEADLINE, () -> {
            try {
                return get("/health").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Waits until both tenants' core banking is UP in {@code /health} and the channel API answers:
     * the hub's bundles start after {@code /health} does, so a test that pays must wait for both.
     */
    public void awaitTransfersReady(int tenants) throws Exception {
        ObjectMapper json = new ObjectMapper();
        await(tenants + " tenants' core banking UP in /health", Duration.ofSeconds(90), () -> {
            String components = json.readTree(get("/health").body()).path("components").toString();
            return components.split("\"coreBanking\":\"UP\"", -1).length == tenants + 1;
        });
        await("the channel API up", Duration.ofSeconds(60), () -> get("/channel/openapi.json").statusCode() == 200);
        awaitFspiopListener();
    }

    /** Waits until the inbound FSPIOP API takes connections: it starts with its own bundle, and the switch's first request must find it. */
    public void awaitFspiopListener() throws Exception {
        await("the inbound FSPIOP listener", Duration.ofSeconds(60), () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fspiopPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** {@code bin/stop}, then waits for the Karaf process to end. */
    public void stop() throws Exception {
        Optional<ProcessHandle> karaf = process();
        run(List.of(home.resolve("bin/stop").toString()), Duration.ofSeconds(30));
        if (karaf.isPresent()) {
            await("the Karaf process ends after bin/stop", STOP_DEADLINE, () -> !karaf.get().isAlive());
        }
    }

    /** The Karaf JVM, from the pid file it writes. */
    public Optional<ProcessHandle> process() throws IOException {
        Path pidFile = home.resolve("karaf.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
    }

    /** Runs a console command through {@code bin/client} over SSH and returns what it printed. */
    /** The console user's password, generated by bin/setenv on the first start (never the shipped "karaf"). */
    public String consolePassword() throws IOException {
        return Files.readString(home.resolve("etc/karaf.password")).trim();
    }

    public String console(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
                "-a", String.valueOf(sshPort), "-u", "karaf", "-p", consolePassword(), "-r", "10", "-d", "1", "-b")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        client.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("bin/client did not finish: " + command);
        }
        return output;
    }

    /** {@code GET /metrics} as the Prometheus scraper asks for it, with {@code password}. */
    public HttpResponse<String> scrape(String password) throws IOException {
        String basic = java.util.Base64.getEncoder().encodeToString(("prometheus:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send("GET", "/metrics", Map.of("Authorization", "Basic " + basic), null);
    }

    /**
     * The sum of the samples of {@code name} whose labels include every {@code label="value"} pair
     * given, in the hub's metrics now; 0 when there is none yet.
     */
    public double metric(String name, String... labels) throws IOException {
        HttpResponse<String> scraped = scrape(METRICS_PASSWORD);
        if (scraped.statusCode() != 200) {
            throw new IllegalStateException("GET /metrics answered " + scraped.statusCode() + ": " + scraped.body());
        }
        double sum = 0;
        for (String line : scraped.body().lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label.replaceFirst("=(.*)$", "=\"$1\""));
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** An HTTP request to the hub's HTTP port (health, channel API). */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(home.resolve("data/log/karaf.log"));
    }

    /** Polls until the condition holds, failing with its description after the deadline. */
    public static void await(String description, Duration deadline, Callable<Boolean> condition) throws Exception {
        awaitValue(description, deadline, () -> condition.call() ? Boolean.TRUE : null, v -> true);
    }

    /** Polls a value until it satisfies the predicate and returns it. */
    public static <T> T awaitValue(String description, Duration deadline, Callable<T> value, Predicate<T> accepted)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = value.call();
            if (last != null && accepted.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("Not within " + deadline.toSeconds() + " s: " + description + "; last seen: " + last);
    }

    /** Never leave a Karaf behind, even when a test failed half-way. */
    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> karaf = process();
        if (karaf.isPresent()) {
            try {
                stop();
            } catch (Exception | AssertionError e) {
                karaf.get().destroyForcibly();
            }
        }
    }

    /**
     * A port the hub can listen on, chosen below the range the kernel hands out to outgoing
     * connections (32768 and up on Linux): a port from that range, free now, can be taken by any
     * client connection before the hub binds it (seen once: the broker's port, in use at start).
     */
    static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
            if (!TAKEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException e) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("No free port between 20000 and 32000"));
    }

    /** Ports already given to a distribution of this test run, which may not be listening yet. */
    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();

    private static void run(List<String> command, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
