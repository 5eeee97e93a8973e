package io.paymenthub.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.core.health.BrokerHealthCheck;
import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthStatus;

/** The broker probe on a real (embedded, in-memory) ActiveMQ broker: out through a queue and back. */
class BrokerProbeRouteTest extends CamelTestSupport {

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start("probe-test");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new BrokerProbeRouteBuilder();
    }

    @Test
    void theProbeComesBackThroughTheResponderRoute() {
        NotifyBuilder answered = new NotifyBuilder(context).fromRoute(BrokerProbeRouteBuilder.ROUTE_ID).whenCompleted(1).create();

        ComponentHealth health = new BrokerHealthCheck(broker.connectionFactory(), 5000).check();

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsKey("roundTripMillis");
        assertThat(answered.matchesWaitTime()).isTrue();
    }

    @Test
    void isDownWhenNothingConsumesTheProbeQueue() throws Exception {
        context.getRouteController().stopRoute(BrokerProbeRouteBuilder.ROUTE_ID);

        ComponentHealth health = new BrokerHealthCheck(broker.connectionFactory(), 300).check();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.details().get("error")).isEqualTo("no probe reply within 300 ms");
    }

    @Test
    void isDownWhenTheBrokerIsGone() throws Exception {
        ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory("tcp://127.0.0.1:1?jms.connectResponseTimeout=500");

        ComponentHealth health = new BrokerHealthCheck(nowhere, 300).check();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.details().get("error")).asString().startsWith("probe round trip failed");
    }
}
