package io.paymenthub.console.transfer;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.payer.PayerTransfers;

/** {@code hub:transfers}: the payer flow's transfers, newest first, filtered by tenant, state and date. */
@Service
@Command(scope = "hub", name = "transfers", description = "Lists transfers, newest first")
public class TransfersCommand implements Action {

    @Reference
    private PayerTransfers transfers;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant's transfers")
    private String tenant;

    @Option(name = "-s", aliases = "--state", description = "Only transfers in this state (COMMITTED, ABORTED, UNKNOWN, ...)")
    private String state;

    @Option(name = "--from", description = "Created on or after this date (yyyy-MM-dd, UTC) or instant")
    private String from;

    @Option(name = "--to", description = "Created before this date (yyyy-MM-dd, UTC) or instant")
    private String to;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    private int limit = 50;

    @Override
    public Object execute() throws Exception {
        new TransferConsole(transfers).list(tenant, state, from, to, limit, System.out);
        return null;
    }
}
