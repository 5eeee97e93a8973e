package io.paymenthub.core.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.CoreBankingBreakers;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Lists the tenants served, whether each one's core-banking system answers, and the
 * configurations refused. Neither a refused file nor one tenant's unreachable core banking makes
 * the hub DOWN: the other tenants keep working, and each problem is named for the operator.
 *
 * <p>Each tenant's core banking is asked at most once per {@link #REACHABILITY_VALIDITY}: load
 * balancers poll {@code /health} every few seconds, and that must not become load on every
 * tenant's Fineract.
 */
public class TenantsHealthCheck implements HealthCheck {

    public static final Duration REACHABILITY_VALIDITY = Duration.ofSeconds(5);

    /** What a tenant's core banking answered, and when. */
    private record Reachability(Instant checkedAt, String status, String error) {
    }

    private final TenantDirectory registry;
    private final List<AccountSystem> accountSystems;
    private final Duration validity;
    private final Clock clock;
    private final Map<Tenant, Reachability> lastChecks = new ConcurrentHashMap<>();
    private final CoreBankingBreakers breakers;

    /** @param accountSystems the connectors installed now (a live OSGi reference list in the container) */
    public TenantsHealthCheck(TenantDirectory registry, List<AccountSystem> accountSystems) {
        this(registry, accountSystems, null);
    }

    /** ...with each tenant's breaker state from {@code breakers}: whether the flows ask its core banking now. */
    public TenantsHealthCheck(TenantDirectory registry, List<AccountSystem> accountSystems, CoreBankingBreakers breakers) {
        this(registry, accountSystems, REACHABILITY_VALIDITY, Clock.systemUTC(), breakers);
    }

    TenantsHealthCheck(TenantDirectory registry, List<AccountSystem> accountSystems, Duration validity, Clock clock) {
        this(registry, accountSystems, validity, clock, null);
    }

    private TenantsHealthCheck(TenantDirectory registry, List<AccountSystem> accountSystems, Duration validity, Clock clock,
                               CoreBankingBreakers breakers) {
        this.registry = registry;
        this.accountSystems = accountSystems;
        this.validity = validity;
        this.clock = clock;
        this.breakers = breakers;
    }

    @Override
    public String name() {
        return "tenants";
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Tenant> served = registry.tenants();
        // A changed tenant file is another Tenant: its old result is dropped with the removed ones.
        lastChecks.keySet().retainAll(served);
        List<Map<String, Object>> tenants = served.stream().map(this::describe).toList();
        details.put("count", tenants.size());
        details.put("tenants", tenants);
        List<Map<String, Object>> rejected = registry.rejected().stream()
                .map(r -> Map.<String, Object>of("pid", r.pid(), "source", String.valueOf(r.source()),
                        "problems", r.problems()))
                .toList();
        details.put("rejected", rejected);
        return ComponentHealth.up(name(), details);
    }

    private Map<String, Object> describe(Tenant tenant) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", tenant.name());
        description.put("fspId", tenant.fspId());
        description.put("currencies", tenant.currencies());
        description.put("connector", tenant.connector());
        if (breakers != null) {
            description.put("coreBankingBreaker", breakers.state(tenant.name()));
        }
        Optional<AccountSystem> system = List.copyOf(accountSystems).stream()
                .filter(s -> s.name().equals(tenant.connector())).findFirst();
        if (system.isEmpty()) {
            description.put("coreBanking", "NO_CONNECTOR");
            description.put("coreBankingError", "no connector named '" + tenant.connector() + "' is installed");
            return description;
        }
        Reachability reachability = lastChecks.compute(tenant, (t, last) ->
                last != null && last.checkedAt().plus(validity).isAfter(clock.instant()) ? last : ask(system.get(), t));
        description.put("coreBanking", reachability.status());
        if (reachability.error() != null) {
            description.put("coreBankingError", reachability.error());
        }
        return description;
    }

    private Reachability ask(AccountSystem system, Tenant tenant) {
        try {
            system.checkReachable(tenant);
            return new Reachability(clock.instant(), HealthStatus.UP.name(), null);
        } catch (AccountSystemException e) {
            return new Reachability(clock.instant(), HealthStatus.DOWN.name(), e.getMessage());
        }
    }
}
