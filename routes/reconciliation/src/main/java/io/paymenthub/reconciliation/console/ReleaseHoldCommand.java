package io.paymenthub.reconciliation.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import io.paymenthub.reconciliation.Reconciliations;

/**
 * {@code hub:reconcile-release --reason text <tenant> <transferId>}: releases the hold core banking
 * still keeps for an ended transfer, as a reconciliation's STALE_HOLD break says; who and why go
 * in the transfer's history.
 */
@Service
@Command(scope = "hub", name = "reconcile-release", description = "Releases a stale hold a reconciliation found for an ended transfer")
public class ReleaseHoldCommand implements Action {

    @Reference
    private Reconciliations reconciliations;

    @Reference
    private Session session;

    @Option(name = "--reason", description = "Why (kept in the transfer's history)", required = true)
    private String reason;

    @Argument(index = 0, name = "tenant", description = "The tenant", required = true)
    private String tenant;

    @Argument(index = 1, name = "transferId", description = "The ended transfer whose hold is stale", required = true)
    private String transferId;

    @Override
    public Object execute() throws Exception {
        Object user = session == null ? null : session.get("USER");
        System.out.println(reconciliations.releaseStaleHold(tenant, transferId, "console:" + (user == null ? "karaf" : user), reason));
        return null;
    }
}
