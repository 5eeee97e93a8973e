package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantConfigParser;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.karaf.tenant.TenantConfigurations;

/** {@code hub:tenants}: the tenants served (suspended ones with the reason), and the configuration files refused with the reason. */
@Service
@Command(scope = "hub", name = "tenants", description = "Lists the tenants the hub serves and the tenant configurations it refused")
public class TenantsCommand implements Action {

    @Reference
    private TenantDirectory registry;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("FSP id");
        table.column("Currencies");
        table.column("Connector");
        table.column("Fineract");
        table.column("Status");
        for (Tenant tenant : registry.tenants()) {
            table.addRow().addContent(tenant.name(), tenant.fspId(), String.join(",", tenant.currencies()),
                    tenant.connector(), tenant.fineract().baseUrl() + " (" + tenant.fineract().tenantId() + ")",
                    tenant.suspended() ? "SUSPENDED: " + suspendedBecause(tenant) : "ACTIVE");
        }
        for (TenantDirectory.RejectedConfiguration rejected : registry.rejected()) {
            table.addRow().addContent("-", "-", "-", "-", rejected.source(),
                    "REJECTED: " + String.join("; ", rejected.problems()));
        }
        table.print(System.out);
        return null;
    }

    private String suspendedBecause(Tenant tenant) throws Exception {
        return TenantConfigurations.find(configurationAdmin, tenant.name()).map(c -> c.getProperties().get(TenantConfigParser.SUSPENDED_REASON))
                .map(Object::toString).orElse("no reason given");
    }
}
