package io.paymenthub.karaf.broker;

import java.nio.file.Path;

/** The hub's embedded broker and connection factory as the tests of this package start them. */
final class TestBrokers {

    private TestBrokers() {
    }

    /** A persistent embedded broker named {@code name}, its store in {@code data}. */
    static EmbeddedBroker start(String name, Path data) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker();
        broker.setEmbedded(true);
        broker.setBrokerName(name);
        broker.setDataDirectory(data.toString());
        broker.setStoreLimitMb(64);
        broker.setMemoryLimitMb(32);
        broker.start();
        return broker;
    }

    /** The hub's connection factory to that broker, redelivering a rolled-back message {@code redeliveries} times after a fixed delay. */
    static HubConnectionFactory connections(String name, int redeliveries, long delayMillis) {
        HubConnectionFactory builder = new HubConnectionFactory();
        builder.setEmbedded(true);
        builder.setBrokerName(name);
        builder.setMaximumRedeliveries(redeliveries);
        builder.setInitialRedeliveryDelayMillis(delayMillis);
        builder.setBackOffMultiplier(1);
        builder.setMaximumRedeliveryDelayMillis(delayMillis);
        builder.setMaxConnections(2);
        return builder;
    }
}
