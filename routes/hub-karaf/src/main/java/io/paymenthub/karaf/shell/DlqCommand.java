package io.paymenthub.karaf.shell;

import jakarta.jms.ConnectionFactory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.karaf.broker.DeadLetters;

/** {@code hub:dlq [queue]}: the dead-letter queues that hold messages, or the messages of one. */
@Service
@Command(scope = "hub", name = "dlq", description = "Lists the dead-letter queues that hold messages, or the messages of one")
public class DlqCommand implements Action {

    @Reference(filter = "(name=payment-hub)")
    private ConnectionFactory connectionFactory;

    @Argument(index = 0, name = "queue", description = "A dead-letter queue (DLQ.<queue>), or the queue whose dead letters to list")
    private String queue;

    @Option(name = "-n", description = "How many messages to list at most (default 50)")
    private int max = 50;

    @Override
    public Object execute() throws Exception {
        DeadLetterConsole console = new DeadLetterConsole(new DeadLetters(connectionFactory));
        if (queue == null) {
            console.list(System.out);
        } else {
            console.show(queue, max, System.out);
        }
        return null;
    }
}
