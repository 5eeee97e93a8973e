package io.paymenthub.karaf.tenant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.TenantConfigParser;

/**
 * A tenant's configuration in Config Admin, as the console changes it: the change is written to the
 * tenant's file in {@code etc/} (whole, see {@link ConfigurationFile}) and given to Config Admin, so
 * the hub takes it at once and keeps it across restarts.
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

    /**
     * Updates any configuration with its properties (none yet: empty) as {@code change} leaves them:
     * first its file, if it was read from one, then Config Admin. In that order, File Install's scan
     * of {@code etc/} between the two finds the new file and gives Config Admin the same change; the
     * other way round it would find the old file and undo the change.
     */
    public static void update(Configuration configuration, Consumer<Hashtable<String, Object>> change) throws IOException {
        Dictionary<String, Object> properties = configuration.getProperties();
        Hashtable<String, Object> updated = new Hashtable<>();
        for (String key : properties == null ? List.<String>of() : Collections.list(properties.keys())) {
            updated.put(key, properties.get(key));
        }
        change.accept(updated);
        Optional<Path> file = ConfigurationFile.of(updated);
        if (file.isPresent()) {
            ConfigurationFile.write(file.get(), updated);
        }
        configuration.update(updated);
    }

    /** An LDAP filter value: the characters with a meaning in a filter escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\5c").replace("*", "\\2a").replace("(", "\\28").replace(")", "\\29");
    }
}
