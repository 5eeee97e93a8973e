package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.service.cm.ConfigurationAdmin;

/** What the commands that change one tenant's configuration take: Config Admin and the tenant's name. */
abstract class TenantConfigCommand implements Action {

    @Reference
    protected ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "tenant", description = "the tenant's name", required = true)
    protected String tenant;
}
