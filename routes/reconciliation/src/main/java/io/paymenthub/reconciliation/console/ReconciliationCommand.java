package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hub:reconciliation <tenant> [day]}: a reconciled day's result, with its breaks and what to do about them. */
@Service
@Command(scope = "hub", name = "reconciliation", description = "Shows a tenant's reconciled business day: totals and breaks")
public class ReconciliationCommand extends DayCommand {

    @Override
    public Object execute() throws Exception {
        new ReconciliationConsole(reconciliations).show(tenant, day, breaksShown, System.out);
        return null;
    }
}
