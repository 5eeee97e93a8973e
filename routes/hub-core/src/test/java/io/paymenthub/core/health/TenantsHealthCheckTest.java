package io.paymenthub.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.MovableClock;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.CoreBankingBreakers;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantConfigParserTestAccess;
import io.paymenthub.core.tenant.TenantRegistry;

class TenantsHealthCheckTest {

    /** A connector that only knows its name and whether each tenant's system answers. */
    private static AccountSystem connector(String name, String unreachableTenant) {
        return (AccountSystem) Proxy.newProxyInstance(AccountSystem.class.getClassLoader(), new Class<?>[] {AccountSystem.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "checkReachable" -> {
                        if (((Tenant) args[0]).name().equals(unreachableTenant)) {
                            throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "Fineract of tenant "
                                    + unreachableTenant + " did not answer: ConnectException", null);
                        }
                        yield null;
                    }
                    case "toString" -> name;
                    default -> throw new AssertionError("the health check only asks for name and reachability, not " + method.getName());
                });
    }

    private static TenantRegistry dfsp1AndDfsp2() throws Exception {
        TenantRegistry registry = new TenantRegistry();
        registry.update("pid-1", "etc/io.paymenthub.tenant-dfsp1.cfg", TenantConfigParserTestAccess.validConfig("dfsp1", "payerfsp"));
        registry.update("pid-2", "etc/io.paymenthub.tenant-dfsp2.cfg", TenantConfigParserTestAccess.validConfig("dfsp2", "payeefsp"));
        return registry;
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsEachTenantsCoreBankingAndTheRefusedFilesWithoutGoingDown() throws Exception {
        TenantRegistry registry = dfsp1AndDfsp2();
        Map<String, Object> musoni = TenantConfigParserTestAccess.validConfig("dfsp3", "fsp3");
        musoni.put("connector", "musoni");
        registry.update("pid-3", "etc/io.paymenthub.tenant-dfsp3.cfg", musoni);
        assertThatThrownBy(() -> registry.update("pid-4", "etc/io.paymenthub.tenant-bad.cfg", Map.of("name", "bad")))
                .isInstanceOf(Exception.class);

        ComponentHealth health = new TenantsHealthCheck(registry, List.of(connector("fineract", "dfsp2"))).check();

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsEntry("count", 3);
        List<Map<String, Object>> tenants = (List<Map<String, Object>>) health.details().get("tenants");
        assertThat(tenants.get(0)).containsEntry("name", "dfsp1").containsEntry("fspId", "payerfsp")
                .containsEntry("coreBanking", "UP").doesNotContainKey("coreBankingError");
        assertThat(tenants.get(1)).containsEntry("name", "dfsp2").containsEntry("coreBanking", "DOWN");
        assertThat(tenants.get(1).get("coreBankingError")).asString().contains("did not answer");
        assertThat(tenants.get(2)).containsEntry("coreBanking", "NO_CONNECTOR");
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) health.details().get("rejected");
        assertThat(rejected).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("source", "etc/io.paymenthub.tenant-bad.cfg"));
        assertThat(health.toString()).doesNotContain("fineract-password", "channel-secret-value");
    }

    @Test
    @SuppressWarnings("unchecked")
    void saysWhichTenantsCoreBankingCallsFailAtOnce() throws Throwable {
        TenantRegistry registry = dfsp1AndDfsp2();
        CoreBankingBreakers breakers = new CoreBankingBreakers(5, 60_000);
        Tenant dfsp2 = registry.byName("dfsp2").orElseThrow();
        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> breakers.around(dfsp2, "commit", () -> {
                throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "Connection refused", 0, null);
            })).hasMessage("Connection refused");
        }

        ComponentHealth health = new TenantsHealthCheck(registry, List.of(connector("fineract", "none")), breakers).check();

        List<Map<String, Object>> tenants = (List<Map<String, Object>>) health.details().get("tenants");
        assertThat(tenants.get(0)).containsEntry("name", "dfsp1").containsEntry("coreBankingBreaker", "CLOSED");
        assertThat(tenants.get(1)).containsEntry("name", "dfsp2").containsEntry("coreBankingBreaker", "OPEN");
    }

    @Test
    void asksEachTenantsCoreBankingAtMostOncePerValidityPeriod() throws Exception {
        TenantRegistry registry = new TenantRegistry();
        registry.update("pid-1", "etc/io.paymenthub.tenant-dfsp1.cfg", TenantConfigParserTestAccess.validConfig("dfsp1", "payerfsp"));
        AtomicInteger asked = new AtomicInteger();
        AccountSystem counting = (AccountSystem) Proxy.newProxyInstance(AccountSystem.class.getClassLoader(),
                new Class<?>[] {AccountSystem.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "fineract";
                    case "checkReachable" -> {
                        asked.incrementAndGet();
                        yield null;
                    }
                    default -> throw new AssertionError("unexpected " + method.getName());
                });
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        MovableClock clock = new MovableClock(start);
        TenantsHealthCheck check = new TenantsHealthCheck(registry, List.of(counting), Duration.ofSeconds(5), clock);

        check.check();
        clock.advance(Duration.ofSeconds(4));
        check.check();
        assertThat(asked).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        check.check();
        assertThat(asked).hasValue(2);
    }
}
