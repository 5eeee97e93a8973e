package io.paymenthub.console.request;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.request.RequestJournal;

/** {@code hub:requests}: requests to pay, newest first, filtered by tenant, side and state. */
@Service
@Command(scope = "hub", name = "requests", description = "Lists requests to pay, newest first")
public class RequestsCommand implements Action {

    @Reference
    private RequestJournal journal;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant's requests")
    private String tenant;

    @Option(name = "-r", aliases = "--role", description = "PAYEE (asked by the tenant's customers) or PAYER (asked of them)")
    private String role;

    @Option(name = "-s", aliases = "--state", description = "Only requests in this state (AWAITING_PAYER, PAID, EXPIRED, ...)")
    private String state;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    private int limit = 50;

    @Override
    public Object execute() throws Exception {
        new RequestConsole(journal.store()).list(tenant, role, state, limit, System.out);
        return null;
    }
}
