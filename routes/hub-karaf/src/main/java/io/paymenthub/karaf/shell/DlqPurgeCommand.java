package io.paymenthub.karaf.shell;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code hub:dlq-purge <queue> <id>} or {@code --all <queue>}: deletes dead letters for good, after asking. */
@Service
@Command(scope = "hub", name = "dlq-purge", description = "Deletes dead letters for good, after asking")
public class DlqPurgeCommand extends DeadLetterAction {

    @Reference
    private Session session;

    @Option(name = "--force", description = "Do not ask")
    private boolean force;

    @Override
    public Object execute() throws Exception {
        console().purge(queue, messageId, all, question -> force || confirmed(question), System.out);
        return null;
    }

    private boolean confirmed(String question) {
        try {
            String answer = session.readLine(question, null);
            return answer != null && "yes".equalsIgnoreCase(answer.trim());
        } catch (IOException e) {
            return false;
        }
    }
}
