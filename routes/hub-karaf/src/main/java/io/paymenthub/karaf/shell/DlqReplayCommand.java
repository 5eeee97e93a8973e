package io.paymenthub.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hub:dlq-replay <queue> <id>} or {@code --all <queue>}: dead letters back to the queue they failed on, once the cause is fixed. */
@Service
@Command(scope = "hub", name = "dlq-replay", description = "Sends dead letters back to the queue they failed on")
public class DlqReplayCommand extends DeadLetterAction {

    @Override
    public Object execute() throws Exception {
        console().replay(queue, messageId, all, System.out);
        return null;
    }
}
