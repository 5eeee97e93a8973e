package io.paymenthub.fineract.simulator;

import io.paymenthub.fineract.simulator.seed.SeedLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that share one simulator per class on the transcript seed (tenant "default" is the recorded
 * fixture: payer 8278.86 TZS with a 9.69 withdrawal fee, two empty payees; "tenant2" is a USD tenant). Tenants are
 * reset before each test.
 */
abstract class SimulatorTest {

    static FineractSimulator sim;
    SimulatorClient api;
    SimulatorClient tenant2;

    @BeforeAll
    static void startSimulator() {
        sim = FineractSimulator.start(0, SeedLoader.fromClasspath("/seed/transcript-seed.json"));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void resetTenants() {
        sim.admin().resetAll();
        api = SimulatorClient.fineract(sim, "default");
        tenant2 = SimulatorClient.fineract(sim, "tenant2");
    }

    AccountSnapshot account(String externalId) {
        return sim.admin().account("default", externalId);
    }

    SimulatorClient.Answer prepare(Object body) {
        return api.post("/interoperation/transfers?action=PREPARE", body);
    }

    SimulatorClient.Answer create(Object body) {
        return api.post("/interoperation/transfers?action=CREATE", body);
    }

    SimulatorClient.Answer release(Object body) {
        return api.post("/interoperation/transfers?action=RELEASE", body);
    }
}
