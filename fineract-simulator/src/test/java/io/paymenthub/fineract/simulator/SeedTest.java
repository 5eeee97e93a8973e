package io.paymenthub.fineract.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paymenthub.fineract.simulator.seed.Seed;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped lab seed and the seed rules. */
class SeedTest {

    @Test
    void labSeedHasTwoTenantsWithUsdTzsMsisdnsAndAFee() {
        Seed seed = SeedLoader.labSeed();
        assertThat(seed.tenants()).extracting(Seed.TenantSeed::id).containsExactly("dfsp1", "dfsp2");
        assertThat(seed.tenants().get(0).products()).extracting(Seed.ProductSeed::currency).containsExactly("USD", "TZS");
        assertThat(seed.tenants()).allSatisfy(t -> assertThat(t.identifiers()).allMatch(i -> i.idType().equals("MSISDN")));
        assertThat(seed.tenants().get(0).products().get(0).withdrawalFee().amount()).isEqualByComparingTo("1.50");

        try (FineractSimulator sim = FineractSimulator.start(0, seed)) {
            SimulatorClient dfsp1 = SimulatorClient.fineract(sim, "dfsp1");
            assertThat(dfsp1.get("/interoperation/parties/MSISDN/255700000001").json().get("accountId").asText())
                    .isEqualTo("dfsp1-alice-usd");
            assertThat(dfsp1.post("/interoperation/quotes", Bodies.quote("dfsp1-alice-usd", "10", "USD", "PAYER")).json()
                    .path("fspFee").path("amount").decimalValue()).isEqualByComparingTo("1.50");
            assertThat(sim.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500.00");
            assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
            assertThat(sim.fineractUrl()).endsWith("/fineract-provider/api/v1");
        }
    }

    @Test
    void defaultsApply() {
        Seed.TenantSeed tenant = SeedLoader.tenantFromJson("{\"id\":\"t\"}");
        assertThat(tenant.users()).containsExactly(new Seed.UserSeed("mifos", "password"));
        assertThat(tenant.paymentTypes()).hasSize(1);
    }

    @Test
    void badSeedsAreRejected() {
        assertThatThrownBy(() -> SeedLoader.fromJson("{\"tenants\":[{\"id\":\"t\",\"colour\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        Seed unknownCurrency = new Seed(List.of(new Seed.TenantSeed("t", null, null, null,
                List.of(new Seed.ProductSeed(1L, "X", null, "XYZ", null, false, null)), null, null, null)));
        assertThatThrownBy(() -> FineractSimulator.start(0, unknownCurrency)).hasMessageContaining("unknown currency XYZ");
        Seed wrongCurrency = new Seed(List.of(new Seed.TenantSeed("t", null, null, null,
                List.of(new Seed.ProductSeed(1L, "X", null, "USD", null, false, null)),
                List.of(new Seed.ClientSeed(1L, "A", null, "B", null, null, null)),
                List.of(new Seed.AccountSeed(1L, "a", 1L, 1L, "TZS", BigDecimal.ONE, null, null)), null)));
        assertThatThrownBy(() -> FineractSimulator.start(0, wrongCurrency)).hasMessageContaining("differs from its product's USD");
        Seed duplicateTenant = new Seed(List.of(SeedLoader.tenantFromJson("{\"id\":\"t\"}"), SeedLoader.tenantFromJson("{\"id\":\"t\"}")));
        assertThatThrownBy(() -> FineractSimulator.start(0, duplicateTenant)).hasMessageContaining("Duplicate tenant t");
    }
}
