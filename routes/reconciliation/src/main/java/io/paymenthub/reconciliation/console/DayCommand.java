package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.paymenthub.reconciliation.Reconciliations;

/** What the commands about one tenant's business day take: the tenant, the day, how many breaks to print. */
abstract class DayCommand implements Action {

    @Reference
    protected Reconciliations reconciliations;

    @Option(name = "-n", aliases = "--breaks", description = "Breaks shown (default 50; the report has them all)")
    protected int breaksShown = 50;

    @Argument(index = 0, name = "tenant", description = "The tenant", required = true)
    protected String tenant;

    @Argument(index = 1, name = "day", description = "The business day, yyyy-MM-dd (default: the last closed one)", required = false)
    protected String day;
}
