package io.paymenthub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

import io.paymenthub.connector.fineract.FineractAccountSystem;
import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.reconciliation.ReconciliationRun;
import io.paymenthub.reconciliation.ReconciliationStore;
import io.paymenthub.reconciliation.Reconciliations;

/**
 * End-of-day reconciliation of one tenant's day of {@code --transfers} committed transfers from
 * {@code --accounts} payer accounts, on PostgreSQL and the Fineract simulator through the Fineract
 * connector, with {@code --breaks} of them never booked. Reports the run's time and the heap it
 * used (sampled), beside the ceiling measured in the same run: reading the same bookings through
 * the connector without staging or comparing them.
 */
final class ReconciliationBench {

    private ReconciliationBench() {
    }

    static void run(Map<String, String> options) throws Exception {
        int transfers = Integer.parseInt(options.getOrDefault("transfers", "100000"));
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
        int breaks = Integer.parseInt(options.getOrDefault("breaks", "100"));
        System.out.printf("Reconciliation of a day of %d transfers from %d accounts (%d never booked), %d cores, max heap %d MB%n",
                transfers, accounts, breaks, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        // Pooled, as the distribution's datasource is.
        org.apache.commons.dbcp2.BasicDataSource dataSource = new org.apache.commons.dbcp2.BasicDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        dataSource.setUsername("postgres");
        dataSource.setPassword("");
        dataSource.setMaxTotal(16);
        try (FineractSimulator fineract = FineractSimulator.start(0, SeedLoader.fromJson(seed(accounts)));
             DefaultCamelContext context = new DefaultCamelContext()) {
            new SchemaMigrator(dataSource).migrate();
            TenantRegistry tenants = new TenantRegistry();
            tenants.update("pid-recon", "etc/recon.cfg", TestTenantConfigs.valid("recon", "recon", fineract.fineractUrl()));
            Tenant tenant = tenants.byName("recon").orElseThrow();
            HttpComponent http = new HttpComponent();
            context.addComponent("http", http);
            Properties properties = new Properties();
            properties.put("fineract.retry.maximumRedeliveries", "3");
            properties.put("fineract.stepTimeoutMillis", "10000");
            properties.put("fineract.retry.delayMillis", "500");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new FineractConnectorRouteBuilder());
            context.start();
            FineractAccountSystem connector = new FineractAccountSystem(context, 5000);

            long loadStart = System.nanoTime();
            day(dataSource, fineract, transfers, accounts, breaks);
            System.out.printf("The day loaded in %.1f s (journal rows and ledger bookings)%n", (System.nanoTime() - loadStart) / 1e9);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);

            // The ceiling: every account's bookings read through the connector, counted and dropped.
            long readStart = System.nanoTime();
            AtomicLong read = new AtomicLong();
            for (int a = 0; a < accounts; a++) {
                connector.forEachBooking(tenant, account(a), today, today.plusDays(1), booking -> read.incrementAndGet());
            }
            double readSeconds = (System.nanoTime() - readStart) / 1e9;

            Reconciliations reconciliations = new Reconciliations(tenants, new AccountSystemDirectory(List.of(connector)), List.of(),
                    new ReconciliationStore(dataSource), Files.createTempDirectory("bench-reconciliation").toString(), 60);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long runStart = System.nanoTime();
            ReconciliationRun run = reconciliations.run("recon", today, "bench");
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            sampler.interrupt();
            sampler.join();

            System.out.printf("Ceiling, bookings read through the connector only: %d in %.1f s = %.0f bookings/s%n", read.get(),
                    readSeconds, read.get() / readSeconds);
            System.out.printf("Reconciliation: %d account(s), %d booking(s) read, %d break(s) in %.1f s = %.0f transfers/s, "
                    + "%.0f%% of the read ceiling%n", run.accountsRead(), run.bookingsRead(), run.breakCount(), runSeconds,
                    transfers / runSeconds, 100 * readSeconds / runSeconds);
            System.out.printf("Heap: %d MB used before the run (the simulator's ledger included), at most %d MB during it (+%d MB)%n",
                    before >> 20, peak.get() >> 20, (peak.get() - before) >> 20);
            if (run.breakCount() != breaks) {
                throw new IllegalStateException("Expected " + breaks + " breaks, found " + run.breakCount());
            }
        } finally {
            dataSource.close();
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static String account(int index) {
        return "recon-payer-" + index;
    }

    /** A tenant with the payer accounts, on a product without withdrawal fee, each with money for its share of the day. */
    private static String seed(int accounts) {
        StringBuilder clients = new StringBuilder();
        StringBuilder savings = new StringBuilder();
        for (int a = 0; a < accounts; a++) {
            clients.append(a == 0 ? "" : ",").append("{\"id\":").append(a + 1).append(",\"firstname\":\"Payer\",\"lastname\":\"")
                    .append(a).append("\",\"displayName\":\"Payer ").append(a).append("\"}");
            savings.append(a == 0 ? "" : ",").append("{\"id\":").append(a + 1).append(",\"externalId\":\"").append(account(a))
                    .append("\",\"clientId\":").append(a + 1).append(",\"productId\":1,\"currency\":\"USD\",\"balance\":100000000.0}");
        }
        return "{\"tenants\":[{\"id\":\"recon\",\"timezone\":\"UTC\",\"users\":[{\"username\":\"mifos\",\"password\":\"password\"}],"
                + "\"paymentTypes\":[{\"id\":1,\"name\":\"Money Transfer\",\"cashPayment\":false}],"
                + "\"products\":[{\"id\":1,\"name\":\"Wallet USD\",\"shortName\":\"WUSD\",\"currency\":\"USD\",\"decimalPlaces\":2,"
                + "\"withdrawalFeeForTransfers\":false}],\"clients\":[" + clients + "],\"savingsAccounts\":[" + savings + "],"
                + "\"identifiers\":[]}]}";
    }

    /** The journal's committed transfers and, for all but {@code breaks} of them, the withdrawal in the ledger. */
    private static void day(DataSource dataSource, FineractSimulator fineract, int transfers, int accounts, int breaks) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_transfer (transfer_id, tenant, direction, state, amount, currency, payer_fsp, payee_fsp, created_at, "
                        + "updated_at, row_version, payer_account, routing, transfer_amount) "
                        + "VALUES (?, 'recon', 'OUT', 'COMMITTED', ?, 'USD', 'recon', 'other', ?, ?, 1, ?, 'SWITCH', ?)")) {
            connection.setAutoCommit(false);
            List<String> batch = new ArrayList<>();
            for (int t = 0; t < transfers; t++) {
                String transferId = UUID.randomUUID().toString();
                BigDecimal amount = BigDecimal.valueOf(100 + t % 900, 2);
                String account = account(t % accounts);
                insert.setString(1, transferId);
                insert.setBigDecimal(2, amount);
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.setString(5, account);
                insert.setBigDecimal(6, amount);
                insert.addBatch();
                batch.add(transferId);
                if (t >= breaks) {
                    fineract.admin().bookInterop("recon", account, false, amount, transferId);
                }
                if (batch.size() == 1000) {
                    insert.executeBatch();
                    connection.commit();
                    batch.clear();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
