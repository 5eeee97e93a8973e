package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.karaf.tenant.TenantConfigurations;

/**
 * {@code hub:metrics-secret}: gives the Prometheus scraper of {@code GET /metrics} a new password,
 * made here, printed once, and kept only as its hash ({@code metrics.passwordHash} of
 * {@code io.paymenthub.hub}, so in {@code etc/io.paymenthub.hub.cfg}). The hub's core restarts with
 * it (a second or two without {@code /health}); the old password stops working.
 */
@Service
@Command(scope = "hub", name = "metrics-secret", description = "Gives the metrics scraper a new password; prints it once and keeps only its hash")
public class MetricsSecretCommand implements Action {

    static final String HUB_PID = "io.paymenthub.hub";

    @Reference
    protected ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws Exception {
        String secret = SecretHash.newSecret();
        Configuration configuration = configurationAdmin.getConfiguration(HUB_PID, null);
        String[] user = {"prometheus"};
        TenantConfigurations.update(configuration, properties -> {
            properties.put("metrics.passwordHash", SecretHash.hash(secret));
            user[0] = String.valueOf(properties.getOrDefault("metrics.username", user[0]));
        });
        System.out.println("New password of the metrics scraper '" + user[0] + "' (shown once, only its hash is kept): " + secret);
        return null;
    }
}
