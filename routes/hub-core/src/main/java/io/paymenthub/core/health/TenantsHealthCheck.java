package io.paymenthub.core.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Lists the tenants served and the configurations refused. A refused file does not make the hub
 * DOWN: the other tenants keep working, and the file is named so an operator can fix it.
 */
public class TenantsHealthCheck implements HealthCheck {

    private final TenantDirectory registry;

    public TenantsHealthCheck(TenantDirectory registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "tenants";
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> tenants = registry.tenants().stream()
                .map(TenantsHealthCheck::describe).toList();
        details.put("count", tenants.size());
        details.put("tenants", tenants);
        List<Map<String, Object>> rejected = registry.rejected().stream()
                .map(r -> Map.<String, Object>of("pid", r.pid(), "source", String.valueOf(r.source()),
                        "problems", r.problems()))
                .toList();
        details.put("rejected", rejected);
        return ComponentHealth.up(name(), details);
    }

    private static Map<String, Object> describe(Tenant tenant) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", tenant.name());
        description.put("fspId", tenant.fspId());
        description.put("currencies", tenant.currencies());
        description.put("connector", tenant.connector());
        description.put("status", "UP");
        return description;
    }
}
