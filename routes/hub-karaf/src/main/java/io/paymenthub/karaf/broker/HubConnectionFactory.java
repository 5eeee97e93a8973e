package io.paymenthub.karaf.broker;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.pool.PooledConnectionFactory;

/**
 * Builds the pooled JMS ConnectionFactory that every hub route uses, published as an OSGi
 * service so routes reference it instead of building their own. With the embedded broker the
 * URL is {@code vm://<brokerName>?create=false}; for an external broker it is set in
 * {@code etc/io.paymenthub.broker.cfg}.
 *
 * <p>Redelivery is the client's: a transacted consumer that fails rolls back, the message comes
 * back after an exponential back-off, and after the last attempt the broker moves it to its
 * dead-letter queue. The back-off does not block: the consumer goes on with the messages behind the
 * failed one meanwhile, so that one tenant whose core banking is down (its steps failing, each
 * waiting up to a minute for its next attempt) does not stall the other tenants' transfers on the
 * same queue. The flows never depend on the order of messages (every step is a compare-and-set on
 * its record's state), so nothing is lost by giving it up.
 */
public class HubConnectionFactory {

    private boolean embedded;
    private String brokerName;
    private String brokerUrl;
    private String username;
    private String password;
    private BrokerSecurity security;
    private int maximumRedeliveries;
    private long initialRedeliveryDelayMillis;
    private double backOffMultiplier;
    private long maximumRedeliveryDelayMillis;
    private int maxConnections;
    private boolean messagePrioritySupported = true;

    public PooledConnectionFactory create() {
        ActiveMQConnectionFactory target = new ActiveMQConnectionFactory(effectiveBrokerUrl());
        if (embedded && (brokerUrl == null || brokerUrl.isBlank()) && security != null) {
            // The embedded broker in this JVM: as the hub itself, with the password it made at start.
            target.setUserName(BrokerSecurity.HUB_USER);
            target.setPassword(security.hubPassword());
        } else if (username != null && !username.isBlank()) {
            target.setUserName(username);
            target.setPassword(password);
        }
        target.setRedeliveryPolicy(redeliveryPolicy());
        target.setNonBlockingRedelivery(true);
        // A consumer takes the higher priorities first from what it has prefetched (up to 1,000 a queue): a batch's steps,
        // sent lower, wait behind single transfers' even once they sit in its buffer (EmbeddedBroker.destinationPolicy).
        target.setMessagePrioritySupported(messagePrioritySupported);
        // Only our own message types travel on these queues: plain text and maps, never objects.
        target.setTrustAllPackages(false);
        PooledConnectionFactory pooled = new PooledConnectionFactory();
        pooled.setConnectionFactory(target);
        pooled.setMaxConnections(maxConnections);
        pooled.start();
        return pooled;
    }

    /** The configured URL; when empty, the in-JVM URL of the embedded broker. */
    String effectiveBrokerUrl() {
        if (brokerUrl != null && !brokerUrl.isBlank()) {
            return brokerUrl.trim();
        }
        if (!embedded) {
            throw new IllegalStateException("io.paymenthub.broker: set url when embedded=false");
        }
        // create=false: never let a typo start a second, empty, in-memory broker.
        return "vm://" + brokerName + "?create=false";
    }

    RedeliveryPolicy redeliveryPolicy() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximumRedeliveries);
        policy.setInitialRedeliveryDelay(initialRedeliveryDelayMillis);
        policy.setRedeliveryDelay(initialRedeliveryDelayMillis);
        policy.setUseExponentialBackOff(backOffMultiplier > 1.0);
        policy.setBackOffMultiplier(backOffMultiplier);
        policy.setMaximumRedeliveryDelay(maximumRedeliveryDelayMillis);
        return policy;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public void setSecurity(BrokerSecurity security) {
        this.security = security;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setMaximumRedeliveries(int maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    public void setInitialRedeliveryDelayMillis(long initialRedeliveryDelayMillis) {
        this.initialRedeliveryDelayMillis = initialRedeliveryDelayMillis;
    }

    public void setBackOffMultiplier(double backOffMultiplier) {
        this.backOffMultiplier = backOffMultiplier;
    }

    public void setMaximumRedeliveryDelayMillis(long maximumRedeliveryDelayMillis) {
        this.maximumRedeliveryDelayMillis = maximumRedeliveryDelayMillis;
    }

    /** Whether consumers take the higher priorities first from what they prefetched (true, the default). */
    public void setMessagePrioritySupported(boolean messagePrioritySupported) {
        this.messagePrioritySupported = messagePrioritySupported;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }
}
