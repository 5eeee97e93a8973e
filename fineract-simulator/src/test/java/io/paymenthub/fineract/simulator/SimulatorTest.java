package io.paymenthub.fineract.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.paymenthub.fineract.simulator.ledger.InteropLookup;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the tests that share one simulator per class on the transcript seed (tenant "default" is the recorded
 * fixture: payer 8278.86 TZS with a 9.69 withdrawal fee, two empty payees; "tenant2" is a USD tenant). Tenants are
 * reset before each test. A class marked {@link Lookup} runs on a simulator that finds interop bookings that way.
 */
abstract class SimulatorTest {

    /** How the class's simulator finds a transfer's interop bookings (Fineract's scan when not marked). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Lookup {
        InteropLookup value();
    }

    static FineractSimulator sim;
    SimulatorClient api;
    SimulatorClient tenant2;

    @BeforeAll
    static void startSimulator(TestInfo test) {
        InteropLookup lookup = test.getTestClass().map(c -> c.getAnnotation(Lookup.class)).map(Lookup::value)
                .orElse(InteropLookup.SCAN);
        sim = FineractSimulator.start(FineractSimulator.DEFAULT_HOST, 0, SeedLoader.fromClasspath("/seed/transcript-seed.json"), lookup);
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
