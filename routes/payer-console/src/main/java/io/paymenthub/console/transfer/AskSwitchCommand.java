package io.paymenthub.console.transfer;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import io.paymenthub.flow.payer.PayerTransfers;

/**
 * {@code hub:ask-switch <id>}: asks the switch again ({@code GET /transfers/{id}}) for the outcome
 * of an UNKNOWN transfer, and lets its answer settle it.
 */
@Service
@Command(scope = "hub", name = "ask-switch", description = "Asks the switch again for the outcome of an UNKNOWN transfer; "
        + "its answer settles it (COMMITTED debits the held funds, an error releases them)")
public class AskSwitchCommand implements Action {

    @Reference
    private PayerTransfers transfers;

    @Argument(index = 0, name = "transferId", required = true, description = "The UNKNOWN transfer")
    private String transferId;

    @Option(name = "--note", description = "Why (kept in the transfer's history)")
    private String note;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        Object user = session == null ? null : session.get("USER");
        new TransferConsole(transfers).askSwitch(transferId, "console:" + (user == null ? "karaf" : user), note, System.out);
        return null;
    }
}
