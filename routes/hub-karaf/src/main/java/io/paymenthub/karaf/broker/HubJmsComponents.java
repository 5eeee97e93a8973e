package io.paymenthub.karaf.broker;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.component.jms.JmsComponent;

/**
 * The Camel JMS component every hub bundle uses. Transacted consumers use the JMS session's own
 * transaction (a send from the same route joins it) and keep their consumer between messages,
 * so that the broker client's redelivery policy (back-off, then the dead-letter queue) applies to
 * a step that fails; with a transaction manager and no consumer cache, a rolled-back message would
 * come straight back and use up its attempts in milliseconds.
 */
public final class HubJmsComponents {

    private HubJmsComponents() {
    }

    public static JmsComponent transacted(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }
}
