package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.karaf.tenant.TenantConfigurations;

/** {@code hub:tenant-resume <tenant>}: a suspended tenant takes new work again. */
@Service
@Command(scope = "hub", name = "tenant-resume", description = "Lets a suspended tenant take new work again")
public class TenantResumeCommand extends TenantConfigCommand {

    @Override
    public Object execute() throws Exception {
        boolean changed = TenantConfigurations.change(configurationAdmin, tenant, properties -> {
            properties.remove(TenantConfigParser.SUSPENDED);
            properties.remove(TenantConfigParser.SUSPENDED_REASON);
        });
        System.out.println(changed ? "Tenant " + tenant + " takes new work again" : "No tenant " + tenant);
        return null;
    }
}
