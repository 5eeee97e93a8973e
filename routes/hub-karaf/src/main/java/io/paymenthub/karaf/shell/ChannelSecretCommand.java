package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.karaf.tenant.TenantConfigurations;

/**
 * {@code hub:channel-secret <tenant>}: gives a tenant's channel a new secret. The secret is made
 * here (32 random bytes), printed once for the operator to hand to the channel, and only its hash
 * is stored: in the tenant's configuration and so in its file in {@code etc/}. The old secret stops
 * working at once.
 */
@Service
@Command(scope = "hub", name = "channel-secret", description = "Gives a tenant's channel a new secret; prints it once and keeps only its hash")
public class ChannelSecretCommand extends TenantConfigCommand {


    @Override
    public Object execute() throws Exception {
        String secret = SecretHash.newSecret();
        boolean changed = TenantConfigurations.change(configurationAdmin, tenant, properties -> {
            properties.remove(TenantConfigParser.CHANNEL_SECRET);
            properties.put(TenantConfigParser.CHANNEL_SECRET_HASH, SecretHash.hash(secret));
        });
        System.out.println(changed ? "New channel secret of " + tenant + " (shown once, only its hash is kept): " + secret
                : "No tenant " + tenant);
        return null;
    }
}
