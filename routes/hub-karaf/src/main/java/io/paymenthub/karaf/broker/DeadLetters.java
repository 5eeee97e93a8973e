package io.paymenthub.karaf.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQMessage;

/**
 * The broker's dead-letter queues for operators: each queue dead-letters to its own
 * {@code DLQ.<queue>} after the last redelivery ({@link EmbeddedBroker}), and this says which of
 * them hold messages and how many, what failed and why, and sends a message back to the queue it
 * failed on or deletes it. It speaks JMS to the hub's broker, embedded or external; the counts come
 * from ActiveMQ's statistics plugin, which the embedded broker runs (an external one needs
 * {@code <statisticsBrokerPlugin/>} in its configuration).
 */
public class DeadLetters {

    public static final String PREFIX = "DLQ.";
    /** The property ActiveMQ puts on a dead letter: why its last delivery failed. */
    static final String CAUSE = "dlqDeliveryFailureCause";
    private static final String STATISTICS = "ActiveMQ.Statistics.Destination.";
    private static final String END_OF_LIST = "ActiveMQ.Statistics.Destination.List.End.With.Null";
    private static final String OLDEST = "ActiveMQ.Statistics.Destination.Include.First.Message.Timestamp";

    /** A dead-letter queue that holds messages; {@code oldest} is null when the broker does not say. */
    public record DeadLetterQueue(String name, long size, Instant oldest) {
        /** The queue its messages failed on. */
        public String failedOn() {
            return name.substring(PREFIX.length());
        }
    }

    /** A message in a dead-letter queue, with the hub's facts it carries (tenant, what it was). */
    public record DeadLetter(String messageId, String failedOn, Instant sentAt, String tenant, String what, String cause) {
    }

    private final ConnectionFactory connectionFactory;
    private final Duration answerWait;

    public DeadLetters(ConnectionFactory connectionFactory) {
        this(connectionFactory, Duration.ofSeconds(5));
    }

    DeadLetters(ConnectionFactory connectionFactory, Duration answerWait) {
        this.connectionFactory = connectionFactory;
        this.answerWait = answerWait;
    }

    /** The dead-letter queues that hold messages, by name. */
    public List<DeadLetterQueue> queues() throws JMSException {
        List<DeadLetterQueue> queues = new ArrayList<>();
        for (QueueStatistics queue : queueStatistics(PREFIX + ">")) {
            if (queue.size() > 0 && queue.name().startsWith(PREFIX)) {
                queues.add(new DeadLetterQueue(queue.name(), queue.size(), queue.oldest()));
            }
        }
        return queues;
    }

    /** A queue as the broker's statistics plugin counts it; {@code oldest} is null when empty or not said. */
    public record QueueStatistics(String name, long size, long enqueued, long dequeued, long consumers, Instant oldest) {
    }

    /**
     * The statistics of every queue whose name matches {@code pattern} (ActiveMQ wildcards: {@code hub.>}),
     * by name: one request to the broker and its answers, not a browse of each queue.
     */
    public List<QueueStatistics> queueStatistics(String pattern) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            Message query = session.createMessage();
            query.setJMSReplyTo(replies);
            query.setBooleanProperty(END_OF_LIST, true);
            query.setBooleanProperty(OLDEST, true);
            session.createProducer(session.createQueue(STATISTICS + pattern)).send(query);
            List<QueueStatistics> queues = new ArrayList<>();
            while (true) {
                Message answer = answers.receive(answerWait.toMillis());
                if (answer == null) {
                    throw new IllegalStateException("The broker did not answer within " + answerWait.toSeconds()
                            + " s: an external broker needs ActiveMQ's statistics plugin (<statisticsBrokerPlugin/>)");
                }
                if (!(answer instanceof MapMessage statistics) || !statistics.itemExists("destinationName")) {
                    break; // the end of the list
                }
                long size = statistics.getLong("size");
                Instant oldest = size > 0 && statistics.itemExists("firstMessageTimestamp") && statistics.getLong("firstMessageTimestamp") > 0
                        ? Instant.ofEpochMilli(statistics.getLong("firstMessageTimestamp")) : null;
                queues.add(new QueueStatistics(physicalName(statistics.getString("destinationName")), size,
                        statistics.getLong("enqueueCount"), statistics.getLong("dequeueCount"), statistics.getLong("consumerCount"), oldest));
            }
            queues.sort((a, b) -> a.name().compareTo(b.name()));
            return queues;
        }
    }

    /** Up to {@code max} messages of a dead-letter queue, oldest first, left where they are. */
    public List<DeadLetter> browse(String queue, int max) throws JMSException {
        String name = deadLetterQueue(queue);
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<DeadLetter> letters = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(name))) {
                // Read only as far as needed: a dead-letter queue may hold many more than are listed.
                Enumeration<?> messages = browser.getEnumeration();
                while (letters.size() < max && messages.hasMoreElements()) {
                    letters.add(describe(name, (Message) messages.nextElement()));
                }
            }
            return letters;
        }
    }

    /**
     * Sends the message {@code messageId} of a dead-letter queue (every message, when null) back to
     * the queue it failed on, as a new message with its body and properties, and takes it out of the
     * dead-letter queue in the same transaction: it is never in both, never lost. Returns how many.
     */
    public int replay(String queue, String messageId) throws JMSException {
        return drain(queue, messageId, true);
    }

    /** Deletes the message {@code messageId} of a dead-letter queue (every message, when null); returns how many. */
    public int purge(String queue, String messageId) throws JMSException {
        return drain(queue, messageId, false);
    }

    private int drain(String queue, String messageId, boolean sendBack) throws JMSException {
        String name = deadLetterQueue(queue);
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            String selector = messageId == null ? null : "JMSMessageID = '" + messageId.replace("'", "''") + "'";
            MessageConsumer consumer = session.createConsumer(session.createQueue(name), selector);
            MessageProducer producer = session.createProducer(null);
            int count = 0;
            // Only what is there now: messages that land in the queue while it is drained wait for the next command.
            long waiting = messageId == null ? countNow(session, name) : 1;
            while (count < waiting) {
                Message message = consumer.receive(answerWait.toMillis());
                if (message == null) {
                    break;
                }
                if (sendBack) {
                    producer.send(session.createQueue(failedOn(name, message)), message, message.getJMSDeliveryMode(),
                            message.getJMSPriority(), 0);
                }
                session.commit();
                count++;
            }
            return count;
        }
    }

    private static long countNow(Session session, String name) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(name))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static DeadLetter describe(String queue, Message message) throws JMSException {
        String method = message.getStringProperty("fspiopMethod");
        String path = message.getStringProperty("fspiopPath");
        String what = method != null && path != null ? method + " " + path : message.getJMSType();
        String cause = message.getStringProperty(CAUSE);
        return new DeadLetter(message.getJMSMessageID(), failedOn(queue, message), Instant.ofEpochMilli(message.getJMSTimestamp()),
                message.getStringProperty("hubTenant"), what, cause);
    }

    /** The queue a dead letter failed on: as the broker recorded it, or as the dead-letter queue's name says. */
    private static String failedOn(String deadLetterQueue, Message message) throws JMSException {
        if (message instanceof ActiveMQMessage activeMq && activeMq.getOriginalDestination() != null) {
            return activeMq.getOriginalDestination().getPhysicalName();
        }
        Destination destination = message.getJMSDestination();
        String name = destination instanceof Queue q ? q.getQueueName() : deadLetterQueue;
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    /** A dead-letter queue's name, given it or the queue whose dead letters it holds. */
    static String deadLetterQueue(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("Name a dead-letter queue (DLQ.<queue>) or the queue whose dead letters to use");
        }
        return queue.startsWith(PREFIX) ? queue : PREFIX + queue;
    }

    private static String physicalName(String destination) {
        return destination.contains("://") ? ActiveMQDestination.createDestination(destination, ActiveMQDestination.QUEUE_TYPE)
                .getPhysicalName() : destination;
    }
}
