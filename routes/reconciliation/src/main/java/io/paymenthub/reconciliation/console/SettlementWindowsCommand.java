package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.reconciliation.Reconciliations;

/** {@code hub:settlement-windows <tenant>}: the switch's settlement windows the runs found, with both nets and the booking. */
@Service
@Command(scope = "hub", name = "settlement-windows", description = "Lists a tenant's settlement windows of the switch, as reconciliation "
        + "runs found them: the switch's net, the hub's, and when the net was booked")
public class SettlementWindowsCommand implements Action {

    @Reference
    private Reconciliations reconciliations;

    @Argument(index = 0, name = "tenant", description = "The tenant", required = true)
    private String tenant;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    private int limit = 50;

    @Override
    public Object execute() throws Exception {
        new ReconciliationConsole(reconciliations).windows(tenant, limit, System.out);
        return null;
    }
}
