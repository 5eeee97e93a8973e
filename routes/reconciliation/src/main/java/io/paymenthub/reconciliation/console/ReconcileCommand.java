package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code hub:reconcile <tenant> [day]}: reconciles a business day (by default the last closed one) and prints the result. */
@Service
@Command(scope = "hub", name = "reconcile", description = "Reconciles a tenant's business day with its core banking; a day run again is replaced")
public class ReconcileCommand extends DayCommand {

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        Object user = session == null ? null : session.get("USER");
        new ReconciliationConsole(reconciliations).reconcile(tenant, day, breaksShown, "console:" + (user == null ? "karaf" : user),
                System.out);
        return null;
    }
}
