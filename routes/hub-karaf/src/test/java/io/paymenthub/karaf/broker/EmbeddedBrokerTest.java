package io.paymenthub.karaf.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.pool.PooledConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker as the hub configures it: persistent, redelivering, dead-lettering per queue. */
class EmbeddedBrokerTest {

    @TempDir
    Path data;

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private PooledConnectionFactory connectionFactory;

    private void start(String name) throws Exception {
        start(name, 64);
    }

    private void start(String name, long storeLimitMb) throws Exception {
        broker.setEmbedded(true);
        broker.setBrokerName(name);
        broker.setDataDirectory(data.toString());
        broker.setTransportConnectors("");
        broker.setStoreLimitMb(storeLimitMb);
        broker.setMemoryLimitMb(32);
        broker.start();
        HubConnectionFactory builder = new HubConnectionFactory();
        builder.setEmbedded(true);
        builder.setBrokerName(name);
        builder.setMaximumRedeliveries(2);
        builder.setInitialRedeliveryDelayMillis(10);
        builder.setBackOffMultiplier(2);
        builder.setMaximumRedeliveryDelayMillis(100);
        builder.setMaxConnections(2);
        connectionFactory = builder.create();
    }

    @AfterEach
    void stop() throws Exception {
        if (connectionFactory != null) {
            connectionFactory.stop();
        }
        broker.stop();
    }

    @Test
    void theJournalIsForcedToDiskAtEveryWriteUnlessTheOperatorChoosesAnInterval() throws Exception {
        start("sync-default");
        assertThat(broker.store().getJournalDiskSyncStrategy()).isEqualToIgnoringCase("always");
        stop();

        broker.setJournalDiskSync("Periodic");
        broker.setJournalDiskSyncIntervalMillis(50);
        start("sync-periodic");
        assertThat(broker.store().getJournalDiskSyncStrategy()).isEqualToIgnoringCase("periodic");
        assertThat(broker.store().getJournalDiskSyncInterval()).isEqualTo(50);
        send("hub.test.periodic", "transfer-1");
        assertThat(receive("hub.test.periodic", false)).isEqualTo("transfer-1");

        assertThatThrownBy(() -> broker.setJournalDiskSync("sometimes")).hasMessageContaining("always, periodic or never");
    }

    @Test
    void aPersistentMessageSurvivesABrokerRestart() throws Exception {
        start("restart-test");
        send("hub.test.durable", "transfer-1");
        connectionFactory.stop();
        broker.stop();
        assertThat(new File(data.toFile(), "kahadb")).isDirectory();

        start("restart-test");

        assertThat(receive("hub.test.durable", false)).isEqualTo("transfer-1");
    }

    @Test
    void aMessageThatKeepsFailingEndsInItsOwnDeadLetterQueue() throws Exception {
        start("dlq-test");
        send("hub.test.failing", "poison");

        // A transacted consumer that rolls back: the first delivery plus two redeliveries.
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.test.failing"));
            for (int attempt = 1; attempt <= 3; attempt++) {
                Message message = consumer.receive(5000);
                assertThat(message).as("delivery %d", attempt).isNotNull();
                assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
                session.rollback();
            }
            assertThat(consumer.receive(300)).isNull();
        }

        assertThat(receive("DLQ.hub.test.failing", false)).isEqualTo("poison");
    }

    @Test
    void aSendIntoAFullStoreIsRefusedAfterItsWaitAndEveryMessageTakenBeforeStays() throws Exception {
        broker.setSendWaitWhenFullMillis(200);
        start("full-store", 1);
        String payload = "x".repeat(64 * 1024);
        int taken = 0;
        Exception refused = null;
        // At most 64 MB: a store of 1 MB is full long before, and a broker that blocked instead would hang here.
        for (int i = 0; i < 1024 && refused == null; i++) {
            try {
                send("hub.test.full", payload + i);
                taken++;
            } catch (JMSException e) {
                refused = e;
            }
        }

        assertThat(refused).as("a send refused once the store is full").isInstanceOf(ResourceAllocationException.class);
        assertThat(taken).isPositive();
        for (int i = 0; i < taken; i++) {
            assertThat(receive("hub.test.full", false)).as("message %d of %d taken", i, taken).isEqualTo(payload + i);
        }
        assertThat(receive("hub.test.full", false, 100)).isNull();
        assertThatThrownBy(() -> broker.setSendWaitWhenFullMillis(0)).hasMessageContaining("at least 1");
    }

    @Test
    void aBackupOnTheSameStoreWaitsForThePrimaryAndTakesOverWithWhatItHeld() throws Exception {
        start("pair");
        send("hub.test.pair", "transfer-1");
        EmbeddedBroker backup = new EmbeddedBroker();
        backup.setEmbedded(true);
        backup.setBrokerName("pair-backup");
        backup.setDataDirectory(data.toString());
        backup.setTransportConnectors("");
        backup.setStoreLimitMb(64);
        backup.setMemoryLimitMb(32);
        backup.setLockRetryMillis(100);
        java.util.concurrent.CompletableFuture<Void> backupStarted = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                backup.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            // Taken by the primary while the backup waits for the store.
            send("hub.test.pair", "transfer-2");
            connectionFactory.stop();
            connectionFactory = null;
            broker.stop();
            // A guard against a backup that never takes over, not a measure of how fast it does.
            backupStarted.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(backup.isRunning()).isTrue();
            connectionFactory = TestBrokers.connections("pair-backup", 0, 10).create();
            assertThat(receive("hub.test.pair", false)).as("the primary's messages, from the backup").isEqualTo("transfer-1");
            assertThat(receive("hub.test.pair", false)).isEqualTo("transfer-2");
        } finally {
            backupStarted.cancel(true);
            backup.stop();
        }
    }

    @Test
    void isOffWhenNotEmbedded() throws Exception {
        broker.setEmbedded(false);
        broker.start();

        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void theConnectionFactoryUsesTheConfiguredUrlOrTheEmbeddedBroker() {
        HubConnectionFactory builder = new HubConnectionFactory();
        builder.setEmbedded(true);
        builder.setBrokerName("payment-hub");
        assertThat(builder.effectiveBrokerUrl()).isEqualTo("vm://payment-hub?create=false");

        builder.setBrokerUrl(" failover:(tcp://mq1:61616,tcp://mq2:61616) ");
        assertThat(builder.effectiveBrokerUrl()).isEqualTo("failover:(tcp://mq1:61616,tcp://mq2:61616)");

        builder.setEmbedded(false);
        builder.setBrokerUrl("");
        assertThatThrownBy(builder::effectiveBrokerUrl).hasMessageContaining("set url when embedded=false");
    }

    @Test
    void aRelativeDataDirectoryLivesUnderTheKarafDataFolder() {
        String previous = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/opt/hub/data");
        try {
            assertThat(EmbeddedBroker.dataDirectory("activemq")).isEqualTo(new File("/opt/hub/data/activemq"));
            assertThat(EmbeddedBroker.dataDirectory("/var/lib/hub-mq")).isEqualTo(new File("/var/lib/hub-mq"));
        } finally {
            if (previous == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", previous);
            }
        }
    }

    private void send(String queue, String text) throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private String receive(String queue, boolean transacted) throws Exception {
        return receive(queue, transacted, 5000);
    }

    private String receive(String queue, boolean transacted, long waitMillis) throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(transacted, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createConsumer(session.createQueue(queue)).receive(waitMillis);
            return message == null ? null : ((TextMessage) message).getText();
        }
    }
}
