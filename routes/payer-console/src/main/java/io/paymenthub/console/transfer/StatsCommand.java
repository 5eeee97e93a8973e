package io.paymenthub.console.transfer;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.payer.PayerTransfers;

/** {@code hub:stats [-m 60]}: per tenant, the last hour's transfers by state, the rate they end at, the oldest in flight. */
@Service
@Command(scope = "hub", name = "stats", description = "Per tenant: the last hour's transfers by state, how many end a minute, the oldest in flight")
public class StatsCommand implements Action {

    @Reference
    private PayerTransfers transfers;

    @Option(name = "-m", aliases = "--minutes", description = "The window, in minutes (default 60)")
    private int minutes = 60;

    @Override
    public Object execute() throws Exception {
        new TransferConsole(transfers).stats(minutes, System.out);
        return null;
    }
}
