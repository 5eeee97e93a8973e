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

import io.paymenthub.connector.mojaloop.security.TestCertificates;
import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.karaf.broker.EmbeddedBroker;
import io.paymenthub.karaf.broker.StandaloneBroker;

/**
 * Two hub nodes, as production scales out: one external broker (the hub's broker as a process of
 * its own), one PostgreSQL, the switch reaching the nodes through a balancer, channels calling
 * either node. Transfers go through both while the broker is restarted under them, and then while
 * one node is killed with {@code kill -9}: every one of them ends once, and the money adds up in
 * Fineract.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int TRANSFERS = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final BigDecimal AMOUNT = new BigDecimal("1.25");
    private static final String BROKER_USER = "hub-nodes";
    private static final String BROKER_PASSWORD = "broker-secret-of-the-cluster-test";

    private static String schema;
    private static Map<String, String> brokerSettings;
    private static EmbeddedBroker broker;
    private static FineractSimulator fineract;
    private static NodeBalancer switchEdge;
    /** The nodes' network to PostgreSQL, which a test takes away for a while. */
    private static NodeBalancer database;
    private static TestingToolkit toolkit;
    private static HubDistribution node1;
    private static HubDistribution node2;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchemas.create();
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        node1 = HubDistribution.unpack("cluster-node1");
        node2 = HubDistribution.unpack("cluster-node2");
        int brokerPort = HubDistribution.freePort();
        Path brokerData = node1.home().getParent().getParent().resolve("cluster-broker");
        Files.createDirectories(brokerData);
        brokerSettings = Map.of("name", "cluster-broker", "data", brokerData.toString(),
                "connectors", "tcp://127.0.0.1:" + brokerPort, "user", BROKER_USER, "password", BROKER_PASSWORD,
                "storeLimitMb", "512", "memoryLimitMb", "64");
        broker = StandaloneBroker.start(brokerSettings);
        TestCertificates certificates = TestCertificates.make(node1.home().getParent().resolve("keys"), "dfsp1", "dfsp2", "switch");
        switchEdge = new NodeBalancer(List.of(node1.fspiopPort(), node2.fspiopPort()));
        database = new NodeBalancer(List.of(Integer.parseInt(TestSchemas.URL.replaceFirst(".*//[^:/]+:(\\d+)/.*", "$1"))));
        toolkit = TestingToolkit.startHubMode("https://127.0.0.1:" + switchEdge.port(), certificates);
        for (HubDistribution node : List.of(node1, node2)) {
            node.secure(certificates, "dfsp1", "dfsp2");
            LabSetup.useSwitch(node, toolkit);
            TestSchemas.use(node, schema, database.port());
            node.writeEtc("io.paymenthub.broker.cfg", String.join("\n", "embedded = false",
                    "url = failover:(tcp://127.0.0.1:" + brokerPort + ")?initialReconnectDelay=100",
                    "username = " + BROKER_USER, "password = " + BROKER_PASSWORD, ""));
            // Short waits, so that what the kill left unanswered is asked about within the test's time.
            node.appendEtc("io.paymenthub.flow.payer.cfg", String.join("\n", "lookupTimeoutSeconds = 15", "quoteTimeoutSeconds = 15",
                    "transferExpirySeconds = 15", "expiryGraceSeconds = 2", "statusQueryTimeoutSeconds = 5", "statusQueries = 4",
                    "stalledStepSeconds = 30", ""));
            LabSetup.writeLabTenants(node, fineract, false);
        }
        // One after the other: the first migrates the shared schema, the second finds it migrated.
        node1.start();
        node1.awaitTransfersReady(2);
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
    @Order(1)
    void transfersThroughBothNodesAllEndOnceWhenTheBrokerIsRestartedUnderThem() throws Exception {
        InFlightTransfers transfers = InFlightTransfers.send(fineract, TRANSFERS, AMOUNT, "broker", i -> i % 2 == 0 ? node1 : node2);
        long finalBeforeRestart = transfers.finalCount(node2);

        long stoppedAt = System.nanoTime();
        broker.stop();
        broker = StandaloneBroker.start(brokerSettings);
        double restartSeconds = (System.nanoTime() - stoppedAt) / 1e9;
        Map<String, String> states = transfers.awaitAllFinal(node2, Duration.ofMinutes(3));

        System.out.printf("broker restarted (%.1f s down) with %d of %d transfers final before it: %s, the last %.1f s after the stop%n",
                restartSeconds, finalBeforeRestart, TRANSFERS, InFlightTransfers.summary(states), (System.nanoTime() - stoppedAt) / 1e9);
        long committed = transfers.assertMoneyAddsUp(states);
        assertThat(committed).as("most transfers commit in the end").isGreaterThan(finalBeforeRestart);
        // Both nodes took their connections back: each takes new work.
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

        System.out.printf("PostgreSQL away for %d s with %d of %d transfers final before: %s, the last %.1f s after it went%n",
                OUTAGE.toSeconds(), finalBeforeOutage, TRANSFERS, InFlightTransfers.summary(states), (System.nanoTime() - cutAt) / 1e9);
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

        System.out.printf("kill -9 of node 1 with %d of %d transfers final before it: node 2 ended them %s, the last %.1f s after the kill%n",
                finalBeforeKill, TRANSFERS, InFlightTransfers.summary(states),
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
