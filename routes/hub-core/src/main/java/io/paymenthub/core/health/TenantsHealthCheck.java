package io.paymenthub.core.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Lists the tenants served, whether each one's core-banking system answers, and the
 * configurations refused. Neither a refused file nor one tenant's unreachable core banking makes
 * the hub DOWN: the other tenants keep working, and each problem is named for the operator.
 */
public class TenantsHealthCheck implements HealthCheck {

    private final TenantDirectory registry;
    private final List<AccountSystem> accountSystems;

    /** @param accountSystems the connectors installed now (a live OSGi reference list in the container) */
    public TenantsHealthCheck(TenantDirectory registry, List<AccountSystem> accountSystems) {
        this.registry = registry;
        this.accountSystems = accountSystems;
    }

    @Override
    public String name() {
        return "tenants";
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> tenants = registry.tenants().stream()
                .map(this::describe).toList();
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
        Optional<AccountSystem> system = List.copyOf(accountSystems).stream()
                .filter(s -> s.name().equals(tenant.connector())).findFirst();
        if (system.isEmpty()) {
            description.put("coreBanking", "NO_CONNECTOR");
            description.put("coreBankingError", "no connector named '" + tenant.connector() + "' is installed");
            return description;
        }
        try {
            system.get().checkReachable(tenant);
            description.put("coreBanking", HealthStatus.UP.name());
        } catch (AccountSystemException e) {
            description.put("coreBanking", HealthStatus.DOWN.name());
            description.put("coreBankingError", e.getMessage());
        }
        return description;
    }
}
