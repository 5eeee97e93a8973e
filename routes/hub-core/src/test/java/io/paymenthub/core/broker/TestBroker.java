package io.paymenthub.core.broker;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.Queue;
import org.apache.activemq.command.ActiveMQQueue;

/**
 * A real ActiveMQ broker for route tests, embedded and in memory, with a connection factory to it:
 * the same broker the hub runs, without its store.
 */
public final class TestBroker implements AutoCloseable {

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    private TestBroker(BrokerService broker, ActiveMQConnectionFactory connectionFactory) {
        this.broker = broker;
        this.connectionFactory = connectionFactory;
    }

    /** Starts a broker with this name (one per test class: tests in one JVM must not share it). */
    public static TestBroker start(String name) throws Exception {
        return start(name, null, null, null);
    }

    /**
     * Starts a broker with this security plugin (as the distribution's embedded broker runs it: the
     * sender's authenticated user written into each message), its connection factory logged in as
     * {@code user}.
     */
    public static TestBroker start(String name, org.apache.activemq.broker.BrokerPlugin security, String user, String password)
            throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(name);
        broker.setPersistent(false);
        broker.setUseJmx(false);
        if (security != null) {
            broker.setPlugins(new org.apache.activemq.broker.BrokerPlugin[] {security});
            broker.setPopulateJMSXUserID(true);
        }
        broker.start();
        broker.waitUntilStarted();
        return new TestBroker(broker, new ActiveMQConnectionFactory(user, password, "vm://" + name + "?create=false"));
    }

    /** A message rolled back is delivered again after {@code delayMillis}, up to {@code maxRedeliveries} times (then its DLQ). */
    public TestBroker redelivering(long delayMillis, int maxRedeliveries) {
        RedeliveryPolicy redelivery = new RedeliveryPolicy();
        redelivery.setInitialRedeliveryDelay(delayMillis);
        redelivery.setRedeliveryDelay(delayMillis);
        redelivery.setMaximumRedeliveries(maxRedeliveries);
        connectionFactory.setRedeliveryPolicy(redelivery);
        connectionFactory.setNonBlockingRedelivery(true); // as the hub's own factory: the messages behind go on meanwhile
        return this;
    }

    public ActiveMQConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    public BrokerService service() {
        return broker;
    }

    /** Drops every message waiting in the queue, if it exists. */
    public void purge(String queue) throws Exception {
        Destination destination = broker.getDestination(new ActiveMQQueue(queue));
        // A security plugin hands out its own filter around the queue.
        while (destination instanceof org.apache.activemq.broker.region.DestinationFilter filter) {
            destination = filter.getNext();
        }
        if (destination instanceof Queue q) {
            q.purge();
        }
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
