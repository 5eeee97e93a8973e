package io.paymenthub.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.ActiveMQConnectionFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.flow.payer.PayerMessages;

/**
 * The cluster lab ({@code lab/cluster}: two nodes, one external broker, PostgreSQL, the Testing
 * Toolkit as switch) under a sustained load sent through both nodes' channel APIs, with a fault
 * in the middle of it:
 *
 * <ul>
 *   <li>{@code --fault node-kill}: node 1's Karaf killed with {@code kill -9}; node 2 finishes
 *   what node 1 had (the leases and the journal on PostgreSQL) and takes every new transfer;</li>
 *   <li>{@code --fault broker-kill}: the broker killed with {@code kill -9} and started again at
 *   once on its store, with the command line it ran with (lab/stop still stops it);</li>
 *   <li>{@code --fault none}: the same load without a fault, for the rates to compare.</li>
 * </ul>
 *
 * <p>The sender acts as a channel behind a balancer: each new transfer goes to the next node whose
 * {@code /health} answered 200 at its last check (every second); a send that fails (connection
 * refused or reset, 503, a timeout) is repeated with the same {@code Idempotency-Key} on the next
 * node until it is accepted. Transfers end when the tenant's
 * notification says so (read from the broker as the nodes' user) or, for those without one after
 * 20 s, when a node's channel API says so. Reports committed transfers and refused sends per 10 s,
 * the final states with their failure codes, the time the transfers caught by the fault took to
 * end, and the money against the simulator: payer debited = payee credited = the committed
 * transfers, no withdrawal twice, no hold left.
 *
 * <p>Options: {@code --nodes http://127.0.0.1:8181,http://127.0.0.1:8182 --broker tcp://127.0.0.1:61616
 * --simulator http://127.0.0.1:9080 --concurrency 16 --warmup 30 --before 30 --after 90 --fault node-kill};
 * {@code --restartAfter 40} starts node 1 again that many seconds after its kill.
 */
final class ClusterBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The nodes' broker user in the lab (lab/run); the transfers, channel and accounts are TransferBench's. */
    private static final String BROKER_USER = "hub-nodes";
    private static final String BROKER_PASSWORD = "lab-only-broker-secret";
    private static final String PAYER_ACCOUNT = TransferBench.PAYER_ACCOUNT;
    private static final String PAYEE_ACCOUNT = TransferBench.PAYEE_ACCOUNT;
    private static final BigDecimal AMOUNT = new BigDecimal(TransferBench.AMOUNT);
    private static final Set<String> FINAL = Set.of("COMMITTED", "ABORTED", "UNKNOWN");
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<String> nodes;
    private final String brokerUrl;
    private final String simulator;
    private final Path lab;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Every accepted transfer: when it was sent and which node took it. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> acceptedBy = new ConcurrentHashMap<>();
    private final Map<String, String> finalStates = new ConcurrentHashMap<>();
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    private final AtomicLong refusedSends = new AtomicLong();
    private final Map<String, Long> refusals = new ConcurrentHashMap<>();
    private final Semaphore inFlight;
    private volatile long start;
    private int nextNode;
    /** With --fault node-kill: seconds after the kill at which node 1 is started again (0: never). */
    private long restartAt;
    /** Per node, whether its /health answered 200 at the last check. */
    private final boolean[] healthy;
    /** Per node, the wall-clock millisecond until which it is left out. */
    private final long[] downUntil;

    private ClusterBench(Map<String, String> options) {
        this.nodes = Arrays.asList(options.getOrDefault("nodes", "http://127.0.0.1:8181,http://127.0.0.1:8182").split(","));
        this.brokerUrl = options.getOrDefault("broker", "tcp://127.0.0.1:61616");
        this.simulator = options.getOrDefault("simulator", "http://127.0.0.1:9080");
        this.lab = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize().resolve("lab/target");
        this.inFlight = new Semaphore(Integer.parseInt(options.getOrDefault("concurrency", "16")));
        this.downUntil = new long[nodes.size()];
        this.healthy = new boolean[nodes.size()];
        Arrays.fill(healthy, true);
        this.restartAt = Long.parseLong(options.getOrDefault("restartAfter", "0"));
    }

    static void run(Map<String, String> options) throws Exception {
        new ClusterBench(options).measure(options.getOrDefault("fault", "node-kill"), Integer.parseInt(options.getOrDefault("warmup", "30")),
                Long.parseLong(options.getOrDefault("before", "30")), Long.parseLong(options.getOrDefault("after", "90")),
                Long.parseLong(options.getOrDefault("waitSeconds", "300")));
    }

    private void measure(String fault, int warmup, long beforeSeconds, long afterSeconds, long waitSeconds) throws Exception {
        if (!Set.of("node-kill", "broker-kill", "none").contains(fault)) {
            throw new IllegalArgumentException("--fault node-kill|broker-kill|none, not " + fault);
        }
        BigDecimal payerBefore = balance("dfsp1", PAYER_ACCOUNT);
        BigDecimal payeeBefore = balance("dfsp2", PAYEE_ACCOUNT);
        // The broker's failover transport, as the nodes': the notifications go on across a broker restart.
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "failover:(" + brokerUrl + ")?initialReconnectDelay=100&maxReconnectDelay=1000");
        try (Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("channel.notifications.dfsp1")).setMessageListener(message -> {
                try {
                    String id = message.getStringProperty(PayerMessages.TRANSFER_ID);
                    if (id != null && sentAt.containsKey(id)) { // the tenant's other notifications pass
                        ended(id, message.getStringProperty(PayerMessages.FINAL_STATE));
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread sweeper = daemon("sweeper", this::sweep);
            Thread health = daemon("health", this::checkHealth);
            start = System.nanoTime();
            System.out.printf("warm-up: %d transfers through both nodes%n", warmup);
            for (int i = 0; i < warmup; i++) {
                inFlight.acquire();
                send();
            }
            awaitEnded(Duration.ofMinutes(2));
            System.out.printf("warm-up ended: %s%n", states());

            start = System.nanoTime();
            long faultAt = start + TimeUnit.SECONDS.toNanos(beforeSeconds);
            long end = faultAt + TimeUnit.SECONDS.toNanos(afterSeconds);
            Thread printer = daemon("windows", this::printWindows);
            List<String> caught = List.of();
            boolean faulted = "none".equals(fault);
            System.out.printf("load: %d in flight, %d s, the fault (%s) after %d s%n", inFlight.availablePermits(),
                    beforeSeconds + afterSeconds, fault, beforeSeconds);
            while (System.nanoTime() < end) {
                if (!faulted && System.nanoTime() >= faultAt) {
                    caught = inFlightNow();
                    faultAt = System.nanoTime();
                    fault(fault);
                    faulted = true;
                }
                if (faulted && "node-kill".equals(fault) && restartAt > 0 && System.nanoTime() >= faultAt + TimeUnit.SECONDS.toNanos(restartAt)) {
                    restartAt = 0;
                    startNodeOneAgain();
                }
                if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    send();
                }
            }
            long stoppedSending = System.nanoTime();
            System.out.printf("sending stopped at %.1f s; waiting for every accepted transfer to end%n", seconds(stoppedSending - start));
            boolean allEnded = awaitEnded(Duration.ofSeconds(waitSeconds));
            printer.interrupt();
            sweeper.interrupt();
            health.interrupt();
            report(fault, caught, faultAt, allEnded, payerBefore, payeeBefore);
        }
    }

    /**
     * Sends one transfer through the next node; a failed send is repeated, same key, on the next, until one accepts it.
     * A node that refused a connection is left out for 5 s, as a balancer's health check would.
     */
    private void send() throws InterruptedException {
        String key = UUID.randomUUID().toString();
        String body = TransferBench.channelTransfer();
        long sent = System.nanoTime();
        long giveUp = sent + TimeUnit.MINUTES.toNanos(2);
        for (int attempt = 1; System.nanoTime() < giveUp; attempt++) {
            int node = nextNode();
            String refusal;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nodes.get(node) + "/channel/transfers"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Platform-TenantId", "dfsp1")
                        .header("Authorization", TransferBench.Lab.AUTHORIZATION).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    String id = JSON.readTree(response.body()).path("transferId").asText();
                    acceptedBy.putIfAbsent(id, node + 1);
                    sentAt.putIfAbsent(id, sent);
                    return;
                }
                refusal = response.statusCode() + " " + errorCode(response);
            } catch (IOException e) {
                refusal = e.getClass().getSimpleName();
                if (e instanceof java.net.ConnectException) {
                    downUntil[node] = System.currentTimeMillis() + 5000;
                }
            }
            refusedSends.incrementAndGet();
            refusals.merge("node " + (node + 1) + ": " + refusal, 1L, Long::sum);
            if (attempt % nodes.size() == 0) {
                Thread.sleep(200); // every node refused it once: a pause before the next round
            }
        }
        throw new IllegalStateException("No node accepted a transfer for 2 minutes: " + refusals);
    }

    /** The channel API's error code, or the body's media type when it is not the API's (a node still starting answers Jetty's page). */
    private static String errorCode(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText("?");
        } catch (IOException e) {
            return response.headers().firstValue("Content-Type").orElse("no body");
        }
    }

    /**
     * The next node in turn whose /health answered 200 at its last check and that has not refused a connection in
     * the last 5 s (any, if none is).
     */
    private int nextNode() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < nodes.size(); i++) {
            int node = nextNode;
            nextNode = (nextNode + 1) % nodes.size();
            if (healthy[node] && downUntil[node] < now) {
                return node;
            }
        }
        int node = nextNode;
        nextNode = (nextNode + 1) % nodes.size();
        return node;
    }

    private void ended(String id, String state) {
        if (state != null && FINAL.contains(state) && finalStates.putIfAbsent(id, state) == null) {
            endedAt.put(id, System.nanoTime());
            inFlight.release();
        }
    }

    /** Asks each node's /health every second, as the balancer in front of the nodes does (docs/cluster.md). */
    private void checkHealth() {
        while (!Thread.currentThread().isInterrupted()) {
            for (int node = 0; node < nodes.size(); node++) {
                boolean up;
                try {
                    up = http.send(HttpRequest.newBuilder(URI.create(nodes.get(node) + "/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    up = false;
                } catch (InterruptedException e) {
                    return;
                }
                if (up != healthy[node]) {
                    System.out.printf("%.1f s: node %d's /health %s%n", seconds(System.nanoTime() - start), node + 1, up ? "200" : "not 200");
                }
                healthy[node] = up;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the transfers without a notification after 20 s from a node that answers. */
    private void sweep() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            sentAt.forEach((id, sent) -> {
                if (!finalStates.containsKey(id) && now - sent > TimeUnit.SECONDS.toNanos(20)) {
                    JsonNode view = view(id);
                    if (view != null) {
                        ended(id, view.path("state").asText());
                    }
                }
            });
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The transfer as the first node that answers tells, or null. */
    private JsonNode view(String id) {
        for (String node : nodes) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + "/channel/transfers/" + id))
                        .timeout(Duration.ofSeconds(10)).header("Platform-TenantId", "dfsp1").header("Authorization", TransferBench.Lab.AUTHORIZATION)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
            } catch (IOException e) {
                // the next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private List<String> inFlightNow() {
        return sentAt.keySet().stream().filter(id -> !finalStates.containsKey(id)).toList();
    }

    private boolean awaitEnded(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!inFlightNow().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        return inFlightNow().isEmpty();
    }

    private void fault(String fault) throws Exception {
        if ("node-kill".equals(fault)) {
            ProcessHandle node = pidIn(lab.resolve("hub/karaf.pid"));
            node.destroyForcibly(); // SIGKILL
            node.onExit().get(30, TimeUnit.SECONDS);
            System.out.printf("%.1f s: node 1 (pid %d) killed with kill -9, %d transfers in flight%n", seconds(System.nanoTime() - start),
                    node.pid(), inFlightNow().size());
        } else {
            restartBroker();
        }
    }

    /** Starts the killed node 1 again (its bin/start, as lab/run did); the sender takes it back once it accepts. */
    private void startNodeOneAgain() throws Exception {
        Process start = new ProcessBuilder(lab.resolve("hub/bin/start").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        start.waitFor(30, TimeUnit.SECONDS);
        System.out.printf("%.1f s: node 1 started again (bin/start)%n", seconds(System.nanoTime() - this.start));
    }

    /** Kills the broker with kill -9 and starts it again with its command line, directory and log; its pid in broker.pid. */
    private void restartBroker() throws Exception {
        Path pidFile = lab.resolve("broker.pid");
        ProcessHandle broker = pidIn(pidFile);
        byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(broker.pid()), "cmdline"));
        Path directory = Path.of("/proc", Long.toString(broker.pid()), "cwd").toRealPath();
        List<String> command = new ArrayList<>(Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0")));
        int port = URI.create(brokerUrl).getPort();
        broker.destroyForcibly();
        broker.onExit().get(30, TimeUnit.SECONDS);
        long killed = System.nanoTime();
        System.out.printf("%.1f s: broker (pid %d) killed with kill -9, %d transfers in flight%n", seconds(killed - start),
                broker.pid(), inFlightNow().size());
        Process again = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(lab.resolve("broker.log").toFile())).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Files.writeString(pidFile, again.pid() + "\n");
        while (!listening(port)) {
            Thread.sleep(50);
        }
        System.out.printf("%.1f s: broker started again (pid %d), listening after %.1f s without a broker%n",
                seconds(System.nanoTime() - start), again.pid(), seconds(System.nanoTime() - killed));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ProcessHandle pidIn(Path file) throws IOException {
        long pid = Long.parseLong(Files.readString(file).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("No process " + pid + " (" + file + "): is lab/cluster running?"));
    }

    /** Every 10 s of the load: transfers accepted, committed, sends refused, in flight. */
    private void printWindows() {
        System.out.printf("%-10s %-10s %-14s %-16s %-10s%n", "from (s)", "accepted", "committed/s", "sends refused", "in flight");
        long refusedBefore = 0;
        for (long window = 0; !Thread.currentThread().isInterrupted(); window++) {
            long from = start + window * WINDOW_NANOS;
            long to = from + WINDOW_NANOS;
            try {
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(to - System.nanoTime())));
            } catch (InterruptedException e) {
                return;
            }
            long accepted = sentAt.values().stream().filter(t -> t >= from && t < to).count();
            long committed = endedAt.entrySet().stream().filter(e -> e.getValue() >= from && e.getValue() < to
                    && "COMMITTED".equals(finalStates.get(e.getKey()))).count();
            long refused = refusedSends.get();
            System.out.printf("%-10d %-10d %-14.1f %-16d %-10d%n", window * 10, accepted, committed / 10.0, refused - refusedBefore,
                    inFlightNow().size());
            refusedBefore = refused;
        }
    }

    private void report(String fault, List<String> caught, long faultAt, boolean allEnded, BigDecimal payerBefore,
                        BigDecimal payeeBefore) throws Exception {
        System.out.printf("%n%d transfers accepted with the warm-up (%s), %d sends refused and repeated on the next node %s%n", sentAt.size(),
                acceptedBy.values().stream().collect(Collectors.groupingBy(n -> "node " + n, TreeMap::new, Collectors.counting())),
                refusedSends.get(), refusals);
        if (!allEnded) {
            System.out.printf("NOT ENDED: %d transfers, e.g. %s%n", inFlightNow().size(), inFlightNow().stream().limit(5).toList());
        }
        System.out.printf("final states: %s%n", states());
        Map<String, Long> failures = new TreeMap<>();
        finalStates.forEach((id, state) -> {
            if (!"COMMITTED".equals(state)) {
                JsonNode view = view(id);
                failures.merge(state + " " + (view == null ? "?" : view.path("failure").path("code").asText("-")), 1L, Long::sum);
            }
        });
        System.out.printf("not committed, by failure code: %s%n", failures);
        if (!"none".equals(fault)) {
            Map<String, Long> caughtStates = caught.stream().collect(Collectors.groupingBy(
                    id -> finalStates.getOrDefault(id, "not ended"), TreeMap::new, Collectors.counting()));
            long lastEnd = caught.stream().mapToLong(id -> endedAt.getOrDefault(id, faultAt)).max().orElse(faultAt);
            long lastCommit = caught.stream().filter(id -> "COMMITTED".equals(finalStates.get(id)))
                    .mapToLong(id -> endedAt.get(id)).max().orElse(faultAt);
            long firstCommit = endedAt.entrySet().stream().filter(e -> e.getValue() > faultAt && "COMMITTED".equals(finalStates.get(e.getKey())))
                    .mapToLong(Map.Entry::getValue).min().orElse(faultAt);
            System.out.printf("caught by the fault: %d in flight, ended %s; the last of them %.1f s after the fault, the last committed "
                    + "%.1f s after it; the first commit after the fault %.1f s after it%n", caught.size(), caughtStates,
                    seconds(lastEnd - faultAt), seconds(lastCommit - faultAt), seconds(firstCommit - faultAt));
            Map<Integer, Long> caughtBy = caught.stream().collect(Collectors.groupingBy(acceptedBy::get, TreeMap::new, Collectors.counting()));
            System.out.printf("  of them accepted by node: %s%n", caughtBy);
        }
        long committed = finalStates.values().stream().filter("COMMITTED"::equals).count();
        BigDecimal expected = AMOUNT.multiply(BigDecimal.valueOf(committed));
        BigDecimal debited = payerBefore.subtract(balance("dfsp1", PAYER_ACCOUNT));
        BigDecimal credited = balance("dfsp2", PAYEE_ACCOUNT).subtract(payeeBefore);
        JsonNode bookings = get(simulator + "/simulator/admin/tenants/dfsp1/accounts/" + PAYER_ACCOUNT + "/transactions");
        Map<String, Long> withdrawals = new LinkedHashMap<>();
        bookings.forEach(b -> {
            if ("WITHDRAWAL".equals(b.path("type").asText()) && sentAt.containsKey(b.path("receiptNumber").asText())) {
                withdrawals.merge(b.path("receiptNumber").asText(), 1L, Long::sum);
            }
        });
        long twice = withdrawals.values().stream().filter(n -> n > 1).count();
        long withdrawnNotCommitted = withdrawals.keySet().stream().filter(id -> !"COMMITTED".equals(finalStates.get(id))).count();
        int holds = get(simulator + "/simulator/admin/tenants/dfsp1/holds").size() + get(simulator + "/simulator/admin/tenants/dfsp2/holds").size();
        boolean exact = debited.compareTo(expected) == 0 && credited.compareTo(expected) == 0 && twice == 0 && withdrawnNotCommitted == 0;
        System.out.printf("money %s: %d committed x %s = %s USD; payer debited %s, payee credited %s; withdrawals twice: %d; withdrawals of "
                        + "transfers not committed: %d; holds left on dfsp1 and dfsp2: %d%n", exact && holds == 0 ? "exact" : "NOT EXACT",
                committed, AMOUNT, expected, debited, credited, twice, withdrawnNotCommitted, holds);
    }

    private Map<String, Long> states() {
        return finalStates.values().stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    }

    private BigDecimal balance(String tenant, String account) throws Exception {
        return new BigDecimal(get(simulator + "/simulator/admin/tenants/" + tenant + "/accounts/" + account).path("balance").asText());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "cluster-bench-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
