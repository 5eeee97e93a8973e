package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.paymenthub.fineract.simulator.seed.SeedLoader;
import org.junit.jupiter.api.Test;

/** The HTTP admin API under /simulator/admin. */
class AdminApiTest extends SimulatorTest {

    private static final String NEW_TENANT = """
            {"products":[{"id":1,"name":"Wallet KES","currency":"KES"}],
             "clients":[{"id":5,"firstname":"Wanjiru","lastname":"Kamau"}],
             "savingsAccounts":[{"id":9,"externalId":"kes-1","clientId":5,"productId":1,"balance":70.5}],
             "identifiers":[{"idType":"MSISDN","idValue":"254700000001","accountExternalId":"kes-1"}]}
            """;

    @Test
    void seedsATenantFromJsonAndServesIt() {
        SimulatorClient admin = SimulatorClient.admin(sim);
        assertThat(admin.put("/tenants/kenya", NEW_TENANT).status()).isEqualTo(200);
        assertThat(admin.get("/tenants").json().toString()).isEqualTo("[\"default\",\"kenya\",\"tenant2\"]");

        SimulatorClient kenya = SimulatorClient.fineract(sim, "kenya");
        assertThat(kenya.get("/interoperation/parties/MSISDN/254700000001").json().get("accountId").asText()).isEqualTo("kes-1");
        assertThat(kenya.post("/interoperation/transfers?action=PREPARE", Bodies.transfer("t-1", "kes-1", "20", "KES", "PAYER", null))
                .status()).isEqualTo(200);

        SimulatorClient.Answer account = admin.get("/tenants/kenya/accounts/kes-1");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("balance").decimalValue()).isEqualByComparingTo("70.5");
        assertThat(account.json().get("availableBalance").decimalValue()).isEqualByComparingTo("50.5");
        assertThat(account.json().get("onHold").decimalValue()).isEqualByComparingTo("20");
        assertThat(account.json().get("transactions")).hasSize(2);
        assertThat(admin.get("/tenants/kenya/accounts/kes-1/transactions").json()).hasSize(2);
        assertThat(admin.get("/tenants/kenya/holds").json().get(0).get("transferCode").asText()).isEqualTo("t-1");
        assertThat(admin.get("/tenants/kenya/identifiers").json().get(0).get("accountExternalId").asText()).isEqualTo("kes-1");

        assertThat(admin.post("/tenants/kenya/reset", null).status()).isEqualTo(200);
        assertThat(admin.get("/tenants/kenya/holds").json()).isEmpty();
        assertThat(admin.delete("/tenants/kenya").status()).isEqualTo(200);
        assertThat(kenya.get("/interoperation/health").status()).isEqualTo(400);
    }

    @Test
    void resetRestoresTheSeed() {
        prepare(Bodies.payerTransfer("t-1", "100", null));
        create(Bodies.payerTransfer("t-1", "100", null));
        SimulatorClient admin = SimulatorClient.admin(sim);
        assertThat(admin.get("/tenants/default/accounts/" + PAYER).json().get("balance").decimalValue()).isEqualByComparingTo("8169.17");
        assertThat(admin.post("/reset", null).status()).isEqualTo(200);
        assertThat(admin.get("/tenants/default/accounts/" + PAYER).json().get("balance").decimalValue()).isEqualByComparingTo("8278.86");
    }

    @Test
    void replacesTheWholeSeed() {
        SimulatorClient admin = SimulatorClient.admin(sim);
        assertThat(admin.put("/seed", "{\"tenants\":[" + NEW_TENANT.replace("{\"products\"", "{\"id\":\"solo\",\"products\"") + "]}")
                .status()).isEqualTo(200);
        assertThat(admin.get("/tenants").json().toString()).isEqualTo("[\"solo\"]");
        sim.admin().replaceSeed(SeedLoader.fromClasspath("/seed/transcript-seed.json"));
    }

    @Test
    void errors() {
        SimulatorClient admin = SimulatorClient.admin(sim);
        assertThat(admin.get("/tenants/none/holds").status()).isEqualTo(404);
        assertThat(admin.get("/tenants/default/accounts/none").status()).isEqualTo(404);
        SimulatorClient.Answer badSeed = admin.put("/tenants/x", "{\"savingsAccounts\":[{\"id\":1,\"externalId\":\"a\",\"clientId\":1,\"productId\":1}]}");
        assertThat(badSeed.status()).isEqualTo(400);
        assertThat(badSeed.json().get("error").asText()).contains("unknown client or product");
        assertThat(admin.put("/tenants/x", "{\"colour\":1}").status()).isEqualTo(400);
        assertThat(admin.put("/tenants/x", "{\"id\":\"y\"}").status()).isEqualTo(400);
        assertThat(admin.get("/nothing").status()).isEqualTo(404);
    }
}
