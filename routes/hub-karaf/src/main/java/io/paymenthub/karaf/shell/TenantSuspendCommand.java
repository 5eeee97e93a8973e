package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.karaf.tenant.TenantConfigurations;

/**
 * {@code hub:tenant-suspend <tenant> --reason text}: the tenant takes no new work (its channels'
 * transfers, requests and batches are 503, the switch's lookups, quotes and requests to pay for it
 * 2003) and finishes what is in flight. Kept in the tenant's file, so it outlasts a restart, until
 * {@code hub:tenant-resume}.
 */
@Service
@Command(scope = "hub", name = "tenant-suspend", description = "Stops a tenant taking new work; what is in flight goes on")
public class TenantSuspendCommand extends TenantConfigCommand {

    @Reference
    private Session session;

    @Option(name = "--reason", description = "Why (shown by hub:tenants, kept in the tenant's file)", required = true)
    private String reason;

    @Override
    public Object execute() throws Exception {
        Object user = session == null ? null : session.get("USER");
        String why = reason + " (console:" + (user == null ? "karaf" : user) + ", " + java.time.Instant.now() + ")";
        boolean changed = TenantConfigurations.change(configurationAdmin, tenant, properties -> {
            properties.put(TenantConfigParser.SUSPENDED, "true");
            properties.put(TenantConfigParser.SUSPENDED_REASON, why);
        });
        System.out.println(changed ? "Tenant " + tenant + " takes no new work; what is in flight goes on (hub:transfers -t " + tenant
                + " shows it). hub:tenant-resume " + tenant + " ends it." : "No tenant " + tenant);
        return null;
    }
}
