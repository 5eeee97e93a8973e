package io.paymenthub.console.transfer;

import jakarta.jms.ConnectionFactory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.payer.PayerTransfers;

/**
 * {@code hub:resolve <id> COMMITTED|ABORTED}: settles an UNKNOWN transfer once the operator knows
 * its outcome from the switch: COMMITTED debits the held funds, ABORTED releases them.
 */
@Service
@Command(scope = "hub", name = "resolve", description = "Resolves an UNKNOWN transfer: COMMITTED debits the held funds, ABORTED releases them")
public class ResolveCommand implements Action {

    @Reference
    private PayerTransfers transfers;

    @Reference(filter = "(name=payment-hub)")
    private ConnectionFactory connectionFactory;

    @Argument(index = 0, name = "transferId", required = true, description = "The UNKNOWN transfer")
    private String transferId;

    @Argument(index = 1, name = "outcome", required = true, description = "COMMITTED or ABORTED, as the switch's records show")
    private String outcome;

    @Option(name = "--note", description = "Why (kept in the transfer's history)")
    private String note;

    @Override
    public Object execute() throws Exception {
        new TransferConsole(transfers).resolve(transferId, outcome, note, new JmsEmitSender(connectionFactory), System.out);
        return null;
    }
}
