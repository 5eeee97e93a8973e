package io.paymenthub.karaf.shell;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.karaf.tenant.TenantConfigurationFactory;

/**
 * {@code hub:channel-secret <tenant>}: gives a tenant's channel a new secret. The secret is made
 * here (32 random bytes), printed once for the operator to hand to the channel, and only its hash
 * is stored: in the tenant's configuration and so in its file in {@code etc/}. The old secret stops
 * working at once.
 */
@Service
@Command(scope = "hub", name = "channel-secret", description = "Gives a tenant's channel a new secret; prints it once and keeps only its hash")
public class ChannelSecretCommand implements Action {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "tenant", description = "the tenant's name", required = true)
    private String tenant;

    @Override
    public Object execute() throws Exception {
        Configuration[] found = configurationAdmin.listConfigurations("(&(service.factoryPid=" + TenantConfigurationFactory.FACTORY_PID
                + ")(" + TenantConfigParser.NAME + "=" + escape(tenant) + "))");
        if (found == null || found.length == 0) {
            System.out.println("No tenant " + tenant);
            return null;
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Configuration configuration = found[0];
        Dictionary<String, Object> properties = configuration.getProperties();
        Hashtable<String, Object> updated = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            updated.put(key, properties.get(key));
        }
        updated.remove(TenantConfigParser.CHANNEL_SECRET);
        updated.put(TenantConfigParser.CHANNEL_SECRET_HASH, SecretHash.hash(secret));
        configuration.update(updated);
        System.out.println("New channel secret of " + tenant + " (shown once, only its hash is kept): " + secret);
        return null;
    }

    /** An LDAP filter value: the characters with a meaning in a filter escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\5c").replace("*", "\\2a").replace("(", "\\28").replace(")", "\\29");
    }
}
