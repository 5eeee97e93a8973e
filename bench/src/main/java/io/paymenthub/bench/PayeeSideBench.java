package io.paymenthub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.paymenthub.connector.mojaloop.security.TestCertificates;
import io.paymenthub.e2e.HubDistribution;
import io.paymenthub.e2e.LabSetup;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.fspiop.ilp.Base64Url;
import io.paymenthub.fspiop.ilp.IlpCrypto;
import io.paymenthub.fspiop.jws.FspiopSignature;
import io.paymenthub.fspiop.jws.PemKeys;
import io.paymenthub.fspiop.jws.SignedMessage;

/**
 * The hub's payee side driven as the switch drives it: the built distribution, default settings
 * (H2, embedded persistent broker), mutual TLS both ways and FSPIOP signatures on, tenant dfsp2
 * on the Fineract simulator. Each pair is {@code POST /quotes} until {@code PUT /quotes/{id}},
 * then {@code POST /transfers} with the quote's packet and condition until
 * {@code PUT /transfers/{id}}, whose fulfilment is checked against the condition.
 *
 * <p>The same generator then runs against a loopback stand-in of the hub that answers every
 * request at once (202, then its callback): the machine's ceiling for this traffic, measured in the
 * same run, so the hub's figure reads as a ratio on any machine.
 */
final class PayeeSideBench implements AutoCloseable {

    static final String PAYER_FSP = "payerfsp";
    static final String PAYEE_FSP = "dfsp2";
    private static final String PAYEE_MSISDN = "255710000001"; // Dalila, dfsp2's account dfsp2-dalila-usd
    private static final String PAYEE_ACCOUNT = "dfsp2-dalila-usd";
    private static final String AMOUNT = "0.01";
    private static final Duration CALLBACK_DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    static {
        // The JDK's HTTP server reads this once, when the first server of the JVM starts: without it
        // every answer of the switch's stand-in and the simulator waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private String postgres;
    private String postgresSchema;
    private final Path work;
    private final TestCertificates certificates;
    private final PrivateKey payerKey;
    private final SwitchStandIn switchStandIn;
    private final HttpClient switchClient;
    private FineractSimulator fineract;
    private HubDistribution hub;

    PayeeSideBench(Path work) throws Exception {
        this.work = work;
        Files.createDirectories(work);
        System.setProperty("hub.e2e.workdir", work.toString());
        this.certificates = TestCertificates.make(work.resolve("keys"), PAYEE_FSP, PAYER_FSP);
        this.payerKey = PemKeys.privateKey(Files.readString(certificates.jws(PAYER_FSP + ".key")));
        this.switchStandIn = new SwitchStandIn(certificates.context("switch-server.p12"));
        this.switchClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificates.context("switch-client.p12")).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Unpacks and starts the distribution with tenant dfsp2, its Fineract the simulator in this JVM;
     * on PostgreSQL (user postgres, no password) in a schema of its own when {@code postgresUrl} is
     * given, otherwise on its embedded H2; with the broker's {@code journalDiskSync} when
     * {@code brokerSync} is given; with the settings of {@code etcSettings} in its etc files
     * ({@code file:key=value} separated by {@code ;}, e.g. {@code io.paymenthub.flow.payee.cfg:consumers=4}).
     */
    void startHub(String postgresUrl, String brokerSync, String etcSettings, String... tenantSettings) throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("payee-bench");
        if (postgresUrl != null) {
            postgres = postgresUrl;
            postgresSchema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            executeOnPostgres("CREATE SCHEMA " + postgresSchema);
            hub.writeEtc("org.ops4j.datasource-payment-hub.cfg", String.join("\n", "osgi.jdbc.driver.class = org.postgresql.Driver",
                    "dataSourceName = payment-hub", "url = " + postgresUrl + "?currentSchema=" + postgresSchema, "user = postgres",
                    "password = ", "pool = dbcp2", "xa = false", "pool.maxTotal = 16", "pool.testOnBorrow = true", ""));
        }
        if (etcSettings != null && !etcSettings.isBlank()) {
            Map<String, List<String>> byFile = new LinkedHashMap<>();
            for (String setting : etcSettings.split(";")) {
                int colon = setting.indexOf(':');
                byFile.computeIfAbsent(setting.substring(0, colon).trim(), file -> new ArrayList<>()).add(setting.substring(colon + 1));
            }
            for (Map.Entry<String, List<String>> file : byFile.entrySet()) {
                overrideEtc(file.getKey(), file.getValue());
            }
        }
        if (brokerSync != null) {
            hub.appendEtc("io.paymenthub.broker.cfg", "journalDiskSync = " + brokerSync + "\n");
        }
        hub.secure(certificates, PAYEE_FSP);
        hub.appendEtc("io.paymenthub.fspiop.cfg", "switch.url = " + switchStandIn.url() + "\npeers = " + PAYER_FSP + "\n");
        hub.appendEtc("io.paymenthub.channel.cfg", "http.host = 127.0.0.1\nhttp.port = " + hub.httpPort() + "\n");
        LabSetup.writeTenant(hub, fineract, PAYEE_FSP, "SWITCH", "USD", false, tenantSettings);
        Duration started = hub.start();
        hub.awaitTransfersReady(1);
        System.out.printf("distribution started in %.1f s (%s), pid %d%n", started.toMillis() / 1e3, hub.home(),
                hub.process().map(ProcessHandle::pid).orElse(-1L));
    }

    /** Sets {@code settings} ({@code key=value}) in a file of the hub's etc, each key once. */
    private void overrideEtc(String file, List<String> settings) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            overrides.put(pair[0].trim(), pair.length > 1 ? pair[1].trim() : "");
        }
        List<String> lines = new ArrayList<>();
        Path path = hub.home().resolve("etc").resolve(file);
        for (String line : Files.exists(path) ? Files.readAllLines(path) : List.<String>of()) {
            String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).trim() : null;
            lines.add(key != null && overrides.containsKey(key) ? key + " = " + overrides.remove(key) : line);
        }
        overrides.forEach((key, value) -> lines.add(key + " = " + value));
        hub.writeEtc(file, String.join("\n", lines) + "\n");
    }

    HubDistribution hub() {
        return hub;
    }

    /** Runs {@code count} pairs against the hub, at most {@code concurrency} in flight. */
    Window againstHub(String name, int count, int concurrency) throws Exception {
        Optional<ProcessHandle> karaf = hub.process();
        Duration cpuBefore = karaf.flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
        Duration ownBefore = ownCpu();
        JitCompilation compilers = hubJit();
        long compilingBefore = compilers.compilingNanos();
        Window window = run(name, hub.fspiopUrl(), count, concurrency);
        Duration cpuAfter = karaf.flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
        return window.withCpu(cpuAfter.minus(cpuBefore), ownCpu().minus(ownBefore),
                Duration.ofNanos(compilers.compilingNanos() - compilingBefore));
    }

    /** The hub's JIT compilers. */
    JitCompilation hubJit() throws IOException {
        return JitCompilation.of(hub.process().map(ProcessHandle::pid).orElseThrow(() -> new IllegalStateException("the hub is not running")));
    }

    /** This JVM's CPU: the generator, the switch's stand-in and the Fineract simulator, which share the machine with the hub. */
    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Runs {@code count} pairs against a stand-in hub on loopback that answers everything at once. */
    Window againstLoopback(String name, int count, int concurrency) throws Exception {
        try (LoopbackHub loopback = new LoopbackHub(certificates.context("hub-server.p12"), certificates.context("hub-client.p12"),
                switchStandIn.url())) {
            return run(name, loopback.url(), count, concurrency);
        }
    }

    /** The payee account's balance in the simulator: a check that every committed pair credited once. */
    java.math.BigDecimal payeeBalance() {
        return fineract.admin().account(PAYEE_FSP, PAYEE_ACCOUNT).balance();
    }

    private Window run(String name, String hubUrl, int count, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> quoteLeg = Collections.synchronizedList(new ArrayList<>());
        List<Long> transferLeg = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            workers.execute(() -> {
                while (next.getAndIncrement() < count) {
                    String outcome;
                    try {
                        outcome = pair(hubUrl, quoteLeg, transferLeg);
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("the run did not end within an hour");
        }
        return new Window(name, count, concurrency, System.nanoTime() - start, quoteLeg, transferLeg, outcomes, null, null, null);
    }

    /** One quote and its transfer; answers the transfer's state ("COMMITTED") or what went wrong. */
    private String pair(String hubUrl, List<Long> quoteLeg, List<Long> transferLeg) throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String quote = """
                {"quoteId":"%s","transactionId":"%s",\
                "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"%s","fspId":"%s"}},\
                "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255799000001","fspId":"%s"}},\
                "amountType":"SEND","amount":{"amount":"%s","currency":"USD"},\
                "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"}}"""
                .formatted(quoteId, UUID.randomUUID(), PAYEE_MSISDN, PAYEE_FSP, PAYER_FSP, AMOUNT);
        long quoteSent = System.nanoTime();
        Callback quoted = exchange(hubUrl, "/quotes", "quotes", quote, quoteId);
        quoteLeg.add(quoted.receivedNanos() - quoteSent);
        if (quoted.path().endsWith("/error")) {
            return "quote error " + quoted.body().path("errorInformation").path("errorCode").asText();
        }
        String transferId = UUID.randomUUID().toString();
        JsonNode amount = quoted.body().path("transferAmount");
        String transfer = """
                {"transferId":"%s","payerFsp":"%s","payeeFsp":"%s","amount":{"amount":"%s","currency":"%s"},\
                "ilpPacket":"%s","condition":"%s","expiration":"%s"}"""
                .formatted(transferId, PAYER_FSP, PAYEE_FSP, amount.path("amount").asText(), amount.path("currency").asText(),
                        quoted.body().path("ilpPacket").asText(), quoted.body().path("condition").asText(),
                        quoted.body().path("expiration").asText());
        long transferSent = System.nanoTime();
        Callback transferred = exchange(hubUrl, "/transfers", "transfers", transfer, transferId);
        transferLeg.add(transferred.receivedNanos() - transferSent);
        if (transferred.path().endsWith("/error")) {
            return "transfer error " + transferred.body().path("errorInformation").path("errorCode").asText();
        }
        String state = transferred.body().path("transferState").asText();
        if ("COMMITTED".equals(state) && !IlpCrypto.verifyFulfilment(transferred.body().path("fulfilment").asText(), quoted.body().path("condition").asText())) {
            return "COMMITTED with a fulfilment that does not meet the condition";
        }
        return state;
    }

    /** Sends a POST as the switch delivers it from the payer FSP, signed with its key, and waits for the callback. */
    private Callback exchange(String hubUrl, String path, String resource, String body, String id) throws Exception {
        CompletableFuture<Callback> callback = switchStandIn.expect(id);
        String type = "application/vnd.interoperability." + resource + "+json;version=1.1";
        String date = HTTP_DATE.format(Instant.now());
        String signature = FspiopSignature.sign(payerKey, new SignedMessage("POST", path, PAYER_FSP, PAYEE_FSP, date, body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(hubUrl + path)).timeout(CALLBACK_DEADLINE)
                .header("Content-Type", type).header("Accept", type).header("Date", date)
                .header("FSPIOP-Source", PAYER_FSP).header("FSPIOP-Destination", PAYEE_FSP)
                .header("FSPIOP-URI", path).header("FSPIOP-HTTP-Method", "POST").header("FSPIOP-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> accepted = switchClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("POST " + path + " answered " + accepted.statusCode() + " " + accepted.body());
            }
            return callback.get(CALLBACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            switchStandIn.forget(id);
        }
    }

    /** The number of descriptors the hub's process has open (Linux), -1 elsewhere. */
    long hubOpenFiles() throws IOException {
        Optional<ProcessHandle> karaf = hub.process();
        Path fds = Path.of("/proc/" + karaf.map(ProcessHandle::pid).orElse(0L) + "/fd");
        if (karaf.isEmpty() || !Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> open = Files.list(fds)) {
            return open.count();
        }
    }

    /** The bytes of the embedded broker's store. */
    long brokerStoreBytes() throws IOException {
        return bytesUnder(hub.home().resolve("data/activemq"));
    }

    /** The bytes of the embedded database's files. */
    long databaseBytes() throws IOException {
        return bytesUnder(hub.home().resolve("data/payment-hub"));
    }

    private static long bytesUnder(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The hub's used heap right after a full collection, from {@code jcmd} (bytes; -1 when it cannot be read). */
    long hubHeapAfterGc() throws Exception {
        hubJcmd("GC.run");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(hubJcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    /** Runs a diagnostic command in the hub's JVM ({@code JFR.start}, {@code GC.run}, ...) and answers what it printed. */
    String hubJcmd(String... command) throws Exception {
        long pid = hub.process().orElseThrow(() -> new IllegalStateException("the hub is not running")).pid();
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        return run(line);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        return output;
    }

    private void executeOnPostgres(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(postgres, "postgres", "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (postgresSchema != null) {
            executeOnPostgres("DROP SCHEMA IF EXISTS " + postgresSchema + " CASCADE");
        }
        switchStandIn.close();
        if (fineract != null) {
            fineract.close();
        }
    }

    /** What one window measured. */
    record Window(String name, int count, int concurrency, long wallNanos, List<Long> quoteLeg, List<Long> transferLeg,
                  Map<String, Integer> outcomes, Duration hubCpu, Duration benchCpu, Duration hubCompiling) {

        Window withCpu(Duration hub, Duration bench, Duration compiling) {
            return new Window(name, count, concurrency, wallNanos, quoteLeg, transferLeg, outcomes, hub, bench, compiling);
        }

        double pairsPerSecond() {
            return count / (wallNanos / 1e9);
        }

        void print() {
            List<Long> quotes = sorted(quoteLeg);
            List<Long> transfers = sorted(transferLeg);
            System.out.printf("%-26s %6d pairs, %2d in flight: %7.1f pairs/s; quote leg p50 %5.1f p99 %6.1f ms; "
                            + "transfer leg p50 %5.1f p99 %6.1f ms%s; %s%n", name, count, concurrency, pairsPerSecond(),
                    TransferBench.pct(quotes, 50), TransferBench.pct(quotes, 99), TransferBench.pct(transfers, 50),
                    TransferBench.pct(transfers, 99),
                    hubCpu == null ? "" : String.format("; hub CPU %.1f ms/pair (%.2f cores, of them its JIT compilers %.2f), generator and "
                                    + "simulator %.2f cores", hubCpu.toNanos() / 1e6 / count, hubCpu.toNanos() / (double) wallNanos,
                            hubCompiling.toNanos() / (double) wallNanos, benchCpu.toNanos() / (double) wallNanos),
                    outcomes);
        }

        private static List<Long> sorted(List<Long> values) {
            List<Long> copy = new ArrayList<>(values);
            Collections.sort(copy);
            return copy;
        }
    }

    record Callback(String path, JsonNode body, long receivedNanos) {
    }

    /** An HTTPS listener on loopback that requires a client certificate of the run's CA, as both ends of the switch edge do. */
    abstract static class MutualTlsServer implements AutoCloseable {
        private final HttpsServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);

        MutualTlsServer(SSLContext context) throws IOException {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setNeedClientAuth(true);
                    parameters.setSSLParameters(ssl);
                }
            });
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        abstract void handle(HttpExchange exchange) throws IOException;

        String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** The switch's side that the hub calls back: takes every PUT over mutual TLS and hands it to the pair waiting for it. */
    static final class SwitchStandIn extends MutualTlsServer {
        private final Map<String, CompletableFuture<Callback>> waiting = new ConcurrentHashMap<>();

        SwitchStandIn(SSLContext context) throws IOException {
            super(context);
        }

        @Override
        void handle(HttpExchange exchange) throws IOException {
            long received = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            String path = exchange.getRequestURI().getPath();
            String[] segments = path.split("/");
            if (segments.length >= 3) {
                CompletableFuture<Callback> pair = waiting.get(segments[2]);
                if (pair != null) {
                    pair.complete(new Callback(path, body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body), received));
                }
            }
        }

        CompletableFuture<Callback> expect(String id) {
            return waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        }

        void forget(String id) {
            waiting.remove(id);
        }
    }

    /**
     * A hub that does nothing: answers each POST 202 and calls the switch back at once, over the
     * same mutual TLS. What the generator, TLS and loopback allow on this machine.
     */
    static final class LoopbackHub extends MutualTlsServer {
        private static final String FULFILMENT = Base64Url.encode(new byte[IlpCrypto.LENGTH]);
        private static final String CONDITION = IlpCrypto.conditionOf(FULFILMENT);
        private final HttpClient callbacks;
        private final String switchUrl;

        LoopbackHub(SSLContext serverContext, SSLContext clientContext, String switchUrl) throws IOException {
            super(serverContext);
            this.switchUrl = switchUrl;
            this.callbacks = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(clientContext).build();
        }

        @Override
        void handle(HttpExchange exchange) throws IOException {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            String path = exchange.getRequestURI().getPath();
            String answer;
            String resource;
            String id;
            if (path.equals("/quotes")) {
                resource = "quotes";
                id = request.path("quoteId").asText();
                answer = """
                        {"transferAmount":%s,"expiration":"%s","ilpPacket":"AYIBgQAAAAAAAASwNGxldmVsb25lLmRmc3AxLm1lci45T2RTOF81MDdqUXZ6bmhKZ2ZsRFdoQmtmcUZOUkhXb2R5SUZ0Z3pPbmRZ","condition":"%s"}"""
                        .formatted(request.path("amount").toString(), Instant.now().plusSeconds(60), CONDITION);
            } else {
                resource = "transfers";
                id = request.path("transferId").asText();
                answer = """
                        {"fulfilment":"%s","completedTimestamp":"%s","transferState":"COMMITTED"}""".formatted(FULFILMENT, Instant.now());
            }
            String type = "application/vnd.interoperability." + resource + "+json;version=1.1";
            callbacks.sendAsync(HttpRequest.newBuilder(URI.create(switchUrl + "/" + resource + "/" + id))
                    .header("Content-Type", type).header("Date", HTTP_DATE.format(Instant.now()))
                    .header("FSPIOP-Source", PAYEE_FSP).header("FSPIOP-Destination", PAYER_FSP)
                    .PUT(HttpRequest.BodyPublishers.ofString(answer)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }
}
