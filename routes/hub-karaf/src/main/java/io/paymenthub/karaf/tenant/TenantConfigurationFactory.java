package io.paymenthub.karaf.tenant;

import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;

import java.io.IOException;
import java.nio.file.Path;

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
        String source = ConfigurationFile.of(properties).map(Path::toString).orElse(pid);
        Tenant tenant = null;
        try {
            tenant = registry.update(pid, source, values);
        } catch (InvalidTenantConfigurationException e) {
            // Logged and recorded by the registry; throwing would only make Config Admin log it again.
        }
        // Each secret written in plain text, with the hash the tenant was just served with (the slow hash is made once) or, for a
        // refused file, a new one.
        Map<String, String> plainSecrets = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, String> keys : TenantConfigParser.PLAIN_SECRETS.entrySet()) {
            Object plain = values.get(keys.getKey());
            if (plain != null && !plain.toString().isBlank()) {
                String secret = plain.toString().trim();
                String served = tenant == null ? null : TenantConfigParser.CHANNEL_SECRET.equals(keys.getKey())
                        ? tenant.channel().secretHash()
                        : tenant.settings().bulk().approver() == null ? null : tenant.settings().bulk().approver().secretHash();
                plainSecrets.put(keys.getKey(), secret);
                hashes.put(keys.getValue(), served != null ? served : SecretHash.hash(secret));
            }
        }
        if (!plainSecrets.isEmpty()) {
            replaceBySecretHashes(pid, source, plainSecrets, hashes);
        }
    }

    /** Rewrites the configuration, and so its file, with the hashes instead of the secrets, in one update. */
    private void replaceBySecretHashes(String pid, String source, Map<String, String> plainSecrets, Map<String, String> hashes) {
        try {
            Configuration configuration = configurationAdmin.getConfiguration(pid, null);
            Dictionary<String, Object> properties = configuration.getProperties();
            for (Map.Entry<String, String> plain : plainSecrets.entrySet()) {
                Object current = properties == null ? null : properties.get(plain.getKey());
                if (current == null || !plain.getValue().equals(current.toString().trim())) {
                    return; // changed again in the meantime: that change is the one to act on
                }
            }
            TenantConfigurations.update(configuration, rewritten -> {
                plainSecrets.keySet().forEach(rewritten::remove);
                rewritten.putAll(hashes);
            });
            LOG.info("{} of {} written in plain text: replaced by their hashes ({})", plainSecrets.keySet(), source, hashes.keySet());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} of {} are in plain text and could not be replaced by their hashes: {}", plainSecrets.keySet(), source, e.toString());
        }
    }

    @Override
    public void deleted(String pid) {
        registry.remove(pid);
    }
}
