package io.paymenthub.karaf.tenant;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.TenantConfigParser;

/**
 * A tenant's configuration in Config Admin, as the console changes it: the change is the tenant's
 * new configuration, and so its file in {@code etc/}, and the hub takes it at once.
 */
public final class TenantConfigurations {

    private TenantConfigurations() {
    }

    /** The configuration of the tenant with that name, if there is one. */
    public static Optional<Configuration> find(ConfigurationAdmin configurationAdmin, String tenant)
            throws IOException, InvalidSyntaxException {
        Configuration[] found = configurationAdmin.listConfigurations("(&(service.factoryPid=" + TenantConfigurationFactory.FACTORY_PID
                + ")(" + TenantConfigParser.NAME + "=" + escape(tenant) + "))");
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /**
     * Updates the tenant's configuration with its properties as {@code change} leaves them; false,
     * and nothing changed, when there is no such tenant.
     */
    public static boolean change(ConfigurationAdmin configurationAdmin, String tenant, Consumer<Hashtable<String, Object>> change)
            throws IOException, InvalidSyntaxException {
        Optional<Configuration> configuration = find(configurationAdmin, tenant);
        if (configuration.isPresent()) {
            update(configuration.get(), change);
        }
        return configuration.isPresent();
    }

    /** Updates any configuration with its properties (none yet: empty) as {@code change} leaves them. */
    public static void update(Configuration configuration, Consumer<Hashtable<String, Object>> change) throws IOException {
        Dictionary<String, Object> properties = configuration.getProperties();
        Hashtable<String, Object> updated = new Hashtable<>();
        for (String key : properties == null ? java.util.List.<String>of() : Collections.list(properties.keys())) {
            updated.put(key, properties.get(key));
        }
        change.accept(updated);
        configuration.update(updated);
    }

    /** An LDAP filter value: the characters with a meaning in a filter escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\5c").replace("*", "\\2a").replace("(", "\\28").replace(")", "\\29");
    }
}
