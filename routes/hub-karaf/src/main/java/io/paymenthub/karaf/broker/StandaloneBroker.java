package io.paymenthub.karaf.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The hub's broker as a process of its own, for hub nodes that share one broker: the embedded
 * broker's configuration (KahaDB, a dead-letter queue per queue, the statistics plugin, the
 * scheduler for delayed redelivery) on the given connectors, with the one user the nodes log in
 * as. Two of these on one shared data directory make a primary/backup pair: the second waits for
 * KahaDB's lock (tried every {@code lockRetryMillis}, 1000) and takes over when the first dies; the nodes reach whichever holds it through
 * {@code failover:(tcp://mq1:61616,tcp://mq2:61616)}.
 *
 * <p>{@code java -cp <activemq and hub jars> io.paymenthub.karaf.broker.StandaloneBroker data=/var/lib/hub-mq
 * connectors=tcp://0.0.0.0:61616 user=hub-nodes password=...}
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("Settings are key=value: " + arg);
            }
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        if (settings.get("data") == null || settings.get("user") == null || settings.get("password") == null) {
            throw new IllegalArgumentException("data=<directory>, user=<the nodes' user> and password=<its password> are required");
        }
        EmbeddedBroker broker = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "broker-shutdown"));
        stopped.await();
    }

    /**
     * Starts the broker {@code settings} describe: name, data, connectors, user, password, limits, sendWaitWhenFullMillis,
     * lockRetryMillis, journalDiskSync, prioritizedMessages; those not given take the embedded broker's defaults (io.paymenthub.broker).
     */
    public static EmbeddedBroker start(Map<String, String> settings) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker();
        broker.setEmbedded(true);
        broker.setBrokerName(settings.getOrDefault("name", "payment-hub"));
        broker.setDataDirectory(settings.get("data"));
        broker.setTransportConnectors(settings.getOrDefault("connectors", "tcp://127.0.0.1:61616"));
        broker.setStoreLimitMb(Long.parseLong(settings.getOrDefault("storeLimitMb", "10240")));
        broker.setMemoryLimitMb(Long.parseLong(settings.getOrDefault("memoryLimitMb", "256")));
        broker.setSendWaitWhenFullMillis(Long.parseLong(settings.getOrDefault("sendWaitWhenFullMillis", "3000")));
        broker.setLockRetryMillis(Long.parseLong(settings.getOrDefault("lockRetryMillis", "1000")));
        broker.setJournalDiskSync(settings.getOrDefault("journalDiskSync", "always"));
        if (settings.containsKey("prioritizedMessages")) {
            broker.setPrioritizedMessages(Boolean.parseBoolean(settings.get("prioritizedMessages")));
        }
        // No tenant directory here: the nodes' user has every right, anyone else is refused.
        broker.setSecurity(new BrokerSecurity(List.of(), settings.get("user"), settings.get("password"), 5, 300));
        broker.start();
        return broker;
    }
}
