package io.paymenthub.core.account;

import java.util.List;

import io.paymenthub.core.tenant.Tenant;

/**
 * The core-banking connectors installed now (in the container, a live OSGi reference list), and
 * which one serves a tenant: the one named by its {@code connector} setting.
 */
public class AccountSystemDirectory {

    private final List<AccountSystem> systems;

    public AccountSystemDirectory(List<AccountSystem> systems) {
        this.systems = systems;
    }

    /** @throws AccountSystemException UNAVAILABLE when the tenant's connector is not installed */
    public AccountSystem forTenant(Tenant tenant) {
        for (AccountSystem system : List.copyOf(systems)) {
            if (system.name().equals(tenant.connector())) {
                return system;
            }
        }
        throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "No connector named '" + tenant.connector()
                + "' is installed for tenant " + tenant.name(), 0, null);
    }
}
