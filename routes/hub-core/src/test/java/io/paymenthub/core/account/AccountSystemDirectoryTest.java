package io.paymenthub.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;

/** The connector named by a tenant's setting serves it, wrapped once; a connector installed again is served anew. */
class AccountSystemDirectoryTest {

    private static final PartyId PARTY = new PartyId("MSISDN", "255700000002", null);

    private final List<AccountSystem> installed = new CopyOnWriteArrayList<>();
    private final AccountSystemDirectory directory = new AccountSystemDirectory(installed, HubMetrics.NONE, new CoreBankingBreakers(5, 5000));
    private final Tenant dfsp1 = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp1", "dfsp1"));
    private final Tenant dfsp3 = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp3", "dfsp3"));

    @Test
    void everyTenantOfAConnectorIsServedByOneWrappingWhichTakesTheTenantFromEachCall() {
        installed.add(fineract("first"));

        AccountSystem forDfsp1 = directory.forTenant(dfsp1);

        assertThat(directory.forTenant(dfsp3)).isSameAs(forDfsp1).isSameAs(directory.forTenant(dfsp1));
        assertThat(forDfsp1.lookupParty(dfsp1, PARTY).accountId()).isEqualTo("first:dfsp1");
        assertThat(forDfsp1.lookupParty(dfsp3, PARTY).accountId()).isEqualTo("first:dfsp3");
    }

    @Test
    void aConnectorInstalledAgainIsServedAndTheOldOneNoMore() {
        installed.add(fineract("first"));
        AccountSystem before = directory.forTenant(dfsp1);

        installed.clear();
        installed.add(fineract("updated"));

        AccountSystem after = directory.forTenant(dfsp1);
        assertThat(after).isNotSameAs(before);
        assertThat(after.lookupParty(dfsp1, PARTY).accountId()).isEqualTo("updated:dfsp1");
        installed.clear();
        assertThatThrownBy(() -> directory.forTenant(dfsp1)).isInstanceOf(AccountSystemException.class)
                .hasMessageContaining("No connector named 'fineract'");
    }

    /** A connector named fineract whose lookups answer {@code version:tenant}. */
    private static AccountSystem fineract(String version) {
        return (AccountSystem) java.lang.reflect.Proxy.newProxyInstance(AccountSystemDirectoryTest.class.getClassLoader(),
                new Class<?>[] {AccountSystem.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "fineract";
                    case "lookupParty" -> new PartyAccount(PARTY, version + ":" + ((Tenant) args[0]).name());
                    default -> throw new AssertionError("The directory called " + method.getName() + ", which no test here expects");
                });
    }
}
