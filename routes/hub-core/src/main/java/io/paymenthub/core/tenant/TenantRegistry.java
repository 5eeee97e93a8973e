package io.paymenthub.core.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants the hub serves right now, one per tenant configuration, plus the configurations it
 * refused and why. Configurations arrive and leave while the hub runs (Config Admin), so every
 * read sees a consistent snapshot.
 */
public class TenantRegistry implements TenantDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

    private final TenantConfigParser parser = new TenantConfigParser();
    private final Map<String, Tenant> tenantsByPid = new LinkedHashMap<>();
    private final Map<String, RejectedConfiguration> rejectedByPid = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds or replaces the configuration with this pid.
     *
     * @return the tenant now active for it
     * @throws InvalidTenantConfigurationException when refused; a tenant previously active under
     *         this pid is removed, since its file no longer says what the operator wants
     */
    public Tenant update(String pid, String source, Map<String, ?> properties)
            throws InvalidTenantConfigurationException {
        Tenant tenant;
        Tenant previous;
        try {
            tenant = parser.parse(properties);
            synchronized (this) {
                checkUnique(pid, tenant);
                previous = tenantsByPid.put(pid, tenant);
                rejectedByPid.remove(pid);
            }
        } catch (InvalidTenantConfigurationException e) {
            synchronized (this) {
                previous = tenantsByPid.remove(pid);
                rejectedByPid.put(pid, new RejectedConfiguration(pid, source, e.problems()));
            }
            LOG.error("Tenant configuration {} ({}) rejected: {}", pid, source, e.getMessage());
            if (previous != null) {
                LOG.warn("Tenant {} is no longer served until its configuration is fixed", previous.name());
                notifyRemoved(previous);
            }
            throw e;
        }
        if (previous != null) {
            LOG.info("Tenant {} (fspId {}) updated from {}", tenant.name(), tenant.fspId(), source);
            notifyRemoved(previous);
        } else {
            LOG.info("Tenant {} (fspId {}) added from {}", tenant.name(), tenant.fspId(), source);
        }
        listeners.forEach(l -> l.tenantAdded(tenant));
        return tenant;
    }

    /** Forgets the configuration with this pid (its file was deleted). */
    public void remove(String pid) {
        Tenant removed;
        synchronized (this) {
            removed = tenantsByPid.remove(pid);
            rejectedByPid.remove(pid);
        }
        if (removed != null) {
            LOG.info("Tenant {} removed", removed.name());
            notifyRemoved(removed);
        }
    }

    @Override
    public synchronized List<Tenant> tenants() {
        List<Tenant> tenants = new ArrayList<>(tenantsByPid.values());
        tenants.sort(Comparator.comparing(Tenant::name));
        return tenants;
    }

    @Override
    public synchronized List<RejectedConfiguration> rejected() {
        return List.copyOf(rejectedByPid.values());
    }

    @Override
    public synchronized Optional<Tenant> byName(String name) {
        return tenantsByPid.values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public synchronized Optional<Tenant> byFspId(String fspId) {
        return tenantsByPid.values().stream().filter(t -> t.fspId().equals(fspId)).findFirst();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
        tenants().forEach(listener::tenantAdded);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void checkUnique(String pid, Tenant tenant) throws InvalidTenantConfigurationException {
        List<String> problems = new ArrayList<>();
        tenantsByPid.forEach((otherPid, other) -> {
            if (otherPid.equals(pid)) {
                return;
            }
            if (other.name().equals(tenant.name())) {
                problems.add("name '" + tenant.name() + "' is already used by configuration " + otherPid);
            }
            if (other.fspId().equals(tenant.fspId())) {
                problems.add("fspId '" + tenant.fspId() + "' is already used by configuration " + otherPid);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidTenantConfigurationException(problems);
        }
    }

    private void notifyRemoved(Tenant tenant) {
        listeners.forEach(l -> l.tenantRemoved(tenant));
    }
}
