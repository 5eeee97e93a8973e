package io.paymenthub.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.MovableClock;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;

/**
 * A tenant whose core banking does not answer has its calls failed at once, without reaching it,
 * while another tenant's calls go through; refusals are answers and open nothing; once the open
 * time is over one call is tried and its answer lets the others through again.
 */
class CoreBankingBreakersTest {

    private static final PartyId PARTY = new PartyId("MSISDN", "255700000002", null);

    private final Map<String, AtomicInteger> reached = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();
    /** Runs inside a call of the tenant's, while core banking is being asked. */
    private final Map<String, Runnable> whileAsked = new ConcurrentHashMap<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AccountSystem fineract = (AccountSystem) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AccountSystem.class}, (proxy, method, args) -> {
                if (method.getName().equals("name")) {
                    return "fineract";
                }
                String tenant = ((Tenant) args[0]).name();
                reached.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
                Runnable meanwhile = whileAsked.remove(tenant);
                if (meanwhile != null) {
                    meanwhile.run();
                }
                RuntimeException failure = failing.get(tenant);
                if (failure != null) {
                    throw failure;
                }
                return new PartyAccount(PARTY, tenant + "-bakari-usd");
            });
    private final CoreBankingBreakers breakers = new CoreBankingBreakers(5, 5000, clock);
    private final AccountSystemDirectory directory = new AccountSystemDirectory(List.of(fineract), HubMetrics.NONE, breakers);
    private final Tenant dfsp1 = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp1", "dfsp1"));
    private final Tenant dfsp3 = TestTenantConfigs.tenant(TestTenantConfigs.valid("dfsp3", "dfsp3"));

    @Test
    void aTenantWhoseCoreBankingDoesNotAnswerFailsFastAndTheOthersGoThrough() {
        failing.put("dfsp3", new AccountSystemException(AccountSystemError.UNAVAILABLE, "Connection refused", 0, null));
        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> lookup(dfsp3)).hasMessage("Connection refused");
        }
        assertThat(reached.get("dfsp3")).hasValue(5);

        assertThatThrownBy(() -> lookup(dfsp3)).isInstanceOfSatisfying(AccountSystemException.class, e -> {
            assertThat(e.error()).isEqualTo(AccountSystemError.UNAVAILABLE);
            assertThat(e.getMessage()).contains("tenant dfsp3", "did not answer its last 5 calls", "lookup-party not asked");
        });
        assertThat(reached.get("dfsp3")).as("failed at once, core banking not asked").hasValue(5);
        assertThat(lookup(dfsp1).accountId()).isEqualTo("dfsp1-bakari-usd");
        assertThat(breakers.state("dfsp3")).isEqualTo("OPEN");
        assertThat(breakers.state("dfsp1")).isEqualTo("CLOSED");
    }

    @Test
    void afterTheOpenTimeOneCallIsTriedAndItsAnswerLetsTheOthersThrough() {
        failing.put("dfsp3", new AccountSystemException(AccountSystemError.UNAVAILABLE, "Read timed out", 0, null));
        for (int call = 0; call < 6; call++) {
            assertThatThrownBy(() -> lookup(dfsp3)).isInstanceOf(AccountSystemException.class);
        }
        clock.advance(Duration.ofMillis(4999));
        assertThatThrownBy(() -> lookup(dfsp3)).hasMessageContaining("not asked");
        assertThat(reached.get("dfsp3")).hasValue(5);

        clock.advance(Duration.ofMillis(2));
        failing.remove("dfsp3");
        assertThat(lookup(dfsp3).accountId()).as("the one call tried").isEqualTo("dfsp3-bakari-usd");
        assertThat(lookup(dfsp3).accountId()).isEqualTo("dfsp3-bakari-usd");
        assertThat(reached.get("dfsp3")).hasValue(7);
        assertThat(breakers.state("dfsp3")).isEqualTo("CLOSED");
    }

    @Test
    void whileTheOneCallIsTriedTheOthersFailAtOnceAndSaySo() {
        failing.put("dfsp3", new AccountSystemException(AccountSystemError.UNAVAILABLE, "Read timed out", 0, null));
        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> lookup(dfsp3)).isInstanceOf(AccountSystemException.class);
        }
        clock.advance(Duration.ofMillis(5001));
        failing.remove("dfsp3");
        AtomicInteger refusedMeanwhile = new AtomicInteger();
        whileAsked.put("dfsp3", () -> assertThatThrownBy(() -> lookup(dfsp3)).isInstanceOfSatisfying(AccountSystemException.class, e -> {
            assertThat(e.error()).isEqualTo(AccountSystemError.UNAVAILABLE);
            assertThat(e.getMessage()).contains("lookup-party not asked, one call is trying it again now");
            refusedMeanwhile.incrementAndGet();
        }));

        assertThat(lookup(dfsp3).accountId()).as("the one call tried").isEqualTo("dfsp3-bakari-usd");

        assertThat(refusedMeanwhile).as("a call made while the one was tried").hasValue(1);
        assertThat(reached.get("dfsp3")).as("five failed, then the one tried").hasValue(6);
        assertThat(breakers.state("dfsp3")).isEqualTo("CLOSED");
    }

    @Test
    void refusalsAreAnswersAndOpenNothing() {
        failing.put("dfsp3", new AccountSystemException(AccountSystemError.INSUFFICIENT_FUNDS, "Insufficient balance", 409, null));
        for (int call = 0; call < 10; call++) {
            assertThatThrownBy(() -> lookup(dfsp3)).hasMessage("Insufficient balance");
        }
        assertThat(reached.get("dfsp3")).as("every one asked").hasValue(10);
    }

    @Test
    void answersBetweenFailuresKeepTheBreakerClosed() {
        for (int round = 0; round < 3; round++) {
            failing.put("dfsp3", new AccountSystemException(AccountSystemError.UNAVAILABLE, "503", 503, null));
            for (int call = 0; call < 4; call++) {
                assertThatThrownBy(() -> lookup(dfsp3)).hasMessage("503");
            }
            failing.remove("dfsp3");
            lookup(dfsp3);
        }
        assertThat(reached.get("dfsp3")).hasValue(15);
        assertThat(breakers.state("dfsp3")).isEqualTo("CLOSED");
    }

    @Test
    void zeroFailuresTurnsTheBreakersOff() {
        AccountSystem off = new AccountSystemDirectory(List.of(fineract), HubMetrics.NONE, new CoreBankingBreakers(0, 5000, clock))
                .forTenant(dfsp3);
        failing.put("dfsp3", new AccountSystemException(AccountSystemError.UNAVAILABLE, "down", 0, null));
        for (int call = 0; call < 20; call++) {
            assertThatThrownBy(() -> off.lookupParty(dfsp3, PARTY)).hasMessage("down");
        }
        assertThat(reached.get("dfsp3")).hasValue(20);
    }

    private PartyAccount lookup(Tenant tenant) {
        return directory.forTenant(tenant).lookupParty(tenant, PARTY);
    }
}
