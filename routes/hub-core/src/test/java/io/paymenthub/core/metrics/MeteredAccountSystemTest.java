package io.paymenthub.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;

/** Every call through the directory is counted under its tenant, connector, operation and outcome. */
class MeteredAccountSystemTest {

    private record Call(String tenant, String connector, String operation, String outcome) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final HubMetrics recorder = new HubMetrics() {
        @Override
        public void ended(String flow, String tenant, String state, Duration took) {
        }

        @Override
        public void accountSystemCall(String tenant, String connector, String operation, String outcome, Duration took) {
            assertThat(took.isNegative()).isFalse();
            calls.add(new Call(tenant, connector, operation, outcome));
        }
    };

    @Test
    void aCallThatAnswersIsOkAndATypedFailureIsItsErrorRethrown() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AccountSystem fineract = (AccountSystem) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AccountSystem.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "fineract";
                    }
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    return new PartyAccount(new PartyId("MSISDN", "123", null), "acc-1");
                });
        Tenant tenant = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp1", "dfsp1"));
        AccountSystem metered = new AccountSystemDirectory(List.of(fineract), recorder).forTenant(tenant);

        metered.lookupParty(tenant, new PartyId("MSISDN", "123", null));
        failure.set(new AccountSystemException(AccountSystemError.UNAVAILABLE, "down", 0, null));
        assertThatThrownBy(() -> metered.lookupParty(tenant, new PartyId("MSISDN", "123", null))).isSameAs(failure.get());
        failure.set(new IllegalStateException("bug"));
        assertThatThrownBy(() -> metered.lookupParty(tenant, new PartyId("MSISDN", "123", null))).isSameAs(failure.get());

        assertThat(calls).containsExactly(new Call("dfsp1", "fineract", "lookup-party", "ok"),
                new Call("dfsp1", "fineract", "lookup-party", "UNAVAILABLE"), new Call("dfsp1", "fineract", "lookup-party", "ERROR"));
    }

    @Test
    void withoutMetricsTheDirectoryHandsOutTheSystemItself() {
        AccountSystem fineract = (AccountSystem) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AccountSystem.class}, (proxy, method, args) -> "fineract");
        Tenant tenant = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp1", "dfsp1"));

        assertThat(new AccountSystemDirectory(List.of(fineract)).forTenant(tenant)).isSameAs(fineract);
    }
}
