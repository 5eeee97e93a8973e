package io.paymenthub.karaf.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Predicate;

import jakarta.jms.JMSException;

import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.karaf.broker.DeadLetters;

/** What {@code hub:dlq}, {@code hub:dlq-replay} and {@code hub:dlq-purge} print, apart from the shell. */
public class DeadLetterConsole {

    private final DeadLetters deadLetters;

    public DeadLetterConsole(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Every dead-letter queue that holds messages, with the reason of its first one. */
    public void list(PrintStream out) throws JMSException {
        List<DeadLetters.DeadLetterQueue> queues = deadLetters.queues();
        if (queues.isEmpty()) {
            out.println("No dead letters.");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Dead-letter queue");
        table.column("Failed on");
        table.column("Messages");
        table.column("Oldest");
        table.column("First message's reason");
        for (DeadLetters.DeadLetterQueue queue : queues) {
            List<DeadLetters.DeadLetter> first = deadLetters.browse(queue.name(), 1);
            table.addRow().addContent(queue.name(), queue.failedOn(), queue.size(), queue.oldest() == null ? "" : queue.oldest(),
                    first.isEmpty() ? "" : firstLine(first.get(0).cause()));
        }
        table.print(out);
    }

    /** Up to {@code max} messages of one dead-letter queue. */
    public void show(String queue, int max, PrintStream out) throws JMSException {
        List<DeadLetters.DeadLetter> letters = deadLetters.browse(queue, max);
        if (letters.isEmpty()) {
            out.println("No dead letters in " + queue + ".");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Message id");
        table.column("Sent");
        table.column("Tenant");
        table.column("What");
        table.column("Reason");
        for (DeadLetters.DeadLetter letter : letters) {
            table.addRow().addContent(letter.messageId(), letter.sentAt(), letter.tenant() == null ? "" : letter.tenant(),
                    letter.what() == null ? "" : letter.what(), firstLine(letter.cause()));
        }
        table.print(out);
    }

    /** Sends one message (or, with {@code all}, every one) back to the queue it failed on. */
    public void replay(String queue, String messageId, boolean all, PrintStream out) throws JMSException {
        if (!oneOrAll(messageId, all, out)) {
            return;
        }
        int replayed = deadLetters.replay(queue, all ? null : messageId);
        out.println(replayed == 0 ? "Nothing replayed: " + (all ? "the queue is empty." : "no message " + messageId + ".")
                : "Replayed " + replayed + " message" + (replayed == 1 ? "" : "s") + " to the queue they failed on.");
    }

    /** Deletes one message (or, with {@code all}, every one), once {@code confirmed} accepts the question. */
    public void purge(String queue, String messageId, boolean all, Predicate<String> confirmed, PrintStream out) throws JMSException {
        if (!oneOrAll(messageId, all, out)) {
            return;
        }
        String what = all ? "every message of " + queue : "message " + messageId + " of " + queue;
        if (!confirmed.test("Delete " + what + " for good? Type yes to delete: ")) {
            out.println("Nothing deleted.");
            return;
        }
        int purged = deadLetters.purge(queue, all ? null : messageId);
        out.println("Deleted " + purged + " message" + (purged == 1 ? "" : "s") + ".");
    }

    private static boolean oneOrAll(String messageId, boolean all, PrintStream out) {
        if (messageId != null && messageId.startsWith("-")) {
            out.println("Options go before the queue (--all <queue>), not after it: nothing done.");
            return false;
        }
        if (all == (messageId != null)) {
            out.println("Name one message id, or --all (not both).");
            return false;
        }
        return true;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
