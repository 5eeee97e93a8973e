package io.paymenthub.bench;

import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.fineract.FineractAccountSystem;
import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.ledger.InteropLookup;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.flow.payee.PayeeRouteBuilder;
import io.paymenthub.flow.payer.PayerDeadlineProcessor;
import io.paymenthub.flow.payer.PayerFlowSettings;
import io.paymenthub.flow.bulk.BatchReport;
import io.paymenthub.flow.bulk.BatchOrder;
import io.paymenthub.flow.bulk.BatchRow;
import io.paymenthub.flow.bulk.BulkBatch;
import io.paymenthub.flow.bulk.BulkBatchStore;
import io.paymenthub.flow.bulk.BulkBatches;
import io.paymenthub.flow.bulk.BulkFlowSettings;
import io.paymenthub.flow.bulk.BulkItem;
import io.paymenthub.flow.bulk.BulkMessages;
import io.paymenthub.flow.bulk.BulkRouteBuilder;
import io.paymenthub.flow.payer.PayerMessages;
import io.paymenthub.flow.payer.PayerReplyProcessor;
import io.paymenthub.flow.payer.PayerRouteBuilder;
import io.paymenthub.flow.payer.PayerStepProcessor;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferState;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.SwitchDouble;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.request.InboundRequestProcessor;
import io.paymenthub.flow.request.PayeeEventProcessor;
import io.paymenthub.flow.request.PayeeRequests;
import io.paymenthub.flow.request.PayerRequests;
import io.paymenthub.flow.request.RequestDeadlineProcessor;
import io.paymenthub.flow.request.RequestFlowSettings;
import io.paymenthub.flow.request.RequestJournal;
import io.paymenthub.flow.request.RequestMessages;
import io.paymenthub.flow.request.RequestPaymentProcessor;
import io.paymenthub.flow.request.RequestReplyProcessor;
import io.paymenthub.flow.request.RequestRole;
import io.paymenthub.flow.request.RequestRouteBuilder;
import io.paymenthub.flow.request.RequestStepProcessor;
import io.paymenthub.flow.request.TransactionRequest;
import io.paymenthub.flow.request.TransactionRequestStore;
import io.paymenthub.karaf.broker.HubJmsComponents;

/**
 * Load harness of the payer flow and of requests to pay. Modes:
 *
 * <ul>
 *   <li>{@code flows} (default): the payer and payee flows, the Fineract connector and the Fineract
 *   simulator in this JVM, with a persistent ActiveMQ (KahaDB) and the journal on PostgreSQL (or H2
 *   when PostgreSQL is not reachable); a stand-in switch hands messages straight back. Reports
 *   transfers per second, end-to-end latency, and the time each step of the journal took.</li>
 *   <li>{@code requests}: the same, with the request flow: dfsp2's Dalila asks dfsp1's Bakari, whose
 *   tenant pays such small requests without asking; from the request accepted to the payee's side
 *   PAID, and the time each step of the payee's side took.</li>
 *   <li>{@code lab}: a running lab ({@code lab/run}): transfers through the channel API of the built
 *   distribution and the Testing Toolkit as switch, completions read from the tenant's notification
 *   queue over OpenWire; with the cores the Toolkit, the hub and the simulator each used meanwhile.</li>
 *   <li>{@code cluster}: a running {@code lab/cluster} under load through both nodes, one node or the
 *   broker killed in the middle of it ({@link ClusterBench}).</li>
 * </ul>
 *
 * <li>{@code bulk}: one batch of {@code --transfers} rows (default 500) from dfsp1's employer to
 *   dfsp2's customers on the same flows, the bulk flow paying at most {@code --concurrency} rows at
 *   a time (with {@code --fspiop N}: in FSPIOP bulk quotes and bulk transfers of up to N): rows
 *   recorded a second at upload, rows paid a second, the heap after a full GC every 5 s while the
 *   batch runs, and the time to write its CSV report.</li>
 * </ul>
 *
 * <p>{@code --fault switch} (flows): the switch answering {@code --answerDelayMillis} (2000) late,
 * then silent with transfers at every step, then speaking again: final states with their reasons,
 * holds, the UNKNOWN ones settled by asking the switch, the money, and the rate after.
 * {@code --fault fineract-down} or {@code fineract-hung}: two payer tenants, one's Fineract away for
 * {@code --outageSeconds}: each tenant's committed transfers per 10 s, their outcomes, the money.
 * {@code --fault postgresql}: PostgreSQL away for {@code --outageSeconds} (60) under load; {@code
 * --fault store-full}: the broker's store full for {@code --outageSeconds} (30): committed transfers,
 * refused starts and requests not handed on per 10 s, the outcomes, the money.
 *
 * Options: {@code --mode flows|requests|lab|cluster|bulk|reconcile --transfers 500 --concurrency 8 --warmup 50 --consumers 2 --fspiop 0 --alongside 0 --priority true --switchOracle true
 * --duplicates false --settle true --fineractLookup scan|index --bulkParallelism 4 --switchConsumers 4 --fineractLatencyMillis 0 --fault none|switch|fineract-down|fineract-hung|postgresql|store-full --outageSeconds 300 --hub http://127.0.0.1:8181
 * --broker tcp://127.0.0.1:61616}.
 */
public final class TransferBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final PartyId PAYER = PartyId.of("MSISDN", "255700000002"); // Bakari, dfsp1: no fee, 250 USD
    static final PartyId PAYEE = PartyId.of("MSISDN", "255710000001"); // Dalila, dfsp2
    static final String AMOUNT = "0.01";
    static final String PAYER_ACCOUNT = "dfsp1-bakari-usd";
    static final String PAYEE_ACCOUNT = "dfsp2-dalila-usd";

    /** The channel API's body of the harness's transfer through a lab: Bakari pays Dalila {@link #AMOUNT} USD. */
    static String channelTransfer() {
        return "{\"payer\":{\"idType\":\"MSISDN\",\"idValue\":\"" + PAYER.value() + "\"},\"payee\":{\"idType\":\"MSISDN\","
                + "\"idValue\":\"" + PAYEE.value() + "\"},\"amount\":{\"amount\":\"" + AMOUNT + "\",\"currency\":\"USD\"}}";
    }
    private static final Set<String> PAYEE_SIDE_FINAL = Set.of("PAID", "REFUSED", "EXPIRED", "FAILED");

    /**
     * How the in-process simulator finds a transfer's interop bookings ({@code --fineractLookup scan|index}): as
     * Fineract does, reading the account's history (the default), or by index, so that a long batch from one
     * account measures the hub rather than the history Fineract reads on each booking.
     */
    static InteropLookup fineractLookup = InteropLookup.SCAN;

    /**
     * The parts of FSPIOP bulk messages worked on at once ({@code --bulkParallelism N}): the payee flow's individual quotes
     * and transfers, the payer flow's members taking their bulk quote's answer (both flows' {@code bulkParallelism}
     * setting; 4 unless given, as in the distribution; 1 works them in turn).
     */
    static int bulkParallelism;

    /**
     * The messages the stand-in switch of the in-process modes takes at once ({@code --switchConsumers N}, default 4). Every
     * message the flows send to the switch crosses it, each handed on with a persistent send that waits for the broker's
     * disk; with one at a time it, not the hub, set the pace of a run whose core banking is slow.
     */
    static int switchConsumers;

    /**
     * Whether the flows offer their messages to the stand-in switch in the consumer that made them ({@code --switchAtOnce
     * true}), as the distribution's flows offer them to the Mojaloop connector ({@code sendAtOnce}), or put them on
     * fspiop.outbound for the stand-in's consumers (false, the default: the figures of the sections before it).
     */
    static boolean switchAtOnce;

    /**
     * How long the in-process simulator holds each Fineract request ({@code --fineractLatencyMillis N}, default 0): a
     * core banking at a network's distance with its own database time, where the simulator answers from memory.
     */
    static java.time.Duration fineractLatency = java.time.Duration.ZERO;

    /**
     * Whether the broker and the consumers hand out higher JMS priorities first, as the hub's do ({@code --priority true},
     * the default), so that a batch's messages wait behind single transfers'; false: in arrival order, as before.
     */
    static boolean priority = true;

    /**
     * Whether the stand-in switch sends each lookup to the tenant that holds the party ({@code --switchOracle true}, the
     * default), as a switch's account lookup service does with its oracle's answer; false: without destination, so that
     * the hub asks every tenant (the runs before 2026-12-03).
     */
    static boolean switchOracle = true;

    private TransferBench() {
    }

    public static void main(String[] args) {
        try {
            measure(args);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("mode", "flows", "transfers", "500", "concurrency", "8",
                "warmup", "50", "hub", "http://127.0.0.1:8181", "broker", "tcp://127.0.0.1:61616"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int transfers = Integer.parseInt(options.get("transfers"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int warmup = Integer.parseInt(options.get("warmup"));
        fineractLookup = InteropLookup.valueOf(options.getOrDefault("fineractLookup", "scan").toUpperCase(java.util.Locale.ROOT));
        bulkParallelism = Integer.parseInt(options.getOrDefault("bulkParallelism", "4"));
        switchConsumers = Integer.parseInt(options.getOrDefault("switchConsumers", "4"));
        switchAtOnce = Boolean.parseBoolean(options.getOrDefault("switchAtOnce", "false"));
        fineractLatency = java.time.Duration.ofMillis(Long.parseLong(options.getOrDefault("fineractLatencyMillis", "0")));
        priority = Boolean.parseBoolean(options.getOrDefault("priority", "true"));
        switchOracle = Boolean.parseBoolean(options.getOrDefault("switchOracle", "true"));
        System.out.printf("Payment Hub load harness: mode %s, %d transfers (after %d to warm up), at most %d in flight, %d cores%n",
                options.get("mode"), transfers, warmup, concurrency, Runtime.getRuntime().availableProcessors());
        if (fineractLookup != InteropLookup.SCAN) {
            System.out.println("the simulator finds interop bookings by index, not by reading the account's history as Fineract does");
        }
        if (!fineractLatency.isZero()) {
            System.out.printf("the simulator holds each Fineract request %d ms before answering%n", fineractLatency.toMillis());
        }
        System.out.printf("bulk messages' parts worked on at once (payer and payee flows' bulkParallelism): %d%n", bulkParallelism);
        System.out.printf("messages the in-process stand-in switch takes at once: %d%s%n", switchConsumers,
                switchAtOnce ? "; the flows hand it their messages in the consumer that made them (--switchAtOnce)" : "");
        System.out.printf("lookups %s; broker and consumers %s%n", switchOracle ? "to the tenant that holds the party (--switchOracle)"
                : "without destination: the hub asks every tenant", priority ? "higher JMS priorities first" : "in arrival order");
        if ("reconcile".equals(options.get("mode"))) {
            ReconciliationBench.run(options);
        } else if ("connector".equals(options.get("mode"))) {
            try (Flows flows = new Flows(2)) {
                flows.connectorCalls(transfers);
            }
        } else if ("payee".equals(options.get("mode")) || "soak".equals(options.get("mode"))) {
            payeeSide(options, warmup, transfers, concurrency);
        } else if ("cluster".equals(options.get("mode"))) {
            ClusterBench.run(options);
        } else if ("lab".equals(options.get("mode"))) {
            Path lab = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize().resolve("lab/target");
            new Lab(options.get("hub"), options.get("broker"), lab).run(warmup, transfers, concurrency);
        } else if ("bulk".equals(options.get("mode"))) {
            try (Flows flows = new Flows(Integer.parseInt(options.getOrDefault("consumers", "2")))) {
                flows.settleJit = Boolean.parseBoolean(options.getOrDefault("settle", "true"));
                boolean uploadOnly = Boolean.parseBoolean(options.getOrDefault("uploadOnly", "false"));
                if (!uploadOnly && warmup > 0) {
                    // Single transfers, dfsp1's Bakari to dfsp2's Dalila: a row is such a transfer, and the batch's payer is another account.
                    flows.warmUp(warmup, concurrency, false);
                }
                flows.bulk(transfers, concurrency, uploadOnly,
                        Integer.parseInt(options.getOrDefault("fspiop", "0")), Boolean.parseBoolean(options.getOrDefault("fundsCheck", "true")),
                        Integer.parseInt(options.getOrDefault("alongside", "0")));
            }
        } else {
            try (Flows flows = new Flows(Integer.parseInt(options.getOrDefault("consumers", "2")), "postgresql".equals(options.get("fault")))) {
                flows.switchDouble.duplicate = Boolean.parseBoolean(options.getOrDefault("duplicates", "false"));
                flows.settleJit = Boolean.parseBoolean(options.getOrDefault("settle", "true"));
                String fault = options.getOrDefault("fault", "none");
                if (fault.startsWith("fineract-")) {
                    flows.fineractOutage(warmup, concurrency, Long.parseLong(options.getOrDefault("outageSeconds", "300")),
                            "fineract-hung".equals(fault));
                } else if ("postgresql".equals(fault)) {
                    flows.databaseOutage(warmup, concurrency, Long.parseLong(options.getOrDefault("outageSeconds", "60")));
                } else if ("store-full".equals(fault)) {
                    flows.storeFull(warmup, concurrency, Long.parseLong(options.getOrDefault("outageSeconds", "30")));
                } else if ("switch".equals(fault)) {
                    flows.switchSlowThenSilent(warmup, transfers, concurrency, Long.parseLong(options.getOrDefault("answerDelayMillis", "2000")));
                } else {
                    flows.run(warmup, transfers, concurrency, "requests".equals(options.get("mode")));
                }
            }
        }
    }

    /**
     * The payee side of the built distribution, driven as the switch drives it: the loopback
     * ceiling, then two windows (the second shows whether the hub slows as the account's history
     * grows), or, in soak mode, windows until the duration is over with the hub's heap after GC,
     * open descriptors and broker store after each.
     */
    private static void payeeSide(Map<String, String> options, int warmup, int transfers, int concurrency) throws Exception {
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        System.setProperty("hub.lab.home", root.resolve("lab").toString());
        if (System.getProperty("hub.distribution.archive") == null) {
            try (var archives = Files.newDirectoryStream(root.resolve("karaf-assembly/target"), "payment-hub-distribution-*.tar.gz")) {
                System.setProperty("hub.distribution.archive", archives.iterator().next().toString());
            }
        }
        try (PayeeSideBench bench = new PayeeSideBench(root.resolve("bench/target/payee-bench"))) {
            bench.againstLoopback("loopback (warm-up)", warmup, concurrency);
            PayeeSideBench.Window ceiling = bench.againstLoopback("loopback ceiling", transfers, concurrency);
            ceiling.print();
            bench.startHub(options.get("postgres"), options.get("broker-sync"), options.get("etc"),
                    options.getOrDefault("tenant", "").split(";"));
            java.math.BigDecimal before = bench.payeeBalance();
            String recording = options.get("jfr");
            if (recording != null) {
                // Started before the warm-up: JFR started under load has the JIT compile its own code and recompile the
                // hub's, half a core for minutes and twice the CPU a pair. Only the measured windows are written out.
                System.out.println(bench.hubJcmd("JFR.start", "name=bench", "settings=profile").trim());
            }
            bench.hubJit().warmUp(Boolean.parseBoolean(options.getOrDefault("settle", "true")),
                    () -> bench.againstHub("hub (warm-up)", warmup, concurrency).print());
            java.time.Instant measuredFrom = java.time.Instant.now();
            if ("soak".equals(options.get("mode"))) {
                long end = System.nanoTime() + Long.parseLong(options.getOrDefault("seconds", "600")) * 1_000_000_000L;
                System.out.printf("%-8s %-10s %-14s %-14s %-14s %-12s %-14s %-14s%n", "window", "pairs/s", "hub CPU/pair",
                        "harness cores", "heap after GC", "open files", "broker store", "database");
                for (int window = 1; System.nanoTime() < end; window++) {
                    PayeeSideBench.Window measured = bench.againstHub("soak " + window, transfers, concurrency);
                    System.out.printf("%-8d %-10.1f %-14s %-14.2f %-14s %-12d %-14s %-14s %s%n", window, measured.pairsPerSecond(),
                            String.format("%.1f ms", measured.hubCpu().toNanos() / 1e6 / measured.count()),
                            measured.benchCpu().toNanos() / (double) measured.wallNanos(), megabytes(bench.hubHeapAfterGc()),
                            bench.hubOpenFiles(), megabytes(bench.brokerStoreBytes()), megabytes(bench.databaseBytes()), measured.outcomes());
                }
            } else {
                int windows = Integer.parseInt(options.getOrDefault("windows", "2"));
                for (int window = 1; window <= windows; window++) {
                    PayeeSideBench.Window measured = bench.againstHub("hub window " + window, transfers, concurrency);
                    measured.print();
                    System.out.printf("  = %.1f%% of the loopback ceiling%n", 100 * measured.pairsPerSecond() / ceiling.pairsPerSecond());
                }
            }
            if (recording != null) {
                // A profile of the measured windows: jfr print --events jdk.ExecutionSample <file>, or JDK Mission Control.
                System.out.println(bench.hubJcmd("JFR.dump", "name=bench", "begin=" + measuredFrom,
                        "filename=" + Path.of(recording).toAbsolutePath()).trim());
                System.out.println(bench.hubJcmd("JFR.stop", "name=bench").trim());
            }
            System.out.printf("payee account credited %s USD in all (%s USD a pair)%n", bench.payeeBalance().subtract(before), AMOUNT);
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "?" : String.format("%.1f MB", bytes / 1048576.0);
    }

    static {
        // A failure anywhere ends the run with its reason, rather than leaving the broker's threads behind.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            failure.printStackTrace();
            System.exit(1);
        });
    }

    /** What one run measured. */
    record Run(String what, int count, long wallNanos, List<Long> latenciesNanos, Map<String, Long> finalStates) {
        void print() {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            System.out.printf("%d %s in %.2f s: %.1f %s/s; final states %s%n", count, what, wallNanos / 1e9,
                    count / (wallNanos / 1e9), what, finalStates);
            System.out.printf("end-to-end latency (accepted to final): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    static double pct(List<Long> sortedNanos, int percentile) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }

    /** The lab's seed with dfsp1 again as dfsp3: a second payer tenant, for the faults of one tenant's core banking. */
    private static io.paymenthub.fineract.simulator.seed.Seed benchSeed() {
        try (java.io.InputStream lab = SeedLoader.class.getResourceAsStream(SeedLoader.LAB_SEED_RESOURCE)) {
            com.fasterxml.jackson.databind.JsonNode seed = JSON.readTree(lab);
            com.fasterxml.jackson.databind.node.ArrayNode tenants = (com.fasterxml.jackson.databind.node.ArrayNode) seed.get("tenants");
            for (com.fasterxml.jackson.databind.JsonNode tenant : tenants) {
                if ("dfsp1".equals(tenant.path("id").asText())) {
                    tenants.add(JSON.readTree(JSON.writeValueAsString(tenant).replace("\"dfsp1\"", "\"dfsp3\"").replace("dfsp1-", "dfsp3-")));
                    break;
                }
            }
            return SeedLoader.fromJson(JSON.writeValueAsString(seed));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The flows in this JVM, on a persistent broker and the journal in a database. */
    static final class Flows implements AutoCloseable {
        private final FineractSimulator fineract = FineractSimulator.start(FineractSimulator.DEFAULT_HOST, 0, benchSeed(), fineractLookup);
        private final File brokerData = Files.createTempDirectory("bench-broker").toFile();
        private final BrokerService broker = new BrokerService();
        private final TenantRegistry tenants = new TenantRegistry();
        private final Map<String, Long> finished = new ConcurrentHashMap<>();
        /** When the channel's notification of a transfer's final state reached the bench, by the wall clock the journal uses. */
        private final Map<String, Instant> notifiedAt = new ConcurrentHashMap<>();
        private final Map<String, String> finalStates = new ConcurrentHashMap<>();
        private volatile CountDownLatch all = new CountDownLatch(0);
        private final DataSource dataSource;
        private final String databaseName;
        private final CamelContext context = new DefaultCamelContext();
        private final FineractCalls fineractCalls = new FineractCalls();
        private final PayerTransfers transfers;
        private final PayeeRequests requests;
        private final TransactionRequestStore requestStore;
        private volatile Semaphore inFlight = new Semaphore(0);
        private final BulkBatchStore batchStore;
        private final AccountSystemDirectory accounts;
        private final Map<String, CountDownLatch> batchesEnded = new ConcurrentHashMap<>();
        /** Sends the flows' first messages of what the harness started, as the channel API does ({@link Emit#sendEach}). */
        private static final String EMIT = "direct:bench-emit";
        /** Stands in for the switch: hands each message straight back (twice, in a duplicate storm). */
        final SwitchDouble switchDouble = new SwitchDouble(Map.of("dfsp1", "dfsp1fsp", "dfsp2", "dfsp2fsp", "dfsp3", "dfsp3fsp"));
        final JitCompilation jit = JitCompilation.ofThisJvm();
        /** Warm up until the JIT compilers settle ({@link JitCompilation#settle}), not only for the warm-up's count. */
        boolean settleJit = true;
        /** The permits of the tenant that sent each transfer, when the tenants are limited each on its own. */
        private final Map<String, Semaphore> permitOf = new ConcurrentHashMap<>();
        /** Final events of a transfer after its first. */
        private final java.util.concurrent.atomic.AtomicLong eventsAgain = new java.util.concurrent.atomic.AtomicLong();

        /** @param consumers of each of the flows' queues, as the flows' {@code consumers} settings give them (default 2) */
        Flows(int consumers) throws Exception {
            this(consumers, false);
        }

        /**
         * @param databaseRelayed PostgreSQL reached through a relay that {@link #databaseOutage} cuts, as a
         *                        network that goes away: every connection dropped, new ones refused
         */
        Flows(int consumers, boolean databaseRelayed) throws Exception {
            this.databaseRelay = databaseRelayed ? new io.paymenthub.e2e.NodeBalancer(List.of(5432)) : null;
            fineract.admin().answerDelay(fineractLatency);
            broker.setBrokerName("bench");
            broker.setDataDirectoryFile(brokerData);
            broker.setPersistent(!Boolean.getBoolean("bench.memoryBroker"));
            broker.setUseJmx(false);
            // As the hub's broker (hub-broker's sendWaitWhenFullMillis): a send into a full store is refused after 3 s.
            broker.getSystemUsage().setSendFailIfNoSpaceAfterTimeout(3000);
            // As the hub's broker: higher priorities first, a batch's steps behind single transfers' (--priority false: arrival order).
            org.apache.activemq.broker.region.policy.PolicyMap policy = io.paymenthub.karaf.broker.EmbeddedBroker.destinationPolicy();
            for (String queue : List.of(PayerMessages.STEPS, "channel.notifications.dfsp1")) {
                policy.getEntryFor(new org.apache.activemq.command.ActiveMQQueue(queue)).setPrioritizedMessages(priority);
            }
            broker.setDestinationPolicy(policy);
            broker.start();
            broker.waitUntilStarted();
            // As the distribution's factory (hub-broker's defaults): pooled, non-blocking redelivery with back-off, then the DLQ.
            io.paymenthub.karaf.broker.HubConnectionFactory factory = new io.paymenthub.karaf.broker.HubConnectionFactory();
            factory.setEmbedded(true);
            factory.setBrokerName("bench");
            factory.setMaximumRedeliveries(6);
            factory.setInitialRedeliveryDelayMillis(1000);
            factory.setBackOffMultiplier(2);
            factory.setMaximumRedeliveryDelayMillis(60000);
            factory.setMaxConnections(8);
            factory.setMessagePrioritySupported(priority);
            jakarta.jms.ConnectionFactory connectionFactory = factory.create();
            DataSource postgres = postgres();
            if (postgres != null) {
                dataSource = postgres;
                databaseName = "PostgreSQL";
            } else {
                dataSource = pooled("jdbc:h2:file:" + Files.createTempDirectory("bench-h2") + "/hub;WRITE_DELAY=0", "sa");
                databaseName = "H2 (file)";
            }
            new SchemaMigrator(dataSource).migrate();
            for (String tenant : List.of("dfsp1", "dfsp2")) {
                configure(tenant, Map.of());
            }
            PayerTransferStore store = new PayerTransferStore(dataSource);
            transfers = new PayerTransfers(store);
            context.addComponent("jms", HubJmsComponents.transacted(connectionFactory));
            // As the distribution configures them (the Blueprint defaults of the flows and the Fineract connector).
            HttpComponent http = new HttpComponent();
            http.setMaxTotalConnections(50);
            http.setConnectionsPerRoute(50);
            http.setConnectTimeout(5000);
            http.setResponseTimeout(30000);
            http.setSoTimeout(30000);
            context.addComponent("http", http);
            Properties properties = new Properties();
            properties.put("fineract.retry.maximumRedeliveries", "3");
            properties.put("fineract.stepTimeoutMillis", "10000");
            properties.put("fineract.retry.delayMillis", "500");
            properties.put("payee.consumers", String.valueOf(consumers));
            properties.put("payer.consumers", String.valueOf(consumers));
            properties.put("payer.deadlineCheckMillis", "1000");
            properties.put("request.consumers", String.valueOf(consumers));
            properties.put("request.deadlineCheckMillis", "1000");
            context.getPropertiesComponent().setInitialProperties(properties);
            List<AccountSystem> systems = new ArrayList<>();
            systems.add(new FineractAccountSystem(context, 5000));
            // With the distribution's default breakers (hub-core's coreBanking.breaker*): one tenant's unreachable core banking fails fast.
            AccountSystemDirectory accounts = new AccountSystemDirectory(systems, io.paymenthub.core.metrics.HubMetrics.NONE,
                    new io.paymenthub.core.account.CoreBankingBreakers(5, 5000));
            this.accounts = accounts;
            PayerFlowSettings settings = PayerFlowSettings.ofSeconds(30, 30, 2, 60, 5, 15, 3, 120, 10, 120, bulkParallelism);
            context.addRoutes(new FineractConnectorRouteBuilder());
            List<io.paymenthub.core.step.AtOnce> atOnce = switchAtOnce ? List.of(switchDouble) : List.of();
            context.addRoutes(PayeeRouteBuilder.on(tenants, accounts, dataSource, 60, bulkParallelism, atOnce));
            PayerRouteBuilder payerRoutes = PayerRouteBuilder.on(tenants, accounts, store, settings);
            payerRoutes.setAtOnce(atOnce);
            context.addRoutes(payerRoutes);
            requestStore = new TransactionRequestStore(dataSource);
            RequestJournal requestJournal = new RequestJournal(requestStore, store);
            RequestFlowSettings requestSettings = RequestFlowSettings.ofSeconds(30, 30, 2, 300, 120, 120);
            requests = new PayeeRequests(tenants, accounts, requestJournal, requestSettings);
            PayerRequests payerRequests = new PayerRequests(tenants, accounts, requestJournal, transfers, requestSettings);
            // As in the distribution, the request flow runs beside the others (-Dbench.noRequestFlow=true leaves it out).
            if (!Boolean.getBoolean("bench.noRequestFlow")) {
                RequestRouteBuilder requestRoutes = new RequestRouteBuilder(new RequestStepProcessor(requests, requestStore),
                        new RequestReplyProcessor(requests, requestStore), new PayeeEventProcessor(requests),
                        new InboundRequestProcessor(payerRequests, new FspiopRequestGate(new FspiopRequestJournal(dataSource))), new RequestPaymentProcessor(payerRequests),
                        new RequestDeadlineProcessor(requests, payerRequests, requestStore));
                requestRoutes.setAtOnce(atOnce);
                context.addRoutes(requestRoutes);
            }
            batchStore = new BulkBatchStore(dataSource);
            properties.put("bulk.consumers", String.valueOf(consumers));
            properties.put("bulk.deadlineCheckMillis", "10000");
            // A batch's concurrency is recorded with it at upload: the flow's own setting does not limit the benchmark's batch.
            context.addRoutes(new BulkRouteBuilder(new BulkBatches(tenants, accounts, batchStore, transfers,
                    BulkFlowSettings.of(8, 1_000_000, 10, 100, 60))));
            switchDouble.consumers = switchConsumers;
            if (switchOracle) {
                // As a switch's account lookup service: each lookup to the one tenant that holds the party.
                Map<String, String> holders = new java.util.HashMap<>();
                for (String tenant : List.of("dfsp1", "dfsp2", "dfsp3")) {
                    fineract.admin().identifiers(tenant).forEach(id -> holders.put(id.idType() + "/" + id.idValue(), tenant));
                }
                switchDouble.oracle = holders;
            }
            context.addRoutes(switchDouble);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // What the channel API accepted, sent as it sends it (its queue, JMS properties and priority).
                    Emit.sendEach(from(EMIT).routeId("bench-emit"));
                }
            });
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("jms:queue:" + PayerMessages.EVENTS + "?concurrentConsumers=2").routeId("bench-events").process(exchange -> {
                        Message event = exchange.getMessage();
                        if (BulkMessages.BATCH_EVENT.equals(event.getHeader(PayerMessages.EVENT_TYPE))) {
                            CountDownLatch ended = batchesEnded.get(event.getHeader(PayerMessages.BATCH_ID, String.class));
                            if (ended != null && "ENDED".equals(event.getHeader(BulkMessages.BATCH_NEWS))) {
                                ended.countDown();
                            }
                            return;
                        }
                        String id = event.getHeader(PayerMessages.TRANSFER_ID, String.class);
                        String state = event.getHeader(PayerMessages.FINAL_STATE, String.class);
                        if (RequestMessages.REQUEST_EVENT.equals(event.getHeader(PayerMessages.EVENT_TYPE))) {
                            // A request ends on the payee's side (the payer's side says ACCEPTED before it is paid).
                            id = event.getHeader(RequestMessages.REQUEST_ID, String.class);
                            state = event.getHeader(RequestMessages.REQUEST_STATE, String.class);
                            if (!"dfsp2".equals(event.getHeader(PayerMessages.TENANT)) || !PAYEE_SIDE_FINAL.contains(state)) {
                                return;
                            }
                        }
                        if (startedAt.containsKey(id)) {
                            // Events are told at least once: a second one of a transfer (its step redelivered) counts once.
                            notifiedAt.putIfAbsent(id, Instant.now());
                            if (finished.putIfAbsent(id, System.nanoTime()) != null) {
                                eventsAgain.incrementAndGet();
                                return;
                            }
                            finalStates.put(id, state);
                            all.countDown();
                            permitOf.getOrDefault(id, inFlight).release();
                        }
                    });
                }
            });
            context.getManagementStrategy().addEventNotifier(fineractCalls);
            context.start();
        }

        private String schema;
        /** Between the flows and PostgreSQL, for the database outage; null otherwise. */
        private final io.paymenthub.e2e.NodeBalancer databaseRelay;

        private DataSource postgres() {
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (java.sql.Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (Exception e) {
                System.out.println("PostgreSQL not reachable (" + e.getMessage() + "): the journal goes to H2");
                schema = null;
                return null;
            }
            int port = databaseRelay == null ? 5432 : databaseRelay.port();
            return pooled("jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + schema, "postgres");
        }

        /**
         * Gives PostgreSQL's planner the statistics of the journal's tables filled by the warm-up, as
         * its autovacuum keeps them on a hub that has run a while: the tables of a new schema have none,
         * and their plans are then a fresh database's guesses, which no hub in service runs on.
         */
        private void analyze() throws java.sql.SQLException {
            if (schema == null) {
                return;
            }
            try (java.sql.Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (java.sql.ResultSet rs = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    statement.execute("ANALYZE " + table);
                }
            }
        }

        /** A pool of at most 16 connections, as the distribution's datasource has: a new PostgreSQL connection costs a process. */
        private static DataSource pooled(String url, String user) {
            org.apache.commons.dbcp2.BasicDataSource pool = new org.apache.commons.dbcp2.BasicDataSource();
            pool.setUrl(url);
            pool.setUsername(user);
            pool.setPassword("");
            pool.setMaxTotal(16);
            pool.setMaxIdle(16);
            return pool;
        }

        /** One core-banking call at a time through the Fineract connector's routes: what each costs the flows. */
        void connectorCalls(int count) throws Exception {
            Tenant dfsp1 = tenants.byName("dfsp1").orElseThrow();
            AccountSystem fineractConnector = new FineractAccountSystem(context, 5000);
            Map<String, java.util.concurrent.Callable<Object>> calls = new LinkedHashMap<>();
            calls.put("lookupParty", () -> fineractConnector.lookupParty(dfsp1, PAYER));
            calls.put("accountHolder", () -> fineractConnector.accountHolder(dfsp1, "dfsp1-bakari-usd"));
            calls.put("quote (PAYER)", () -> fineractConnector.quote(dfsp1, new io.paymenthub.core.account.QuoteBooking(
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), "dfsp1-bakari-usd",
                    io.paymenthub.core.account.Money.of("0.01", "USD"), "SEND", io.paymenthub.core.account.Role.PAYER,
                    io.paymenthub.core.account.TransactionType.p2pTransfer())));
            System.out.println("| call | p50 ms | p95 ms |");
            System.out.println("|---|---|---|");
            for (Map.Entry<String, java.util.concurrent.Callable<Object>> call : calls.entrySet()) {
                for (int i = 0; i < 20; i++) {
                    call.getValue().call();
                }
                List<Long> took = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    call.getValue().call();
                    took.add(System.nanoTime() - start);
                }
                Collections.sort(took);
                System.out.printf("| %s | %.1f | %.1f |%n", call.getKey(), pct(took, 50), pct(took, 95));
            }
        }

        /** A tenant of the benchmark: transfers between the two go through the switch, with {@code more} settings. */
        private void configure(String tenant, Map<String, String> more) throws Exception {
            Map<String, Object> config = TestTenantConfigs.valid(tenant, tenant + "fsp", fineract.fineractUrl());
            config.put("onus.routing", "SWITCH");
            config.put("requests.autoAcceptUpTo", "1"); // the benchmark's requests are paid without asking
            config.putAll(more);
            tenants.update("pid-" + tenant, "etc/" + tenant + ".cfg", config);
        }

        /**
         * One batch of {@code rows} rows, 1.00 USD each from dfsp1's employer (no fee) to dfsp2's
         * customers, at most {@code concurrency} rows of it in flight; with {@code fspiopMaxTransfers}
         * above 0, in FSPIOP bulk messages of at most that many transfers. Without {@code fundsCheck}, the batch's payer is
         * not checked at upload, and each row's transfer looks the payer's account up itself.
         */
        void bulk(int rows, int concurrency, boolean uploadOnly, int fspiopMaxTransfers, boolean fundsCheck, int alongside)
                throws Exception {
            Map<String, String> settings = new LinkedHashMap<>();
            if (fspiopMaxTransfers > 0) {
                settings.put("bulk.fspiop", "true");
                settings.put("bulk.fspiopMaxTransfers", String.valueOf(fspiopMaxTransfers));
            }
            settings.put("bulk.fundsCheck", String.valueOf(fundsCheck));
            configure("dfsp1", settings);
            Tenant dfsp1 = tenants.byName("dfsp1").orElseThrow();
            List<String> payees = fineract.admin().identifiers("dfsp2").stream().map(i -> i.idValue()).toList();
            System.out.printf("journal on %s, broker persistent (KahaDB); one batch of %d rows, %s%n", databaseName, rows,
                    fspiopMaxTransfers > 0 ? "in FSPIOP bulk messages of up to " + fspiopMaxTransfers + " transfers"
                            : concurrency + " in flight");
            java.util.Iterator<BatchRow> generated = java.util.stream.IntStream.rangeClosed(1, rows).mapToObj(row -> new BatchRow(row + 1,
                    "r" + row, "MSISDN", payees.get(row % payees.size()), BigDecimal.ONE, "USD", "bench row " + row, null)).iterator();
            // The stand-in switch keeps no record of the batch's messages: the heap sampled below is the run's, not that record's.
            switchDouble.remembers = false;
            BulkBatches batches = new BulkBatches(tenants, accounts, batchStore, transfers, BulkFlowSettings.of(concurrency, 1_000_000, 10, 100, 60));
            BatchOrder order = new BatchOrder("dfsp1", PartyId.of("MSISDN", "255700000010"), null);
            fineractCalls.reset();
            if (uploadOnly) {
                // Recorded to wait for an approval that never comes: the upload and the report alone.
                System.gc();
                long heapBefore = heapAfterGc();
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                long begin = System.nanoTime();
                String batchId = ((BulkBatchStore.Submission.Accepted) batchStore.submit(order, generated, rows, concurrency,
                        Tenant.InvalidRows.SKIP, 100, true, batch -> BulkBatchStore.PayerCheck.UNCHECKED)).batch().batchId();
                long recorded = System.nanoTime() - begin;
                long peak = 0;
                for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.out.printf("upload recorded and checked: %d rows in %.1f s (%.0f rows/s); heap after GC before %s, after %s; "
                        + "peak heap during the upload %s%n", rows, recorded / 1e9, rows / (recorded / 1e9), megabytes(heapBefore),
                        megabytes(heapAfterGc()), megabytes(peak));
                report(batchId);
                return;
            }
            long begin = System.nanoTime();
            BulkBatches.Submitted submitted = batches.submit(dfsp1, order, generated);
            long recorded = System.nanoTime() - begin;
            String batchId = ((BulkBatchStore.Submission.Accepted) submitted.submission()).batch().batchId();
            CountDownLatch ended = new CountDownLatch(1);
            batchesEnded.put(batchId, ended);
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody(EMIT, submitted.emits());
            System.out.printf("upload recorded and checked: %d rows in %.1f s (%.0f rows/s)%n", rows, recorded / 1e9, rows / (recorded / 1e9));
            // Single transfers of another payer while the batch runs: what a batch leaves of the hub to everybody else.
            java.util.concurrent.atomic.AtomicBoolean sendingAlongside = new java.util.concurrent.atomic.AtomicBoolean(alongside > 0);
            Thread singles = null;
            if (alongside > 0) {
                resetRun();
                started = Collections.synchronizedList(new ArrayList<>());
                startedAt = new ConcurrentHashMap<>();
                singles = sender(dfsp1, new Semaphore(alongside), sendingAlongside, new ConcurrentHashMap<>(),
                        Collections.synchronizedList(new ArrayList<>()));
            }
            List<String> heap = new ArrayList<>();
            long paying = System.nanoTime();
            // A full collection each sample, so that what stays is what the run holds; rarer in a long batch, where it costs more.
            int sampleSeconds = rows > 10_000 ? 30 : 5;
            int lastRows = 0;
            long lastAt = paying;
            long[] lastCpu = cpuOfSimulatorAndRest();
            while (!ended.await(sampleSeconds, TimeUnit.SECONDS)) {
                BulkBatch now = batchStore.find(batchId).orElseThrow();
                System.gc();
                long at = System.nanoTime();
                String sample = String.format("%ds: %d rows, %s", (at - paying) / 1_000_000_000L, now.finished(),
                        megabytes(java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
                heap.add(sample);
                if (sampleSeconds > 5) {
                    long[] cpu = cpuOfSimulatorAndRest();
                    int done = Math.max(1, now.finished() - lastRows);
                    System.out.printf("%s; %.1f rows/s since the last sample; CPU a row: simulator %.1f ms, the rest of this JVM %.1f ms%n",
                            sample, (now.finished() - lastRows) / ((at - lastAt) / 1e9), (cpu[0] - lastCpu[0]) / 1e6 / done,
                            (cpu[1] - lastCpu[1]) / 1e6 / done);
                    lastRows = now.finished();
                    lastAt = at;
                    lastCpu = cpu;
                }
            }
            long paid = System.nanoTime() - paying;
            if (singles != null) {
                sendingAlongside.set(false);
                singles.join();
                awaitAllEnded();
                List<Long> latencies = new ArrayList<>();
                Map<String, Long> states = new java.util.TreeMap<>();
                for (String id : List.copyOf(started)) {
                    latencies.add(finished.get(id) - startedAt.get(id));
                    states.merge(finalStates.get(id), 1L, Long::sum);
                }
                System.out.print("alongside the batch, " + alongside + " in flight: ");
                new Run("single transfers", latencies.size(), paid, latencies, states).print();
                System.out.println("where the single transfers' time went:");
                printSteps(List.copyOf(started), false);
            }
            BulkBatch batch = batchStore.find(batchId).orElseThrow();
            System.out.printf("batch %s: %s, %d completed, %d failed, %d unknown in %.1f s: %.1f rows/s%n", batchId, batch.state(),
                    batch.completed(), batch.failed(), batch.unknown(), paid / 1e9, batch.finished() / (paid / 1e9));
            System.out.println("Fineract requests a row, both sides, upload included: " + fineractCalls.per(batch.finished()));
            System.out.println("heap after a full GC every 5 s while it ran: " + String.join("; ", heap));
            report(batchId);
            if (rows <= 20_000) {
                // Where a row's time goes: its transfer's journal, as for single transfers.
                List<String> transferIds = new ArrayList<>();
                int afterLine = 0;
                for (List<BulkItem> page; !(page = batchStore.items(batchId, null, afterLine, 1000)).isEmpty();
                     afterLine = page.get(page.size() - 1).line()) {
                    page.stream().map(BulkItem::transferId).filter(java.util.Objects::nonNull).forEach(transferIds::add);
                }
                printSteps(transferIds, false);
            }
        }

        /** Reads the batch's CSV report as the channel API sends it (from the journal, a page at a time), and says how long it took. */
        private void report(String batchId) throws Exception {
            long reportBegin = System.nanoTime();
            byte[] csv;
            try (java.io.InputStream report = BatchReport.of(batchStore, batchId)) {
                csv = report.readAllBytes();
            }
            System.out.printf("CSV report: %d bytes in %.2f s%n", csv.length, (System.nanoTime() - reportBegin) / 1e9);
            // Why rows did not complete, from the report's error_code column (the ninth; none before it holds a comma here).
            Map<String, Long> failures = new java.util.TreeMap<>();
            Map<String, String> reasons = new java.util.HashMap<>();
            new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).map(line -> line.split(",", 10))
                    .filter(cells -> cells.length == 10 && !cells[8].isEmpty()).forEach(cells -> {
                        failures.merge(cells[8], 1L, Long::sum);
                        reasons.putIfAbsent(cells[8], cells[9].substring(0, Math.min(160, cells[9].length())));
                    });
            failures.forEach((code, count) -> System.out.printf("rows failed with %s: %d (e.g. %s)%n", code, count, reasons.get(code)));
        }

        /**
         * CPU time of this JVM's live threads so far: the Fineract simulator's workers, and the rest (the hub's flows, the
         * broker, the stand-in switch). A thread that ended takes its time with it; the flows' consumers live throughout.
         */
        private static long[] cpuOfSimulatorAndRest() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long simulator = 0;
            long rest = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                if (info.getThreadName().startsWith("fineract-simulator")) {
                    simulator += cpu;
                } else {
                    rest += cpu;
                }
            }
            return new long[] {simulator, rest};
        }

        private static long heapAfterGc() {
            long used = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            return used;
        }

        /**
         * Transfers (or requests to pay) not measured: batches of {@code count} until the JIT compilers settle
         * ({@link #settleJit}), or one batch; then the journal's tables analyzed, as autovacuum keeps them on a hub in service.
         */
        void warmUp(int count, int concurrency, boolean asRequests) throws Exception {
            jit.warmUp(settleJit, () -> batch(count, concurrency, asRequests));
            analyze();
        }

        void run(int warmup, int count, int concurrency, boolean asRequests) throws Exception {
            System.out.printf("journal on %s, broker persistent (KahaDB)%s%s%n", databaseName,
                    asRequests ? "; requests to pay, paid without asking the payer" : "",
                    switchDouble.duplicate ? "; every switch message delivered twice" : "");
            warmUp(warmup, concurrency, asRequests);
            finished.clear();
            eventsAgain.set(0);
            finalStates.clear();
            BigDecimal payerBefore = fineract.admin().account("dfsp1", PAYER_ACCOUNT).balance();
            BigDecimal payeeBefore = fineract.admin().account("dfsp2", PAYEE_ACCOUNT).balance();
            long deliveredBefore = switchDouble.delivered();
            fineractCalls.reset();
            long compiling = jit.compilingNanos();
            Run run = batch(count, concurrency, asRequests);
            run.print();
            System.out.printf("the JIT compilers used %.2f cores during the measured run%n", (jit.compilingNanos() - compiling) / (double) run.wallNanos());
            System.out.printf("switch messages delivered to the hub: %.1f a transfer; final events told again: %d%n",
                    (switchDouble.delivered() - deliveredBefore) / (double) count, eventsAgain.get());
            System.out.println("Fineract requests a transfer, both sides: " + fineractCalls.per(count));
            printMoney(started, payerBefore, payeeBefore);
            printSteps(started, asRequests);
        }

        /**
         * A row of the fault matrix: {@code count} transfers with the switch answering
         * {@code answerDelayMillis} late; the same load again, the switch going silent once a quarter
         * of it ended (the transfers in flight caught at every step, no new one sent); then the switch
         * speaks again, every UNKNOWN transfer is asked about as an operator does
         * ({@code hub:ask-switch}), the money is checked over both phases, and {@code count} more
         * transfers show the rate come back.
         */
        void switchSlowThenSilent(int warmup, int count, int concurrency, long answerDelayMillis) throws Exception {
            System.out.printf("journal on %s, broker persistent (KahaDB); the switch answers %d ms late, then goes silent, then speaks again%n",
                    databaseName, answerDelayMillis);
            batch(warmup, concurrency, false).print();
            BigDecimal payerBefore = fineract.admin().account("dfsp1", PAYER_ACCOUNT).balance();
            BigDecimal payeeBefore = fineract.admin().account("dfsp2", PAYEE_ACCOUNT).balance();
            List<String> affected = new ArrayList<>();

            switchDouble.answerDelayMillis = answerDelayMillis;
            resetRun();
            System.out.printf("-- the switch answers %d ms late%n", answerDelayMillis);
            batch(count, concurrency, false).print();
            affected.addAll(started);

            resetRun();
            int quarter = Math.max(1, count / 4);
            long[] silentAt = new long[1];
            Thread silencer = new Thread(() -> {
                while (finished.size() < quarter) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
                silentAt[0] = System.nanoTime();
                switchDouble.silent = true;
            }, "bench-silencer");
            silencer.start();
            System.out.printf("-- the same, the switch silent once %d transfers ended%n", quarter);
            // Sent evenly over a transfer's three answers, so that the silence finds transfers at every step, not in one wave.
            long pace = TimeUnit.MILLISECONDS.toNanos(3 * answerDelayMillis / concurrency);
            Run silent = batch(count, concurrency, false, () -> {
                java.util.concurrent.locks.LockSupport.parkNanos(pace);
                return !switchDouble.silent;
            });
            silencer.join();
            long lastEnded = finished.values().stream().mapToLong(Long::longValue).max().orElse(silentAt[0]);
            silent.print();
            int caught = (int) started.stream().filter(id -> finished.get(id) > silentAt[0]).count();
            System.out.printf("%d transfers in flight when the switch went silent; the last ended %.1f s after%n", caught,
                    (lastEnded - silentAt[0]) / 1e9);
            printOutcomes(started);
            System.out.printf("holds left on the payer's tenant: %d; payee credited %s USD beyond the committed transfers%n",
                    fineract.admin().holds("dfsp1").size(), fineract.admin().account("dfsp2", PAYEE_ACCOUNT).balance().subtract(payeeBefore)
                            .subtract(new BigDecimal(AMOUNT).multiply(BigDecimal.valueOf(committed(affected) + committed(started)))).toPlainString());
            affected.addAll(started);

            switchDouble.silent = false;
            switchDouble.answerDelayMillis = 0;
            System.out.println("-- the switch speaks again");
            askSwitchAboutUnknown(affected, "the switch speaks again");
            printMoney(affected, payerBefore, payeeBefore);
            resetRun();
            System.out.println("-- the same load, the switch answering at once again");
            batch(count, concurrency, false).print();
        }

        /**
         * A row of the fault matrix: dfsp1 and dfsp3 each pay dfsp2, {@code concurrency / 2} in flight
         * each, for a minute; then dfsp3's Fineract is away for {@code outageSeconds} (refusing
         * connections or, {@code hung}, taking them and never answering); then back for two minutes.
         * Every 10 s, each tenant's transfers committed: whether dfsp1 keeps its rate while dfsp3's core
         * banking is away. Then no new transfer; every one sent ends; the money of both payers and of
         * the payee, and why those not committed did not.
         */
        void fineractOutage(int warmup, int concurrency, long outageSeconds, boolean hung) throws Exception {
            System.out.printf("journal on %s, broker persistent (KahaDB); dfsp1 and dfsp3 pay dfsp2, %d in flight each; dfsp3's Fineract "
                    + "%s for %d s after a minute%n", databaseName, concurrency / 2, hung ? "hung (connections taken, never answered)"
                    : "down (connections refused)", outageSeconds);
            configure("dfsp3", Map.of());
            batch(warmup, concurrency, false).print();
            resetRun();
            Map<String, BigDecimal> before = Map.of("dfsp1", balance("dfsp1", PAYER_ACCOUNT), "dfsp3", balance("dfsp3", "dfsp3-bakari-usd"),
                    "dfsp2", balance("dfsp2", PAYEE_ACCOUNT));
            Map<String, String> tenantOf = new ConcurrentHashMap<>();
            started = Collections.synchronizedList(new ArrayList<>());
            startedAt = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            long begin = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (String tenantName : List.of("dfsp1", "dfsp3")) {
                senders.add(sender(tenants.byName(tenantName).orElseThrow(), new Semaphore(concurrency / 2), sending, tenantOf,
                        Collections.synchronizedList(new ArrayList<>())));
            }
            Thread.sleep(60_000);
            long outageFrom = (System.nanoTime() - begin) / 1_000_000_000L;
            java.net.ServerSocket hungFineract = null;
            int port;
            if (hung) {
                hungFineract = new java.net.ServerSocket(0, 1000, java.net.InetAddress.getLoopbackAddress());
                port = hungFineract.getLocalPort();
            } else {
                try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    port = free.getLocalPort();
                }
            }
            configure("dfsp3", Map.of("fineract.url", "http://127.0.0.1:" + port + "/fineract-provider/api/v1"));
            Thread.sleep(outageSeconds * 1000);
            configure("dfsp3", Map.of());
            if (hungFineract != null) {
                hungFineract.close();
            }
            long outageTo = (System.nanoTime() - begin) / 1_000_000_000L;
            Thread.sleep(120_000);
            sending.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            long stoppedAt = System.nanoTime();
            awaitAllEnded();
            System.out.printf("%d transfers sent; dfsp3's Fineract away from %d s to %d s; the last transfer ended %.1f s after the last was sent%n",
                    started.size(), outageFrom, outageTo, (System.nanoTime() - stoppedAt) / 1e9);
            System.out.println("| from (s) | dfsp1 committed/s | dfsp3 committed/s | dfsp3 ended otherwise |");
            System.out.println("|---|---|---|---|");
            long end = finished.values().stream().mapToLong(Long::longValue).max().orElse(begin);
            for (long window = 0; window * 10_000_000_000L < end - begin; window++) {
                long from = begin + window * 10_000_000_000L;
                long to = from + 10_000_000_000L;
                long[] counts = new long[3];
                for (String id : List.copyOf(started)) {
                    long at = finished.get(id);
                    if (at >= from && at < to) {
                        boolean committed = "COMMITTED".equals(finalStates.get(id));
                        counts["dfsp1".equals(tenantOf.get(id)) ? (committed ? 0 : 2) : (committed ? 1 : 2)]++;
                    }
                }
                System.out.printf("| %d%s | %.1f | %.1f | %d |%n", window * 10, window * 10 >= outageFrom && window * 10 < outageTo ? " (away)" : "",
                        counts[0] / 10.0, counts[1] / 10.0, counts[2]);
            }
            // The transfers the switch committed while their callbacks waited behind the outage end UNKNOWN with their holds.
            askSwitchAboutUnknown(List.copyOf(started), "after the outage");
            BigDecimal committedAll = BigDecimal.ZERO;
            boolean exact = true;
            for (String tenantName : List.of("dfsp1", "dfsp3")) {
                List<String> ids = List.copyOf(started).stream().filter(id -> tenantName.equals(tenantOf.get(id))).toList();
                System.out.println(tenantName + ": " + ids.size() + " transfers");
                printOutcomes(ids);
                BigDecimal committed = new BigDecimal(AMOUNT).multiply(BigDecimal.valueOf(committed(ids)));
                committedAll = committedAll.add(committed);
                String account = tenantName + "-bakari-usd";
                BigDecimal debited = before.get(tenantName).subtract(balance(tenantName, account));
                long twice = withdrawalsBookedTwice(tenantName, account, ids);
                int holds = fineract.admin().holds(tenantName).size();
                exact &= debited.compareTo(committed) == 0 && twice == 0 && holds == 0;
                System.out.printf("  payer debited %s, committed %s USD; withdrawals booked twice %d; holds left %d%n", debited.toPlainString(),
                        committed.toPlainString(), twice, holds);
            }
            BigDecimal credited = balance("dfsp2", PAYEE_ACCOUNT).subtract(before.get("dfsp2"));
            exact &= credited.compareTo(committedAll) == 0;
            System.out.printf("money: payee credited %s, committed transfers %s USD: %s%n", credited.toPlainString(), committedAll.toPlainString(),
                    exact ? "exact" : "NOT EXACT");
        }

        /** The end of a fault the bench causes under load. */
        interface FaultEnd {
            void end() throws Exception;
        }

        /**
         * PostgreSQL away for {@code outageSeconds} under load ({@link #underFault}): every connection
         * of the flows dropped, new ones refused, as a network that goes away.
         */
        void databaseOutage(int warmup, int concurrency, long outageSeconds) throws Exception {
            if (databaseRelay == null || schema == null) {
                throw new IllegalStateException("--fault postgresql needs PostgreSQL at 127.0.0.1:5432");
            }
            underFault("PostgreSQL away", warmup, concurrency, outageSeconds, () -> {
                databaseRelay.cutFor(java.time.Duration.ofSeconds(outageSeconds));
                return () -> { };
            });
        }

        /**
         * The broker's store full for {@code fullSeconds} under load ({@link #underFault}): its limit
         * lowered to what it holds plus 64 MB and a backlog sent to a queue nobody reads until the
         * broker refuses it; then the backlog purged and the limit restored, as an operator does.
         */
        void storeFull(int warmup, int concurrency, long fullSeconds) throws Exception {
            underFault("the broker's store full", warmup, concurrency, fullSeconds, () -> {
                org.apache.activemq.usage.StoreUsage store = broker.getSystemUsage().getStoreUsage();
                long limit = store.getLimit();
                store.setLimit(broker.getPersistenceAdapter().size() + 64L * 1024 * 1024);
                long backlog = 0;
                try (jakarta.jms.Connection connection = new org.apache.activemq.ActiveMQConnectionFactory("vm://bench?create=false")
                        .createConnection()) {
                    jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                    jakarta.jms.MessageProducer producer = session.createProducer(session.createQueue("bench.backlog"));
                    producer.setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
                    String megabyte = "x".repeat(1024 * 1024);
                    while (true) {
                        try {
                            producer.send(session.createTextMessage(megabyte));
                            backlog++;
                        } catch (jakarta.jms.ResourceAllocationException full) {
                            break;
                        }
                    }
                }
                System.out.printf("store full: limit %d MB, backlog of %d MB%n", store.getLimit() / (1024 * 1024), backlog);
                return () -> {
                    for (org.apache.activemq.broker.region.Destination queue : broker.getBroker()
                            .getDestinations(new org.apache.activemq.command.ActiveMQQueue("bench.backlog"))) {
                        ((org.apache.activemq.broker.region.Queue) queue).purge();
                    }
                    store.setLimit(limit);
                };
            });
        }

        /**
         * dfsp1 pays dfsp2 with {@code concurrency} in flight for a minute, then {@code fault} begins
         * and lasts {@code seconds} (the end it returns is called then), then two minutes more:
         * committed transfers per 10 s, the payments the hub refused to start meanwhile (what the
         * channel API answers 503) and those it accepted but could not hand on (202, taken up by the
         * flow's stalled-step check), the final states, the money.
         */
        void underFault(String fault, int warmup, int concurrency, long seconds,
                        java.util.concurrent.Callable<FaultEnd> begin) throws Exception {
            System.out.printf("journal on %s, broker persistent (KahaDB); dfsp1 pays dfsp2, %d in flight; %s for %d s after a minute%n",
                    databaseName, concurrency, fault, seconds);
            batch(warmup, concurrency, false).print();
            resetRun();
            BigDecimal payerBefore = balance("dfsp1", PAYER_ACCOUNT);
            BigDecimal payeeBefore = balance("dfsp2", PAYEE_ACCOUNT);
            started = Collections.synchronizedList(new ArrayList<>());
            startedAt = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<Long> refusedAt = Collections.synchronizedList(new ArrayList<>());
            List<Long> notHandedOnAt = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            Thread sender = sender(tenants.byName("dfsp1").orElseThrow(), new Semaphore(concurrency), sending, new ConcurrentHashMap<>(),
                    refusedAt, notHandedOnAt);
            Thread.sleep(60_000);
            long cutAt = System.nanoTime();
            int inFlightAtCut = started.size() - finished.size();
            FaultEnd end = begin.call();
            Thread.sleep(Math.max(0, seconds * 1000 - (System.nanoTime() - cutAt) / 1_000_000));
            end.end();
            long backAt = System.nanoTime();
            Thread.sleep(120_000);
            sending.set(false);
            sender.join();
            awaitAllEnded();
            List<String> ids = List.copyOf(started);
            long firstCommitAfter = ids.stream().filter(id -> "COMMITTED".equals(finalStates.get(id))).mapToLong(finished::get)
                    .filter(at -> at > backAt).min().orElse(backAt);
            long lastOfTheCut = ids.stream().filter(id -> startedAt.get(id) < backAt).mapToLong(finished::get).max().orElse(cutAt);
            System.out.printf("%d transfers started, %d in flight when the fault began; during it %d starts refused, %d accepted but not "
                    + "handed on; the first commit %.1f s after it ended; the last transfer begun before its end ended %.1f s after it "
                    + "began%n", ids.size(), inFlightAtCut, refusedAt.size(), notHandedOnAt.size(), (firstCommitAfter - backAt) / 1e9,
                    (lastOfTheCut - cutAt) / 1e9);
            System.out.println("| from (s) | committed/s | ended otherwise | starts refused | not handed on |");
            System.out.println("|---|---|---|---|---|");
            long last = finished.values().stream().mapToLong(Long::longValue).max().orElse(start);
            long faultFrom = (cutAt - start) / 1_000_000_000L;
            long faultTo = (backAt - start) / 1_000_000_000L;
            for (long window = 0; window * 10_000_000_000L < last - start; window++) {
                long from = start + window * 10_000_000_000L;
                long to = from + 10_000_000_000L;
                long committedIn = 0;
                long otherwise = 0;
                for (String id : ids) {
                    long at = finished.get(id);
                    if (at >= from && at < to) {
                        if ("COMMITTED".equals(finalStates.get(id))) {
                            committedIn++;
                        } else {
                            otherwise++;
                        }
                    }
                }
                java.util.function.Predicate<Long> inWindow = at -> at >= from && at < to;
                System.out.printf("| %d%s | %.1f | %d | %d | %d |%n", window * 10, window * 10 >= faultFrom && window * 10 < faultTo
                        ? " (fault)" : "", committedIn / 10.0, otherwise, List.copyOf(refusedAt).stream().filter(inWindow).count(),
                        List.copyOf(notHandedOnAt).stream().filter(inWindow).count());
            }
            printOutcomes(ids);
            askSwitchAboutUnknown(ids, "after the fault");
            printMoney(ids, payerBefore, payeeBefore);
        }

        /**
         * Starts transfers of {@code tenant} to dfsp2's payee while {@code sending}, at most {@code permits}
         * in flight; a start the hub refuses (its journal unreachable: what the channel API answers 503)
         * is noted in {@code refusedAt} and tried again 100 ms later, as a channel would.
         */
        private Thread sender(Tenant tenant, Semaphore permits, java.util.concurrent.atomic.AtomicBoolean sending,
                              Map<String, String> tenantOf, List<Long> refusedAt) {
            return sender(tenant, permits, sending, tenantOf, refusedAt, Collections.synchronizedList(new ArrayList<>()));
        }

        /**
         * ...and a transfer started whose first message the broker refuses is noted in {@code notHandedOnAt}:
         * the channel API has answered 202 and leaves it to the flow's stalled-step check.
         */
        private Thread sender(Tenant tenant, Semaphore permits, java.util.concurrent.atomic.AtomicBoolean sending,
                              Map<String, String> tenantOf, List<Long> refusedAt, List<Long> notHandedOnAt) {
            ProducerTemplate template = context.createProducerTemplate();
            Thread sender = new Thread(() -> {
                try {
                    while (sending.get()) {
                        if (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
                            continue;
                        }
                        PayerTransfers.Started transfer;
                        try {
                            transfer = transfers.start(tenant, new TransferRequest(PAYER, PAYEE, new BigDecimal(AMOUNT), "USD", "TRANSFER", null, null));
                        } catch (java.sql.SQLException e) {
                            permits.release();
                            refusedAt.add(System.nanoTime());
                            Thread.sleep(100);
                            continue;
                        }
                        String id = transfer.transfer().transferId();
                        tenantOf.put(id, tenant.name());
                        permitOf.put(id, permits);
                        started.add(id);
                        startedAt.put(id, System.nanoTime());
                        try {
                            template.sendBody(EMIT, transfer.emits());
                        } catch (org.apache.camel.CamelExecutionException e) {
                            notHandedOnAt.add(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-sender-" + tenant.name());
            sender.start();
            return sender;
        }

        /** Waits until every transfer started has ended; at most 10 minutes. */
        private void awaitAllEnded() throws InterruptedException {
            long from = System.nanoTime();
            while (!finished.keySet().containsAll(List.copyOf(started))) {
                if (System.nanoTime() - from > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("Not every transfer ended within 10 minutes of the last sent");
                }
                Thread.sleep(100);
            }
        }

        private BigDecimal balance(String tenant, String account) {
            return fineract.admin().account(tenant, account).balance();
        }

        private void resetRun() {
            finished.clear();
            eventsAgain.set(0);
            finalStates.clear();
        }

        /** Asks the switch again about each UNKNOWN transfer among {@code ids}, as an operator does, and waits until each is settled. */
        private void askSwitchAboutUnknown(List<String> ids, String why) throws Exception {
            long askedAt = System.nanoTime();
            List<String> unknown = new ArrayList<>();
            for (String id : ids) {
                if (transfers.store().find(id).orElseThrow().state() == TransferState.UNKNOWN) {
                    transfers.askSwitch(id, "bench", why);
                    unknown.add(id);
                }
            }
            while (!unknown.stream().allMatch(this::settled)) {
                if (System.nanoTime() - askedAt > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("UNKNOWN transfers not settled 5 minutes after asking the switch");
                }
                Thread.sleep(50);
            }
            System.out.printf("%d UNKNOWN transfers asked about again, settled in %.1f s:%n", unknown.size(), (System.nanoTime() - askedAt) / 1e9);
            printOutcomes(unknown);
        }

        /** Withdrawals of {@code ids} that the payer's account holds more than once: each a double debit. */
        private long withdrawalsBookedTwice(String tenant, String account, List<String> ids) {
            Set<String> ran = Set.copyOf(ids);
            return fineract.admin().account(tenant, account).transactions().stream()
                    .filter(t -> "WITHDRAWAL".equals(t.type()) && ran.contains(t.receiptNumber()))
                    .collect(java.util.stream.Collectors.groupingBy(t -> t.receiptNumber(), java.util.stream.Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
        }

        private boolean settled(String id) {
            try {
                TransferState state = transfers.store().find(id).orElseThrow().state();
                return state.isFinal() && state != TransferState.UNKNOWN;
            } catch (java.sql.SQLException e) {
                return false;
            }
        }

        private long committed(List<String> ids) throws java.sql.SQLException {
            long committed = 0;
            for (String id : ids) {
                if (transfers.store().find(id).orElseThrow().state() == TransferState.COMMITTED) {
                    committed++;
                }
            }
            return committed;
        }

        /** The transfers' final states as the journal has them, with each failure's code and reason, counted. */
        private void printOutcomes(List<String> ids) throws java.sql.SQLException {
            Map<String, Long> outcomes = new java.util.TreeMap<>();
            for (String id : ids) {
                PayerTransfer t = transfers.store().find(id).orElseThrow();
                String reason = t.state() == TransferState.COMMITTED ? "" : " " + t.failureCode() + " " + t.failureReason();
                outcomes.merge(t.state() + reason.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>"), 1L, Long::sum);
            }
            outcomes.forEach((outcome, n) -> System.out.printf("  %4d %s%n", n, outcome));
        }

        /**
         * The money of the measured run against the simulator's books: the payer's and the payee's
         * balances moved by exactly the committed transfers (no fee on this payer), no withdrawal
         * booked twice, no hold left.
         */
        private void printMoney(List<String> ids, BigDecimal payerBefore, BigDecimal payeeBefore) throws java.sql.SQLException {
            BigDecimal committed = new BigDecimal(AMOUNT).multiply(BigDecimal.valueOf(committed(ids)));
            BigDecimal payerMoved = payerBefore.subtract(fineract.admin().account("dfsp1", PAYER_ACCOUNT).balance());
            BigDecimal payeeMoved = fineract.admin().account("dfsp2", PAYEE_ACCOUNT).balance().subtract(payeeBefore);
            long twice = withdrawalsBookedTwice("dfsp1", PAYER_ACCOUNT, ids);
            int holds = fineract.admin().holds("dfsp1").size();
            boolean exact = payerMoved.compareTo(committed) == 0 && payeeMoved.compareTo(committed) == 0 && twice == 0 && holds == 0;
            System.out.printf("money: payer debited %s, payee credited %s, committed transfers %s USD; withdrawals booked twice %d; "
                    + "holds left %d: %s%n", payerMoved.toPlainString(), payeeMoved.toPlainString(), committed.toPlainString(), twice,
                    holds, exact ? "exact" : "NOT EXACT");
            // Why a transfer did not commit, step by step: what a figure of the fault matrix needs beside the count.
            List<PayerTransfer> failed = new ArrayList<>();
            for (String id : ids) {
                transfers.store().find(id).filter(t -> t.state() != TransferState.COMMITTED).ifPresent(failed::add);
            }
            for (PayerTransfer t : failed.size() <= 10 ? failed : List.<PayerTransfer>of()) {
                System.out.printf("  %s %s: %s %s%n", t.transferId(), t.state(), t.failureCode(), t.failureReason());
                transfers.store().steps(t.transferId()).forEach(step -> System.out.printf("    %s %s %s%n", step.recordedAt(), step.outcome(),
                        step.detail()));
            }
        }

        private List<String> started = new ArrayList<>();
        private volatile Map<String, Long> startedAt = new ConcurrentHashMap<>();

        private Run batch(int count, int concurrency, boolean asRequests) throws Exception {
            return batch(count, concurrency, asRequests, () -> true);
        }

        /** Up to {@code count} transfers, no new one once {@code goOn} says no; returns when every one sent has ended. */
        private Run batch(int count, int concurrency, boolean asRequests, java.util.function.BooleanSupplier goOn) throws Exception {
            inFlight = new Semaphore(concurrency);
            Tenant dfsp1 = tenants.byName("dfsp1").orElseThrow();
            Tenant dfsp2 = tenants.byName("dfsp2").orElseThrow();
            ProducerTemplate template = context.createProducerTemplate();
            started = new ArrayList<>();
            startedAt = new ConcurrentHashMap<>();
            all = new CountDownLatch(count);
            long begin = System.nanoTime();
            int sent = 0;
            for (; sent < count && goOn.getAsBoolean(); sent++) {
                inFlight.acquire();
                if (!goOn.getAsBoolean()) {
                    inFlight.release();
                    break;
                }
                TransferRequest payment = new TransferRequest(PAYER, PAYEE, new BigDecimal(AMOUNT), "USD", "TRANSFER", null, null);
                String id;
                List<Emit> emits;
                if (asRequests) {
                    PayeeRequests.Created request = requests.create(dfsp2, payment, null);
                    id = request.request().requestId();
                    emits = request.emits();
                } else {
                    PayerTransfers.Started transfer = transfers.start(dfsp1, payment);
                    id = transfer.transfer().transferId();
                    emits = transfer.emits();
                }
                started.add(id);
                startedAt.put(id, System.nanoTime());
                template.sendBody(EMIT, emits);
            }
            for (int notSent = sent; notSent < count; notSent++) {
                all.countDown();
            }
            if (!all.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Not every transfer ended within 10 minutes");
            }
            long wall = System.nanoTime() - begin;
            List<Long> latencies = new ArrayList<>();
            for (String id : started) {
                latencies.add(finished.get(id) - startedAt.get(id));
            }
            Map<String, Long> states = new java.util.TreeMap<>();
            finalStates.values().forEach(s -> states.merge(s, 1L, Long::sum));
            return new Run(asRequests ? "requests" : "transfers", sent, wall, latencies, states);
        }

        /** The time between consecutive journal lines, by the state reached: what each step took, queue hop included. */
        private void printSteps(Collection<String> ids, boolean asRequests) throws Exception {
            Map<String, List<Long>> byStep = new LinkedHashMap<>();
            Tenant dfsp2 = tenants.byName("dfsp2").orElseThrow();
            for (String id : ids) {
                List<Map.Entry<String, Instant>> steps = new ArrayList<>();
                if (asRequests) {
                    TransactionRequest request = requestStore.find(dfsp2.name(), id, RequestRole.PAYEE).orElseThrow();
                    requestStore.steps(request).forEach(step -> steps.add(Map.entry(step.outcome(), step.recordedAt())));
                } else {
                    transfers.store().steps(id).forEach(step -> steps.add(Map.entry(step.outcome(), step.recordedAt())));
                }
                for (int i = 1; i < steps.size(); i++) {
                    long nanos = Duration.between(steps.get(i - 1).getValue(), steps.get(i).getValue()).toNanos();
                    byStep.computeIfAbsent(steps.get(i - 1).getKey() + " -> " + steps.get(i).getKey(), k -> new ArrayList<>()).add(nanos);
                }
                Instant notified = notifiedAt.get(id);
                if (!asRequests && notified != null && !steps.isEmpty()) {
                    Map.Entry<String, Instant> last = steps.get(steps.size() - 1);
                    byStep.computeIfAbsent(last.getKey() + " -> notified", k -> new ArrayList<>())
                            .add(Duration.between(last.getValue(), notified).toNanos());
                }
            }
            System.out.println("| step (journal state to state) | what happens in it | p50 ms | p95 ms | p99 ms |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, List<Long>> step : byStep.entrySet()) {
                List<Long> sorted = new ArrayList<>(step.getValue());
                Collections.sort(sorted);
                System.out.printf("| %s | %s | %.1f | %.1f | %.1f |%n", step.getKey(), asRequests ? requestMeaning(step.getKey())
                        : meaning(step.getKey()), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
            }
        }

        private static String meaning(String step) {
            return switch (step) {
                case "RECEIVED -> LOOKUP_SENT" -> "step message; payer account and holder from Fineract; lookup queued";
                case "LOOKUP_SENT -> PARTY_FOUND" -> "lookup out, payee flow answers from Fineract, callback correlated";
                case "PARTY_FOUND -> QUOTE_SENT" -> "run on in the lookup callback's transaction; quote queued";
                case "QUOTE_SENT -> QUOTED" -> "quote out, payee fee from Fineract, ILP packet; payer fee from Fineract";
                case "QUOTED -> RESERVED" -> "run on in the quote callback's transaction; hold in Fineract (PREPARE)";
                case "RESERVED -> TRANSFER_SENT" -> "run on; transfer queued";
                case "TRANSFER_SENT -> FULFILLED" -> "transfer out, payee checked and credited in Fineract, fulfilment back";
                case "FULFILLED -> COMMITTED" -> "run on in the transfer callback's transaction; debit in Fineract (CREATE)";
                case "COMMITTED -> notified" -> "the callback's transaction commits; the channel's notification reaches the channel";
                default -> "";
            };
        }

        private static String requestMeaning(String step) {
            return switch (step) {
                case "RECEIVED -> LOOKUP_SENT" -> "step message; payee account and holder from Fineract; payer's lookup queued";
                case "LOOKUP_SENT -> SENT" -> "payer's lookup out, payee flow answers, callback correlated; request queued";
                case "SENT -> AWAITING_PAYMENT" -> "request out, payer side checks Fineract, accepts, starts the transfer; RECEIVED back";
                case "AWAITING_PAYMENT -> AWAITING_PAYMENT" -> "the payer's transfer: lookup and quote, until the payee flow quotes for the request";
                case "AWAITING_PAYMENT -> PAID" -> "the payer's transfer: hold, transfer, payee credited";
                default -> "";
            };
        }

        @Override
        public void close() throws Exception {
            context.stop();
            broker.stop();
            fineract.close();
            if (databaseRelay != null) {
                databaseRelay.close();
            }
            if (schema != null) {
                try (java.sql.Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** A running lab: transfers through the distribution's channel API, completions from the tenant's notifications. */
    static final class Lab {
        private final String hub;
        private final String brokerUrl;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        /** dfsp1's channel in the lab (lab/run's tenant files). */
        static final String CHANNEL_ID = "dfsp1-channel";
        static final String CHANNEL_SECRET = "lab-only-dfsp1-secret";
        static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
                .encodeToString((CHANNEL_ID + ":" + CHANNEL_SECRET).getBytes(StandardCharsets.UTF_8));
        private final Path lab;

        Lab(String hub, String brokerUrl, Path lab) {
            this.hub = hub;
            this.brokerUrl = brokerUrl;
            this.lab = lab;
        }

        void run(int warmup, int count, int concurrency) throws Exception {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
            // The broker lets a tenant's channel read its own notifications, logged in as that channel.
            try (jakarta.jms.Connection connection = factory.createConnection(CHANNEL_ID, CHANNEL_SECRET)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer notifications = session.createConsumer(session.createQueue("channel.notifications.dfsp1"));
                batch(notifications, warmup, concurrency);
                Map<String, ProcessHandle> processes = processes();
                Map<String, Duration> cpuBefore = cpu(processes);
                Run run = batch(notifications, count, concurrency);
                Map<String, Duration> cpuAfter = cpu(processes);
                run.print();
                // Which part sets the pace: a process near one core (the Toolkit is one Node.js thread) or the machine's cores.
                processes.keySet().forEach(name -> System.out.printf("  %s: %.2f cores%n", name,
                        cpuAfter.get(name).minus(cpuBefore.get(name)).toNanos() / (double) run.wallNanos()));
            }
        }

        /** The lab's processes (lab/run writes the pids of the Toolkit and the simulator; the hub is its Karaf). */
        private Map<String, ProcessHandle> processes() throws Exception {
            Map<String, ProcessHandle> processes = new LinkedHashMap<>();
            for (Map.Entry<String, String> pidFile : Map.of("Testing Toolkit (switch)", "ttk.pid",
                    "Fineract simulator", "fineract-simulator.pid").entrySet()) {
                Path file = lab.resolve(pidFile.getValue());
                if (Files.exists(file)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).ifPresent(p -> processes.put(pidFile.getKey(), p));
                }
            }
            String karafHome = lab.resolve("hub").toString();
            ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("")
                    .contains("-Dkaraf.home=" + karafHome)).findFirst().ifPresent(p -> processes.put("hub (Karaf)", p));
            return processes;
        }

        private static Map<String, Duration> cpu(Map<String, ProcessHandle> processes) {
            Map<String, Duration> cpu = new LinkedHashMap<>();
            processes.forEach((name, p) -> cpu.put(name, p.info().totalCpuDuration().orElse(Duration.ZERO)));
            return cpu;
        }

        private Run batch(MessageConsumer notifications, int count, int concurrency) throws Exception {
            Map<String, Long> startedAt = new ConcurrentHashMap<>();
            Map<String, Long> latencies = new ConcurrentHashMap<>();
            Map<String, Long> states = new java.util.TreeMap<>();
            Semaphore inFlight = new Semaphore(concurrency);
            CountDownLatch all = new CountDownLatch(count);
            notifications.setMessageListener(message -> {
                try {
                    String id = message.getStringProperty(PayerMessages.TRANSFER_ID);
                    Long start = id == null ? null : startedAt.get(id); // the tenant's other notifications (requests to pay) pass
                    if (start != null && latencies.putIfAbsent(id, System.nanoTime() - start) == null) {
                        synchronized (states) {
                            states.merge(message.getStringProperty(PayerMessages.FINAL_STATE), 1L, Long::sum);
                        }
                        inFlight.release();
                        all.countDown();
                    }
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            long begin = System.nanoTime();
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                String body = channelTransfer();
                long sent = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/channel/transfers"))
                        .header("Content-Type", "application/json").header("Platform-TenantId", "dfsp1").header("Authorization", AUTHORIZATION)
                        .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("The hub answered " + response.statusCode() + ": " + response.body());
                }
                startedAt.put(JSON.readTree(response.body()).path("transferId").asText(), sent);
            }
            if (!all.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Not every transfer ended within 10 minutes");
            }
            return new Run("transfers", count, System.nanoTime() - begin, new ArrayList<>(latencies.values()), states);
        }
    }
}
