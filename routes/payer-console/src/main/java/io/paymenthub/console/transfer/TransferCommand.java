package io.paymenthub.console.transfer;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.payer.PayerTransfers;

/** {@code hub:transfer <id>}: one transfer, its fees and every step with its time. */
@Service
@Command(scope = "hub", name = "transfer", description = "Shows a transfer and its steps")
public class TransferCommand implements Action {

    @Reference
    private PayerTransfers transfers;

    @Argument(index = 0, name = "transferId", required = true, description = "The transfer's id")
    private String transferId;

    @Override
    public Object execute() throws Exception {
        new TransferConsole(transfers).show(transferId, System.out);
        return null;
    }
}
