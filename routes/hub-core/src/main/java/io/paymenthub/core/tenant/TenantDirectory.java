package io.paymenthub.core.tenant;

import java.util.List;
import java.util.Optional;

/**
 * The tenants the hub serves, as every flow and connector bundle sees them (an OSGi service).
 * Channel requests route on {@link #byName}, FSPIOP requests on {@link #byFspId}.
 */
public interface TenantDirectory {

    /** A configuration that was refused: its Config Admin pid, the file it came from, and why. */
    record RejectedConfiguration(String pid, String source, List<String> problems) {
        public RejectedConfiguration {
            problems = List.copyOf(problems);
        }
    }

    /** Told of every change, for example to start or stop a tenant's routes. */
    interface Listener {
        void tenantAdded(Tenant tenant);

        void tenantRemoved(Tenant tenant);
    }

    /** The tenants served now, sorted by name. */
    List<Tenant> tenants();

    /** The configurations refused, with their problems. */
    List<RejectedConfiguration> rejected();

    Optional<Tenant> byName(String name);

    Optional<Tenant> byFspId(String fspId);

    /** Adds a listener, which first hears of every tenant already served. */
    void addListener(Listener listener);

    void removeListener(Listener listener);
}
