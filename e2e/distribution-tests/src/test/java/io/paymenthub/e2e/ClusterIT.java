package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.security.TestCertificates;
import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.karaf.broker.EmbeddedBroker;
import io.paymenthub.karaf.broker.StandaloneBroker;

/**
 * Two hub nodes, as production scales out: one external broker (the hub's broker as a process of
 * its own, with a backup waiting on the same store), one PostgreSQL, the switch reaching the nodes through a balancer, channels calling
 * either node. The first node to start migrates the shared schema; the second finds it migrated.
 * Transfers go through both while the broker fails over to its backup, while PostgreSQL is away,
 * and while one node is killed with {@code kill -9}: every one of them ends once, and the money adds
 * up in Fineract.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int TRANSFERS = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final BigDecimal AMOUNT = new BigDecimal("1.25");
    private static final String BROKER_USER = "hub-nodes";
    private static final String BROKER_PASSWORD = "broker-secret-of-the-cluster-test";

    private static String schema;
    private static Map<String, String> backupSettings;
    private static EmbeddedBroker broker;
    private static FineractSimulator fineract;
    private static NodeBalancer switchEdge;
    /** The nodes' network to PostgreSQL, which a test takes away for a while. */
    private static NodeBalancer database;
    private static TestingToolkit toolkit;
    private static HubDistribution node1;
    private static HubDistribution node2;
    /** The schema's migrations as the first node left them, each with when it was applied. */
    private static List<String> migratedByNode1;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchemas.create();
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        node1 = HubDistribution.unpack("cluster-node1");
        node2 = HubDistribution.unpack("cluster-node2");
        int primaryPort = HubDistribution.freePort();
        int backupPort = HubDistribution.freePort();
        Path brokerData = node1.home().getParent().getParent().resolve("cluster-broker");
        Files.createDirectories(brokerData);
        // A primary/backup pair on one data directory, as docs/cluster.md lays it out: the backup
        // waits for the store's lock and opens its port only once it holds it.
        Map<String, String> primary = Map.of("name", "cluster-broker", "data", brokerData.toString(),
                "connectors", "tcp://127.0.0.1:" + primaryPort, "user", BROKER_USER, "password", BROKER_PASSWORD,
                "storeLimitMb", "512", "memoryLimitMb", "64");
        backupSettings = new java.util.HashMap<>(primary);
        backupSettings.put("connectors", "tcp://127.0.0.1:" + backupPort);
        broker = StandaloneBroker.start(primary);
        TestCertificates certificates = TestCertificates.make(node1.home().getParent().resolve("keys"), "dfsp1", "dfsp2", "switch");
        switchEdge = new NodeBalancer(List.of(node1.fspiopPort(), node2.fspiopPort()));
        database = new NodeBalancer(List.of(Integer.parseInt(TestSchemas.URL.replaceFirst(".*//[^:/]+:(\\d+)/.*", "$1"))));
        toolkit = TestingToolkit.startHubMode("https://127.0.0.1:" + switchEdge.port(), certificates);
        for (HubDistribution node : List.of(node1, node2)) {
            node.secure(certificates, "dfsp1", "dfsp2");
            LabSetup.useSwitch(node, toolkit);
            TestSchemas.use(node, schema, database.port());
            node.writeEtc("io.paymenthub.broker.cfg", String.join("\n", "embedded = false",
                    "url = failover:(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort
                            + ")?initialReconnectDelay=100&maxReconnectDelay=1000&randomize=false",
                    "username = " + BROKER_USER, "password = " + BROKER_PASSWORD, ""));
            // Short waits, so that what the kill left unanswered is asked about within the test's time;
            // the status queries keep a minute, as the answers of a cluster coming back from a fault
            // take their time on a loaded machine (four of 5 s each left some UNKNOWN there).
            node.appendEtc("io.paymenthub.flow.payer.cfg", String.join("\n", "lookupTimeoutSeconds = 15", "quoteTimeoutSeconds = 15",
                    "transferExpirySeconds = 15", "expiryGraceSeconds = 2", "statusQueryTimeoutSeconds = 10", "statusQueries = 6",
                    "stalledStepSeconds = 30", ""));
            LabSetup.writeLabTenants(node, fineract, false);
            // As production runs it: final records kept for a month.
            node.appendEtc("io.paymenthub.hub.cfg", "retention.days = 30\n");
        }
        // One after the other: the first migrates the shared schema, the second finds it migrated.
        node1.start();
        node1.awaitTransfersReady(2);
        migratedByNode1 = migrations();
        node2.start();
        node2.awaitTransfersReady(2);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(node1, node2, toolkit, switchEdge, database, fineract);
        if (broker != null) {
            broker.stop();
        }
        if (schema != null) {
            TestSchemas.drop(schema);
        }
    }

    @Test
    @Order(0)
    void theFirstNodeMigratesTheSharedPostgresqlSchemaAndTheSecondLeavesItAlone() throws Exception {
        JsonNode database = DistributionIT.component(new ObjectMapper().readTree(node2.get("/health").body()), "database");
        assertThat(database.path("status").asText()).isEqualTo("UP");
        assertThat(database.path("details").path("database").asText()).isEqualTo("PostgreSQL");
        assertThat(database.path("details").path("schemaVersion").asInt()).isEqualTo(20);
        assertThat(migrations()).as("node 2's start applied nothing").isEqualTo(migratedByNode1);
        assertThat(TestSchemas.query("SELECT version || ' ' || description FROM " + schema + ".hub_schema_version ORDER BY version"))
                .containsExactly("1 idempotency", "2 transfer_journal", "3 fspiop_requests",
                "4 fspiop_pending_callbacks", "5 payee_reservations", "6 payer_transfers", "7 transaction_requests",
                "8 payee_quotes", "9 payee_quote_request", "10 transaction_request_attempts", "11 bulk_batches",
                "12 fspiop_bulk_groups", "13 larger_recorded_answers", "14 reconciliation", "15 settlement_windows",
                "16 leases", "17 accounts_found_once", "18 flat_lookups", "19 bulk_batch_row_updated_in_place",
                "20 callback_reply_priority");
        assertThat(TestSchemas.query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'"))
                .contains("hub_transfer", "hub_transfer_step", "channel_idempotency", "camel_messageprocessed",
                "fspiop_inbound_request", "hub_transaction_request", "hub_transaction_request_step", "hub_payee_quote",
                "hub_payee_transaction", "hub_bulk_batch", "hub_bulk_group", "hub_reconciliation_run", "hub_reconciliation_break",
                "hub_settlement_window", "hub_lease");
        assertThat(node2.console("jdbc:ds-list")).contains("payment-hub", "PostgreSQL");
        assertThat(node2.console("hub:routes")).contains("journal-retention");
    }

    /** Each migration applied, with when: {@code 1 idempotency 2026-12-02 01:55:55.123}. */
    private static List<String> migrations() throws Exception {
        return TestSchemas.query("SELECT version || ' ' || description || ' ' || CAST(installed_on AS VARCHAR) FROM "
                + schema + ".hub_schema_version ORDER BY version");
    }

    @Test
    @Order(1)
    void transfersThroughBothNodesAllEndOnceWhenTheBrokerFailsOverToItsBackup() throws Exception {
        InFlightTransfers transfers = InFlightTransfers.send(fineract, TRANSFERS, AMOUNT, "broker", i -> i % 2 == 0 ? node1 : node2);
        long finalBeforeFailover = transfers.finalCount(node2);

        // The backup starts now and waits for the store's lock (tried every second: lockRetryMillis).
        java.util.concurrent.CompletableFuture<EmbeddedBroker> backup = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneBroker.start(backupSettings);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long stoppedAt = System.nanoTime();
        broker.stop();
        broker = backup.get(60, java.util.concurrent.TimeUnit.SECONDS);
        double withoutBrokerSeconds = (System.nanoTime() - stoppedAt) / 1e9;
        Map<String, String> states = transfers.awaitAllFinal(node2, Duration.ofMinutes(3));

        System.out.printf("broker failed over to its backup (%.1f s without one) with %d of %d transfers final before it: %s %s, "
                + "the last %.1f s after the primary stopped%n", withoutBrokerSeconds, finalBeforeFailover, TRANSFERS,
                InFlightTransfers.summary(states), transfers.failureCodes(states), (System.nanoTime() - stoppedAt) / 1e9);
        long committed = transfers.assertMoneyAddsUp(states);
        assertThat(committed).as("most transfers commit in the end").isGreaterThan(finalBeforeFailover);
        // Both nodes moved their connections to the backup: each takes new work.
        InFlightTransfers after = InFlightTransfers.send(fineract, 2, AMOUNT, "after-broker", i -> i == 0 ? node1 : node2);
        assertThat(after.assertMoneyAddsUp(after.awaitAllFinal(node2, Duration.ofMinutes(1)))).isEqualTo(2);
    }

    @Test
    @Order(2)
    void transfersThroughBothNodesAllEndOnceWhenPostgresqlIsAwayForAWhile() throws Exception {
        InFlightTransfers transfers = InFlightTransfers.send(fineract, TRANSFERS, AMOUNT, "database", i -> i % 2 == 0 ? node1 : node2);
        long finalBeforeOutage = transfers.finalCount(node2);

        long cutAt = System.nanoTime();
        database.cutFor(OUTAGE);
        HubDistribution.await("the outage over", OUTAGE.plusSeconds(5), () -> System.nanoTime() - cutAt > OUTAGE.toNanos());
        Map<String, String> states = transfers.awaitAllFinal(node2, Duration.ofMinutes(4));

        System.out.printf("PostgreSQL away for %d s with %d of %d transfers final before: %s %s, the last %.1f s after it went%n",
                OUTAGE.toSeconds(), finalBeforeOutage, TRANSFERS, InFlightTransfers.summary(states), transfers.failureCodes(states),
                (System.nanoTime() - cutAt) / 1e9);
        transfers.assertMoneyAddsUp(states);
        assertThat(node1.get("/health").statusCode()).as("node 1 healthy again").isEqualTo(200);
    }

    @Test
    @Order(3)
    void transfersThroughBothNodesAllEndOnceWhenOneNodeIsKilledAndTheMoneyAddsUp() throws Exception {
        InFlightTransfers transfers = InFlightTransfers.send(fineract, TRANSFERS, AMOUNT, "cluster", i -> i % 2 == 0 ? node1 : node2);
        long finalBeforeKill = HubDistribution.awaitValue("the first transfers final", Duration.ofSeconds(60),
                () -> transfers.finalCount(node2), done -> done >= 4);

        long killedAt = System.nanoTime();
        node1.process().orElseThrow().destroyForcibly();
        HubDistribution.await("node 1 is gone", Duration.ofSeconds(30), () -> node1.process().isEmpty());
        // The journal is shared: node 2 tells every transfer, node 1's too.
        Map<String, String> states = transfers.awaitAllFinal(node2, Duration.ofMinutes(3));

        System.out.printf("kill -9 of node 1 with %d of %d transfers final before it: node 2 ended them %s %s, the last %.1f s after the kill%n",
                finalBeforeKill, TRANSFERS, InFlightTransfers.summary(states), transfers.failureCodes(states),
                (System.nanoTime() - killedAt) / 1e9);
        long committed = transfers.assertMoneyAddsUp(states);
        assertThat(committed).as("most transfers commit in the end").isGreaterThan(finalBeforeKill);
        // The tasks one node runs at a time are node 2's once node 1's leases ran out.
        HubDistribution.await("node 2 holds every lease", Duration.ofSeconds(60), () -> {
            String leases = node2.console("hub:leases");
            return leases.contains("payer-deadlines") && leases.contains("request-deadlines")
                    && leases.lines().filter(line -> line.contains("-deadlines")).allMatch(line -> line.trim().endsWith("yes"));
        });
    }
}
