package io.paymenthub.karaf.broker;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ActiveMQ broker that runs inside the hub when {@code embedded=true} (the default, so the
 * distribution runs alone): persistent (KahaDB under the Karaf data folder), every queue with
 * its own dead-letter queue {@code DLQ.<queue>}, OpenWire on loopback only unless configured,
 * since other brokers on the machine may hold the usual AMQP and MQTT ports, and every connection
 * authenticated and held to its own destinations ({@link BrokerSecurity}).
 */
public class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private boolean embedded;
    private String brokerName;
    private String dataDirectory;
    private String transportConnectors = "";
    private long storeLimitMb;
    private long memoryLimitMb;
    private long sendWaitWhenFullMillis;
    private long lockRetryMillis;
    private String journalDiskSync = "always";
    private long journalDiskSyncIntervalMillis = 1000;
    private boolean prioritizedMessages = true;
    private BrokerSecurity security;
    private BrokerService broker;

    public void start() throws Exception {
        if (!embedded) {
            LOG.info("Embedded broker disabled: the hub uses the external broker set in io.paymenthub.broker");
            return;
        }
        BrokerService service = new BrokerService();
        service.setBrokerName(brokerName);
        service.setPersistent(true);
        service.setUseJmx(false);
        service.setUseShutdownHook(false);
        service.setSchedulerSupport(true);
        File data = dataDirectory(dataDirectory);
        service.setDataDirectoryFile(data);
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(new File(data, "kahadb"));
        kahaDb.setJournalDiskSyncStrategy(journalDiskSync);
        kahaDb.setJournalDiskSyncInterval(journalDiskSyncIntervalMillis);
        if (lockRetryMillis > 0) {
            // A backup waits here for its primary's lock on the shared store: it takes over this long after the primary dies at most.
            kahaDb.getLocker().setLockAcquireSleepInterval(lockRetryMillis);
        }
        service.setPersistenceAdapter(kahaDb);
        service.setSchedulerDirectoryFile(new File(data, "scheduler"));
        service.getSystemUsage().getStoreUsage().setLimit(storeLimitMb * 1024 * 1024);
        service.getSystemUsage().getMemoryUsage().setLimit(memoryLimitMb * 1024 * 1024);
        // A send into a full store is refused after this wait instead of blocking its sender for as
        // long as the store stays full: the HTTP edges then answer 503 and the sender repeats later.
        service.getSystemUsage().setSendFailIfNoSpaceAfterTimeout(sendWaitWhenFullMillis);
        service.setDestinationPolicy(destinationPolicy(prioritizedMessages));
        // The statistics plugin answers the dead-letter console's question of which DLQs hold how much (DeadLetters).
        service.setPlugins(security == null ? new BrokerPlugin[] {new StatisticsBrokerPlugin()}
                : new BrokerPlugin[] {security, new StatisticsBrokerPlugin()});
        if (security != null) {
            // The sender's user (its connection was authenticated) in every message: the channel API knows whose channel sent a request.
            service.setPopulateJMSXUserID(true);
        }
        for (String uri : connectors()) {
            service.addConnector(uri);
        }
        service.start();
        if (!service.waitUntilStarted()) {
            throw new IllegalStateException("Embedded broker " + brokerName + " did not start");
        }
        broker = service;
        LOG.info("Embedded broker {} started (data {}, connectors {}, journal synced to disk {})", brokerName, data, connectors(),
                "periodic".equals(journalDiskSync) ? "every " + journalDiskSyncIntervalMillis + " ms" : journalDiskSync);
    }

    public void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
            broker = null;
            LOG.info("Embedded broker {} stopped", brokerName);
        }
    }

    /**
     * Each queue dead-letters to its own {@code DLQ.<queue>}, so an operator sees where a message
     * failed; a tenant's notification that expired unread is dropped instead (its channels can GET the
     * state), or a tenant that never reads them would fill the store through its DLQ. Every queue hands
     * its higher priorities out first: a batch's messages go at a lower one, so that a batch's thousands
     * of steps do not hold up the single transfers queued behind them (the consumers' connections order
     * what they have prefetched the same way: {@link HubConnectionFactory}).
     */
    public static PolicyMap destinationPolicy() {
        return destinationPolicy(true);
    }

    /** @param prioritizedMessages false: every queue in arrival order, whatever a message's priority */
    public static PolicyMap destinationPolicy(boolean prioritizedMessages) {
        PolicyEntry queues = new PolicyEntry();
        queues.setQueue(">");
        queues.setDeadLetterStrategy(deadLetters(true));
        queues.setPrioritizedMessages(prioritizedMessages);
        PolicyEntry notifications = new PolicyEntry();
        notifications.setQueue("channel.notifications.>");
        notifications.setDeadLetterStrategy(deadLetters(false));
        notifications.setPrioritizedMessages(prioritizedMessages);
        PolicyMap policy = new PolicyMap();
        policy.setPolicyEntries(List.of(queues, notifications));
        return policy;
    }

    private static IndividualDeadLetterStrategy deadLetters(boolean keepExpired) {
        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix("DLQ.");
        deadLetters.setUseQueueForQueueMessages(true);
        deadLetters.setProcessNonPersistent(false);
        deadLetters.setProcessExpired(keepExpired);
        return deadLetters;
    }

    /** A relative data directory lives under the Karaf data folder, which survives restarts but not a clean. */
    static File dataDirectory(String configured) {
        File directory = new File(configured);
        String karafData = System.getProperty("karaf.data");
        return directory.isAbsolute() || karafData == null ? directory : new File(karafData, configured);
    }

    List<String> connectors() {
        return List.of(transportConnectors.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean isRunning() {
        return broker != null && broker.isStarted();
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Comma-separated connector URIs; empty for in-JVM ({@code vm://}) access only. */
    public void setTransportConnectors(String transportConnectors) {
        this.transportConnectors = transportConnectors == null ? "" : transportConnectors;
    }

    /** Who may connect and to what; without it (tests only) anybody may. */
    public void setSecurity(BrokerSecurity security) {
        this.security = security;
    }

    public void setStoreLimitMb(long storeLimitMb) {
        this.storeLimitMb = storeLimitMb;
    }

    public void setMemoryLimitMb(long memoryLimitMb) {
        this.memoryLimitMb = memoryLimitMb;
    }

    /**
     * How often a broker whose store another holds (a backup on its primary's shared data directory)
     * tries the store's lock again; 0 leaves ActiveMQ's 10 s.
     */
    public void setLockRetryMillis(long lockRetryMillis) {
        if (lockRetryMillis < 0) {
            throw new IllegalArgumentException("lockRetryMillis must not be negative");
        }
        this.lockRetryMillis = lockRetryMillis;
    }

    /**
     * How long a send waits for room when the store (or memory) is full before the broker refuses it
     * ({@code ResourceAllocationException}); at least 1, since 0 would make it wait for ever.
     */
    public void setSendWaitWhenFullMillis(long sendWaitWhenFullMillis) {
        if (sendWaitWhenFullMillis < 1) {
            throw new IllegalArgumentException("sendWaitWhenFullMillis must be at least 1");
        }
        this.sendWaitWhenFullMillis = sendWaitWhenFullMillis;
    }

    /**
     * When KahaDB forces its journal to disk: {@code always} (at every write batch: a message the
     * broker acknowledged survives a power cut), {@code periodic} (every
     * {@link #setJournalDiskSyncIntervalMillis interval}: it survives a crash of the hub's process,
     * which has handed it to the operating system, but not a power cut within the interval) or
     * {@code never} (left to the operating system).
     */
    public void setJournalDiskSync(String journalDiskSync) {
        String strategy = journalDiskSync == null ? "" : journalDiskSync.trim().toLowerCase(Locale.ROOT);
        if (!List.of("always", "periodic", "never").contains(strategy)) {
            throw new IllegalArgumentException("journalDiskSync must be always, periodic or never, not '" + journalDiskSync + "'");
        }
        this.journalDiskSync = strategy;
    }

    /** Whether the queues hand out higher priorities first (true, the default): {@link #destinationPolicy(boolean)}. */
    public void setPrioritizedMessages(boolean prioritizedMessages) {
        this.prioritizedMessages = prioritizedMessages;
    }

    public void setJournalDiskSyncIntervalMillis(long journalDiskSyncIntervalMillis) {
        if (journalDiskSyncIntervalMillis < 1) {
            throw new IllegalArgumentException("journalDiskSyncIntervalMillis must be at least 1");
        }
        this.journalDiskSyncIntervalMillis = journalDiskSyncIntervalMillis;
    }

    /** For tests: the running broker's store. */
    KahaDBPersistenceAdapter store() throws IOException {
        return broker == null ? null : (KahaDBPersistenceAdapter) broker.getPersistenceAdapter();
    }
}
