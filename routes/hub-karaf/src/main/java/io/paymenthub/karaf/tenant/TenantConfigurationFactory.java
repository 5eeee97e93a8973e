package io.paymenthub.karaf.tenant;

import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.InvalidTenantConfigurationException;
import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.core.tenant.TenantRegistry;

/**
 * Receives the tenant factory configurations ({@code etc/io.paymenthub.tenant-NAME.cfg}) from
 * Config Admin as files are added, changed or deleted, and keeps the {@link TenantRegistry} in
 * step, without restart. A refused file is logged by the registry and listed by
 * {@code hub:tenants} and {@code /health}; the other tenants are untouched. A channel secret
 * written in plain text ({@code channel.secret}) is replaced in the configuration, and so in its
 * file, by its hash ({@code channel.secretHash}): the secret never stays in {@code etc/}.
 */
public class TenantConfigurationFactory implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.paymenthub.tenant";
    private static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(TenantConfigurationFactory.class);

    private final TenantRegistry registry;
    private final ConfigurationAdmin configurationAdmin;

    public TenantConfigurationFactory(TenantRegistry registry, ConfigurationAdmin configurationAdmin) {
        this.registry = registry;
        this.configurationAdmin = configurationAdmin;
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
        Tenant tenant = null;
        try {
            tenant = registry.update(pid, source, values);
        } catch (InvalidTenantConfigurationException e) {
            // Logged and recorded by the registry; throwing would only make Config Admin log it again.
        }
        Object plain = values.get(TenantConfigParser.CHANNEL_SECRET);
        if (plain != null && !plain.toString().isBlank()) {
            String secret = plain.toString().trim();
            // The hash the tenant was just served with (the slow hash is made once), or, for a refused file, a new one.
            replaceBySecretHash(pid, source, secret, tenant != null ? tenant.channel().secretHash() : SecretHash.hash(secret));
        }
    }

    /** Rewrites the configuration (File Install writes it back to its file) with the hash instead of the secret. */
    private void replaceBySecretHash(String pid, String source, String secret, String secretHash) {
        try {
            Configuration configuration = configurationAdmin.getConfiguration(pid, null);
            Dictionary<String, Object> properties = configuration.getProperties();
            Object current = properties == null ? null : properties.get(TenantConfigParser.CHANNEL_SECRET);
            if (current == null || !secret.equals(current.toString().trim())) {
                return; // changed again in the meantime: that change is the one to act on
            }
            Hashtable<String, Object> rewritten = new Hashtable<>();
            for (String key : Collections.list(properties.keys())) {
                rewritten.put(key, properties.get(key));
            }
            rewritten.remove(TenantConfigParser.CHANNEL_SECRET);
            rewritten.put(TenantConfigParser.CHANNEL_SECRET_HASH, secretHash);
            configuration.update(rewritten);
            LOG.info("The channel secret of {} was written in plain text: it is replaced by its hash ({})", source,
                    TenantConfigParser.CHANNEL_SECRET_HASH);
        } catch (IOException | RuntimeException e) {
            LOG.error("The channel secret of {} is in plain text and could not be replaced by its hash: {}", source, e.toString());
        }
    }

    @Override
    public void deleted(String pid) {
        registry.remove(pid);
    }
}
