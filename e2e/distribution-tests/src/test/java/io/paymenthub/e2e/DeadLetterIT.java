package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * The operator's way out of a dead letter, for real: a tenant's Fineract stops answering, the
 * step of a transfer that needs it fails until the broker gives up and dead-letters it;
 * {@code hub:dlq} shows it with the reason; once Fineract is back, {@code hub:dlq-replay} sends
 * it back and the transfer completes, paid once.
 */
class DeadLetterIT {

    private static final BigDecimal AMOUNT = new BigDecimal("4");
    private static final Pattern PAYER_DLQ = Pattern.compile("DLQ\\.payer\\.[a-zA-Z]+");

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("dead-letters");
        toolkit = LabSetup.startSwitch(hub);
        // The broker gives up after one redelivery; the flow's own stall check waits longer than the test,
        // so that only the operator's replay can move the transfer on.
        hub.appendEtc("io.paymenthub.broker.cfg", "redelivery.maximumRedeliveries = 1\nredelivery.initialDelayMillis = 200\n");
        hub.appendEtc("io.paymenthub.flow.payer.cfg", "stalledStepSeconds = 900\n");
        LabSetup.writeLabTenants(hub, fineract, false);
        hub.start();
        hub.awaitTransfersReady(2);
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract);
    }

    @Test
    void aStepDeadLetteredWhileFineractWasDownIsReplayedOnceItIsBackAndTheTransferCompletes() throws Exception {
        changeTenant("http://127.0.0.1:" + HubDistribution.freePort() + "/fineract-provider/api/v1");
        InFlightTransfers transfer = InFlightTransfers.send(fineract, 1, AMOUNT, "dead-letter", i -> hub);

        String listed = HubDistribution.awaitValue("the transfer's step in a dead-letter queue", Duration.ofSeconds(60),
                () -> hub.console("hub:dlq"), text -> PAYER_DLQ.matcher(text).find());
        Matcher queue = PAYER_DLQ.matcher(listed);
        assertThat(queue.find()).isTrue();
        String deadLetterQueue = queue.group();
        assertThat(hub.console("hub:dlq " + deadLetterQueue)).as("the dead letter names its tenant").contains("dfsp1");
        assertThat(transfer.finalCount(hub)).as("the transfer waits for the operator").isZero();

        changeTenant(fineract.fineractUrl());
        assertThat(hub.console("hub:dlq-replay --all " + deadLetterQueue)).contains("Replayed 1 message");
        Map<String, String> states = transfer.awaitAllFinal(hub, Duration.ofSeconds(90));

        assertThat(states.values()).containsExactly("COMMITTED");
        transfer.assertMoneyAddsUp(states);
        assertThat(hub.console("hub:dlq")).doesNotContain(deadLetterQueue);
    }

    /** Rewrites dfsp1's file with its core banking at {@code fineractUrl} and waits until the hub has taken it. */
    private static void changeTenant(String fineractUrl) throws Exception {
        String updated = "Tenant dfsp1 (fspId dfsp1) updated";
        long before = hub.logLines().stream().filter(line -> line.contains(updated)).count();
        LabSetup.writeTenant(hub, fineractUrl, "dfsp1", "SWITCH", "USD", false);
        HubDistribution.await("the hub took the change of dfsp1", Duration.ofSeconds(30),
                () -> hub.logLines().stream().filter(line -> line.contains(updated)).count() > before);
    }
}
