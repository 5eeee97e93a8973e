package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.paymenthub.fineract.simulator.seed.SeedLoader;
import org.junit.jupiter.api.Test;

/** Tenant header, credentials and isolation between tenants and between simulators. */
class TenantsAndAuthTest extends SimulatorTest {

    @Test
    void unknownOrMissingTenantIs400() {
        SimulatorClient.Answer unknown = api.tenant("no-tenant-80953fb5").get("/interoperation/health");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Bad Request");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(400);
        assertThat(api.header("Fineract-Platform-TenantId", null).get("/interoperation/health").status()).isEqualTo(400);
        assertThat(api.header("Fineract-Platform-TenantId", null).get("/interoperation/health?tenantIdentifier=default").status())
                .isEqualTo(200);
    }

    @Test
    void credentialsArePerTenant() {
        SimulatorClient.Answer wrong = api.basicAuth("mifos", "password-wrong164").get("/interoperation/health");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("Unauthorized");
        assertThat(wrong.json().get("path").asText()).isEqualTo("/fineract-provider/api/v1/interoperation/health");
        assertThat(tenant2.basicAuth("hub", "s3cret").get("/interoperation/health").status()).isEqualTo(200);
        assertThat(api.basicAuth("hub", "s3cret").get("/interoperation/health").status()).isEqualTo(401);
        assertThat(api.header("Authorization", "Bearer x").get("/interoperation/health").status()).isEqualTo(401);
        // The tenant is resolved before the credentials, as in Fineract's filter chain.
        assertThat(api.tenant("nope").basicAuth("x", "y").get("/interoperation/health").status()).isEqualTo(400);
    }

    @Test
    void tenantsAreIsolated() {
        // Both tenants have an account with the payer's external id.
        assertThat(api.get("/interoperation/accounts/" + PAYER).json().get("currency").asText()).isEqualTo("TZS");
        assertThat(tenant2.get("/interoperation/accounts/" + PAYER).json().get("currency").asText()).isEqualTo("USD");

        assertThat(tenant2.post("/interoperation/transfers?action=PREPARE",
                Bodies.transfer("t-1", PAYER, "40", "USD", "PAYER", null)).status()).isEqualTo(200);
        assertThat(sim.admin().account("tenant2", PAYER).onHold()).isEqualByComparingTo("40");
        assertThat(account(PAYER).onHold()).isZero();
        // The same transferCode is free in the other tenant.
        assertThat(prepare(Bodies.payerTransfer("t-1", "10", null)).status()).isEqualTo(200);

        assertThat(tenant2.get("/interoperation/parties/MSISDN/255700000001").status()).isEqualTo(200);
        assertThat(api.get("/interoperation/parties/MSISDN/255700000001").status()).isEqualTo(404);
        assertThat(sim.admin().holds("tenant2")).singleElement().extracting(HoldSnapshot::transferCode).isEqualTo("t-1");
    }

    @Test
    void twoSimulatorsShareNothing() {
        try (FineractSimulator other = FineractSimulator.start(0, SeedLoader.fromClasspath("/seed/transcript-seed.json"))) {
            assertThat(other.port()).isNotEqualTo(sim.port());
            SimulatorClient otherApi = SimulatorClient.fineract(other, "default");
            assertThat(otherApi.post("/interoperation/transfers?action=CREATE", Bodies.payeeTransfer("t-1", PAYER, "1.00")).status())
                    .isEqualTo(200);
            assertThat(other.admin().account("default", PAYER).balance()).isEqualByComparingTo("8279.86");
            assertThat(account(PAYER).balance()).isEqualByComparingTo("8278.86");
            assertThat(create(Bodies.payeeTransfer("t-1", PAYER, "1.00")).status()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAndMethods() {
        assertThat(api.get("/interoperation/nothing-here").status()).isEqualTo(404);
        SimulatorClient.Answer wrongMethod = api.delete("/interoperation/quotes");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isEqualTo("Method Not Allowed");
        assertThat(SimulatorClient.raw(sim.baseUrl()).get("/elsewhere").status()).isEqualTo(404);
        assertThat(api.header("Authorization", null).get("/interoperation/nothing-here").status()).isEqualTo(401);
    }
}
