package io.paymenthub.karaf.tenant;

import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.cm.ManagedServiceFactory;

import io.paymenthub.core.tenant.InvalidTenantConfigurationException;
import io.paymenthub.core.tenant.TenantRegistry;

/**
 * Receives the tenant factory configurations ({@code etc/io.paymenthub.tenant-NAME.cfg}) from
 * Config Admin as files are added, changed or deleted, and keeps the {@link TenantRegistry} in
 * step, without restart. A refused file is logged by the registry and listed by
 * {@code hub:tenants} and {@code /health}; the other tenants are untouched.
 */
public class TenantConfigurationFactory implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.paymenthub.tenant";
    private static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private final TenantRegistry registry;

    public TenantConfigurationFactory(TenantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String getName() {
        return "Payment Hub tenants";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : Collections.list(properties.keys())) {
            values.put(key, properties.get(key));
        }
        Object file = values.get(FILEINSTALL_FILENAME);
        String source = file == null ? pid : file.toString().replaceFirst("^file:", "");
        try {
            registry.update(pid, source, values);
        } catch (InvalidTenantConfigurationException e) {
            // Logged and recorded by the registry; throwing would only make Config Admin log it again.
        }
    }

    @Override
    public void deleted(String pid) {
        registry.remove(pid);
    }
}
