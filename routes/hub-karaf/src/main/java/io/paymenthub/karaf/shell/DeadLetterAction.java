package io.paymenthub.karaf.shell;

import jakarta.jms.ConnectionFactory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.paymenthub.karaf.broker.DeadLetters;

/** What the commands that act on dead letters take: a dead-letter queue, and one message of it or {@code --all}. */
abstract class DeadLetterAction implements Action {

    @Reference(filter = "(name=payment-hub)")
    private ConnectionFactory connectionFactory;

    @Argument(index = 0, name = "queue", required = true, description = "A dead-letter queue (DLQ.<queue>), or the queue it belongs to")
    protected String queue;

    @Argument(index = 1, name = "messageId", description = "One message of it (see hub:dlq <queue>)")
    protected String messageId;

    @Option(name = "--all", description = "Every message of the queue")
    protected boolean all;

    protected DeadLetterConsole console() {
        return new DeadLetterConsole(new DeadLetters(connectionFactory));
    }
}
