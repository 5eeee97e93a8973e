package io.paymenthub.fineract.simulator.ledger;

import io.paymenthub.fineract.simulator.seed.Seed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tenants of one simulator; seeding or resetting a tenant swaps in a freshly built one. */
public final class TenantRegistry {

    private final Clock clock;
    private final InteropLookup interopLookup;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    public TenantRegistry(Seed seed, Clock clock) {
        this(seed, clock, InteropLookup.SCAN);
    }

    public TenantRegistry(Seed seed, Clock clock, InteropLookup interopLookup) {
        this.clock = clock;
        this.interopLookup = interopLookup;
        replaceAll(seed);
    }

    public Optional<Tenant> find(String tenantId) {
        return tenantId == null ? Optional.empty() : Optional.ofNullable(tenants.get(tenantId));
    }

    public List<String> ids() {
        return tenants.keySet().stream().sorted().toList();
    }

    public Tenant seed(Seed.TenantSeed seed) {
        Tenant tenant = Tenant.fromSeed(seed, clock, interopLookup);
        tenants.put(tenant.id(), tenant);
        return tenant;
    }

    /** Rebuilds a tenant from the seed it was last given; empty when the tenant does not exist. */
    public Optional<Tenant> reset(String tenantId) {
        return find(tenantId).map(t -> seed(t.seed()));
    }

    public boolean remove(String tenantId) {
        return tenants.remove(tenantId) != null;
    }

    public synchronized void replaceAll(Seed seed) {
        Map<String, Tenant> fresh = new LinkedHashMap<>();
        for (Seed.TenantSeed tenantSeed : seed.tenants()) {
            Tenant tenant = Tenant.fromSeed(tenantSeed, clock, interopLookup);
            if (fresh.put(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("Duplicate tenant " + tenant.id());
            }
        }
        tenants.clear();
        tenants.putAll(fresh);
    }

    public synchronized void resetAll() {
        List.copyOf(tenants.values()).forEach(t -> seed(t.seed()));
    }
}
