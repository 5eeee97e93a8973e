package io.paymenthub.karaf.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.pool.PooledConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.paymenthub.karaf.shell.DeadLetterConsole;

/**
 * The operator's way out of a dead-letter queue, on the hub's embedded broker: which queues hold
 * dead letters and why, a message sent back to the queue it failed on (and then consumed there
 * once), a message deleted only once the operator says yes.
 */
class DeadLettersTest {

    @TempDir
    static Path data;
    static EmbeddedBroker broker;
    static PooledConnectionFactory connectionFactory;
    static DeadLetters deadLetters;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.start("dead-letters-test", data);
        connectionFactory = TestBrokers.connections("dead-letters-test", 1, 10).create();
        deadLetters = new DeadLetters(connectionFactory);
    }

    @AfterAll
    static void stop() throws Exception {
        connectionFactory.stop();
        broker.stop();
    }

    /** A message its consumer fails on every time: after the last redelivery the broker moves it to DLQ.<queue>. */
    private static void failForGood(String queue, String tenant, String body) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("hubTenant", tenant);
            message.setStringProperty("fspiopMethod", "POST");
            message.setStringProperty("fspiopPath", "/quotes");
            producer.send(message);
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (int attempt = 0; attempt < 2; attempt++) { // the first delivery and the one redelivery
                assertThat(consumer.receive(5000)).isNotNull();
                session.rollback();
            }
            consumer.close();
        }
        awaitDeadLetter(queue, body);
    }

    /**
     * The client sends the poison acknowledgement that moves a message to its dead-letter queue
     * without waiting for the broker, so the move may still be under way when the rollback returns.
     */
    private static void awaitDeadLetter(String queue, String body) throws JMSException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!deadLetterBodies(queue).contains(body)) {
            assertThat(System.nanoTime()).as("%s in DLQ.%s within 10 s", body, queue).isLessThan(deadline);
        }
    }

    private static List<String> deadLetterBodies(String queue) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<String> bodies = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue("DLQ." + queue))) {
                for (Object message : Collections.list(browser.getEnumeration())) {
                    bodies.add(((TextMessage) message).getText());
                }
            }
            return bodies;
        }
    }

    private static String take(String queue) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createConsumer(session.createQueue(queue)).receive(2000);
            return message == null ? null : ((TextMessage) message).getText();
        }
    }

    private static String print(ThrowingConsumer<PrintStream> action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        action.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    @Test
    void aNotificationThatExpiresUnreadIsDroppedWhileAnyOtherExpiredMessageIsDeadLettered() throws Exception {
        sendExpiring("payee.events.expiry-test", "an event nobody took in time");
        sendExpiring("channel.notifications.expiry-test", "a notification nobody read");

        assertThat(take("payee.events.expiry-test")).isNull();
        assertThat(take("channel.notifications.expiry-test")).isNull();

        awaitDeadLetter("payee.events.expiry-test", "an event nobody took in time");
        assertThat(deadLetterBodies("channel.notifications.expiry-test")).as("a tenant that never reads its notifications")
                .isEmpty();
    }

    private static void sendExpiring(String queue, String body) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.setTimeToLive(1);
            producer.send(session.createTextMessage(body));
        }
    }

    @Test
    void deadLettersAreListedWithTheQueueTheyFailedOnAndWhy() throws Exception {
        failForGood("hub.test.listed", "dfsp1", "quote-1");
        failForGood("hub.test.listed", "dfsp2", "quote-2");

        List<DeadLetters.DeadLetterQueue> queues = deadLetters.queues();
        List<DeadLetters.DeadLetter> letters = deadLetters.browse("hub.test.listed", 10);

        assertThat(queues).filteredOn(q -> q.name().equals("DLQ.hub.test.listed")).singleElement().satisfies(queue -> {
            assertThat(queue.size()).isEqualTo(2);
            assertThat(queue.failedOn()).isEqualTo("hub.test.listed");
            assertThat(queue.oldest()).isNotNull();
        });
        assertThat(letters).extracting(DeadLetters.DeadLetter::tenant).containsExactly("dfsp1", "dfsp2");
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.failedOn()).isEqualTo("hub.test.listed");
            assertThat(letter.what()).isEqualTo("POST /quotes");
            assertThat(letter.cause()).as("the broker's reason").isNotBlank();
        });
        assertThat(print(out -> new DeadLetterConsole(deadLetters).list(out))).contains("DLQ.hub.test.listed", "hub.test.listed");
        assertThat(print(out -> new DeadLetterConsole(deadLetters).show("DLQ.hub.test.listed", 10, out)))
                .contains(letters.get(0).messageId(), "dfsp1", "POST /quotes");
    }

    @Test
    void aReplayedMessageGoesBackToItsQueueOnceAndLeavesTheDeadLetterQueue() throws Exception {
        failForGood("hub.test.replayed", "dfsp1", "transfer-1");
        failForGood("hub.test.replayed", "dfsp1", "transfer-2");
        String first = deadLetters.browse("hub.test.replayed", 10).get(0).messageId();

        String printed = print(out -> new DeadLetterConsole(deadLetters).replay("DLQ.hub.test.replayed", first, false, out));

        assertThat(printed).contains("Replayed 1 message");
        assertThat(take("hub.test.replayed")).isEqualTo("transfer-1");
        assertThat(take("hub.test.replayed")).as("once").isNull();
        assertThat(deadLetters.browse("hub.test.replayed", 10)).extracting(DeadLetters.DeadLetter::messageId).doesNotContain(first)
                .hasSize(1);

        assertThat(deadLetters.replay("hub.test.replayed", null)).isEqualTo(1);
        assertThat(take("hub.test.replayed")).isEqualTo("transfer-2");
        assertThat(deadLetters.queues()).extracting(DeadLetters.DeadLetterQueue::name).doesNotContain("DLQ.hub.test.replayed");
    }

    @Test
    void theMetricsShowEachQueuesWaitingMessagesAndDeadLettersAtEachScrape() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueueMetrics metrics = new QueueMetrics(deadLetters, "hub.test.metrics.>");
        metrics.bindTo(registry);
        failForGood("hub.test.metrics.failing", "dfsp1", "step-1");
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("hub.test.metrics.waiting"));
            producer.send(session.createTextMessage("one"));
            producer.send(session.createTextMessage("two"));
            session.commit();
        }

        metrics.refresh();

        assertThat(registry.get("paymenthub.queue.messages").tag("queue", "hub.test.metrics.waiting").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("paymenthub.queue.messages").tag("queue", "hub.test.metrics.failing").gauge().value()).isEqualTo(0.0);
        assertThat(registry.get("paymenthub.queue.consumers").tag("queue", "hub.test.metrics.waiting").gauge().value()).isEqualTo(0.0);
        SimpleMeterRegistry all = new SimpleMeterRegistry();
        QueueMetrics everyQueue = new QueueMetrics(deadLetters, ">");
        everyQueue.bindTo(all);
        everyQueue.refresh();
        assertThat(all.get("paymenthub.queue.messages").tag("queue", "DLQ.hub.test.metrics.failing").gauge().value()).isEqualTo(1.0);

        deadLetters.purge("DLQ.hub.test.metrics.failing", null);
        everyQueue.refresh();
        assertThat(all.get("paymenthub.queue.messages").tag("queue", "DLQ.hub.test.metrics.failing").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void nothingIsDeletedUnlessTheOperatorSaysYes() throws Exception {
        failForGood("hub.test.purged", "dfsp2", "lookup-1");
        DeadLetterConsole console = new DeadLetterConsole(deadLetters);

        String refused = print(out -> console.purge("hub.test.purged", null, true, question -> false, out));
        assertThat(refused).contains("Nothing deleted");
        assertThat(deadLetters.browse("hub.test.purged", 10)).hasSize(1);

        String purged = print(out -> console.purge("hub.test.purged", null, true, question -> question.contains("every message"), out));
        assertThat(purged).contains("Deleted 1 message");
        assertThat(deadLetters.browse("hub.test.purged", 10)).isEmpty();
        assertThat(take("hub.test.purged")).as("not sent anywhere").isNull();
    }

    @Test
    void aCommandNamesOneMessageOrAllOfThem() throws Exception {
        String printed = print(out -> new DeadLetterConsole(deadLetters).replay("hub.test.none", null, false, out));

        assertThat(printed).contains("Name one message id, or --all");
        // The shell takes an option after the arguments for an argument.
        assertThat(print(out -> new DeadLetterConsole(deadLetters).purge("hub.test.none", "--all", false, question -> true, out)))
                .contains("Options go before the queue");
    }
}
