package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.reconciliation.Reconciliations;

/** {@code hub:reconciliations}: the reconciliation runs, newest first. */
@Service
@Command(scope = "hub", name = "reconciliations", description = "Lists reconciliation runs, newest first")
public class ReconciliationsCommand implements Action {

    @Reference
    private Reconciliations reconciliations;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant's runs")
    private String tenant;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    private int limit = 50;

    @Override
    public Object execute() throws Exception {
        new ReconciliationConsole(reconciliations).list(tenant, limit, System.out);
        return null;
    }
}
