package io.paymenthub.core.account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.metrics.MeteredAccountSystem;
import io.paymenthub.core.tenant.Tenant;

/**
 * The core-banking connectors installed now (in the container, a live OSGi reference list), and
 * which one serves a tenant: the one named by its {@code connector} setting.
 */
public class AccountSystemDirectory {

    private final List<AccountSystem> systems;
    private final HubMetrics metrics;
    private final AccountSystemInterceptor breakers;
    /**
     * Per connector name, the system last served and its wrapping (the wrappers take the tenant from each call): built
     * once, not at every call, and built again when another connector of that name is installed.
     */
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    private record Served(AccountSystem system, AccountSystem wrapped) {
    }

    public AccountSystemDirectory(List<AccountSystem> systems) {
        this(systems, HubMetrics.NONE);
    }

    /** Every call through the systems it hands out is counted and timed in {@code metrics}. */
    public AccountSystemDirectory(List<AccountSystem> systems, HubMetrics metrics) {
        this(systems, metrics, null);
    }

    /** ...and passed through {@code breakers} (the hub's {@link CoreBankingBreakers}), which may fail it at once. */
    public AccountSystemDirectory(List<AccountSystem> systems, HubMetrics metrics, AccountSystemInterceptor breakers) {
        this.systems = systems;
        this.metrics = metrics;
        this.breakers = breakers;
    }

    /** @throws AccountSystemException UNAVAILABLE when the tenant's connector is not installed */
    public AccountSystem forTenant(Tenant tenant) {
        for (AccountSystem system : List.copyOf(systems)) {
            if (system.name().equals(tenant.connector())) {
                Served cached = served.get(system.name());
                if (cached != null && cached.system() == system) {
                    return cached.wrapped();
                }
                AccountSystem breakerWrapped = breakers == null ? system : AccountSystemCalls.intercepted(system, breakers);
                // Metered outside the breaker: a call failed at once counts as UNAVAILABLE too.
                AccountSystem wrapped = metrics == HubMetrics.NONE ? breakerWrapped : MeteredAccountSystem.of(breakerWrapped, metrics);
                served.put(system.name(), new Served(system, wrapped));
                return wrapped;
            }
        }
        throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "No connector named '" + tenant.connector()
                + "' is installed for tenant " + tenant.name(), 0, null);
    }
}
