package io.paymenthub.fineract.simulator;

import com.sun.net.httpserver.HttpServer;
import io.paymenthub.fineract.simulator.admin.AdminHandlers;
import io.paymenthub.fineract.simulator.http.AnswerDelay;
import io.paymenthub.fineract.simulator.http.Router;
import io.paymenthub.fineract.simulator.http.Routes;
import io.paymenthub.fineract.simulator.interop.InteropHandlers;
import io.paymenthub.fineract.simulator.ledger.InteropLookup;
import io.paymenthub.fineract.simulator.ledger.TenantRegistry;
import io.paymenthub.fineract.simulator.savings.SavingsHandlers;
import io.paymenthub.fineract.simulator.seed.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulator of Apache Fineract's interoperation and savings API, one per test or lab:
 *
 * <pre>
 * try (FineractSimulator sim = FineractSimulator.start(0, SeedLoader.labSeed())) {
 *     URI api = URI.create(sim.fineractUrl() + "/interoperation/health");
 *     AccountSnapshot account = sim.admin().account("dfsp1", "dfsp1-alice-usd");
 * }
 * </pre>
 */
public final class FineractSimulator implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(FineractSimulator.class);
    private static final int WORKER_THREADS = 16;

    private final HttpServer server;
    private final ExecutorService workers;
    private final SimulatorAdmin admin;
    private final String host;

    static {
        // Fineract's servlet container answers without Nagle's delay; the JDK server only does so when
        // asked (before its first use). Without it, every answer waits ~40 ms for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FineractSimulator(HttpServer server, ExecutorService workers, SimulatorAdmin admin, String host) {
        this.server = server;
        this.workers = workers;
        this.admin = admin;
        this.host = host;
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static FineractSimulator start(int port, Seed seed) {
        return start(DEFAULT_HOST, port, seed);
    }

    public static FineractSimulator start(String host, int port, Seed seed) {
        return start(host, port, seed, InteropLookup.SCAN);
    }

    /** With {@code interopLookup}, how its accounts find a transfer's interop bookings (Fineract's way by default). */
    public static FineractSimulator start(String host, int port, Seed seed, InteropLookup interopLookup) {
        TenantRegistry tenants = new TenantRegistry(seed, Clock.systemUTC(), interopLookup);
        AnswerDelay answerDelay = new AnswerDelay();
        SimulatorAdmin admin = new SimulatorAdmin(tenants, answerDelay);
        Routes fineract = new Routes();
        InteropHandlers.register(fineract);
        SavingsHandlers.register(fineract);
        Routes adminRoutes = new Routes();
        AdminHandlers.register(adminRoutes, admin);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, new WorkerThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
            server.createContext("/", new Router(tenants, fineract, adminRoutes, answerDelay));
            server.setExecutor(workers);
            server.start();
            FineractSimulator simulator = new FineractSimulator(server, workers, admin, host);
            LOG.info("Fineract simulator started on {} with tenants {}", simulator.baseUrl(), tenants.ids());
            return simulator;
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://host:port */
    public String baseUrl() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port();
    }

    /** The Fineract API base, as a hub would be configured: http://host:port/fineract-provider/api/v1 */
    public String fineractUrl() {
        return baseUrl() + Router.FINERACT_BASE.substring(0, Router.FINERACT_BASE.length() - 1);
    }

    /** The admin API base: http://host:port/simulator/admin */
    public String adminUrl() {
        return baseUrl() + Router.ADMIN_BASE.substring(0, Router.ADMIN_BASE.length() - 1);
    }

    public SimulatorAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Fineract simulator on {} stopped", baseUrl());
    }

    /** Daemon workers, so a forgotten simulator never keeps a JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "fineract-simulator-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
