package io.paymenthub.console.request;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.request.RequestJournal;

/** {@code hub:request <id>}: a request to pay on each side this hub holds, with every step and its time. */
@Service
@Command(scope = "hub", name = "request", description = "Shows a request to pay and its history")
public class RequestCommand implements Action {

    @Reference
    private RequestJournal journal;

    @Argument(index = 0, name = "requestId", required = true, description = "The transactionRequestId")
    private String requestId;

    @Override
    public Object execute() throws Exception {
        new RequestConsole(journal.store()).show(requestId, System.out);
        return null;
    }
}
