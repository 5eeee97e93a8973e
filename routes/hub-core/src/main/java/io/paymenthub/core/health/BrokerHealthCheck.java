package io.paymenthub.core.health;

import java.util.Map;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import io.paymenthub.core.route.BrokerProbeRouteBuilder;

/**
 * The broker is UP when a probe makes the full round trip: sent to the probe queue, consumed by
 * the probe responder route, and its reply received on a temporary queue. A connection that is
 * open but cannot deliver is therefore reported DOWN. Probes are non-persistent and expire, so
 * an unanswered one leaves nothing behind.
 */
public class BrokerHealthCheck implements HealthCheck {

    private final ConnectionFactory connectionFactory;
    private final long timeoutMillis;

    public BrokerHealthCheck(ConnectionFactory connectionFactory, long timeoutMillis) {
        this.connectionFactory = connectionFactory;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public ComponentHealth check() {
        String probe = "probe-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue(BrokerProbeRouteBuilder.PROBE_QUEUE));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setTimeToLive(timeoutMillis);
            TextMessage request = session.createTextMessage(probe);
            request.setJMSReplyTo(replies);
            producer.send(request);
            Message reply = session.createConsumer(replies).receive(timeoutMillis);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (reply == null) {
                return ComponentHealth.down(name(), "no probe reply within " + timeoutMillis + " ms");
            }
            String body = reply instanceof TextMessage text ? text.getText() : String.valueOf(reply);
            if (!BrokerProbeRouteBuilder.replyTo(probe).equals(body)) {
                return ComponentHealth.down(name(), "unexpected probe reply: " + body);
            }
            return ComponentHealth.up(name(), Map.of("roundTripMillis", millis));
        } catch (JMSException | RuntimeException e) {
            return ComponentHealth.down(name(), "probe round trip failed: " + e.getMessage());
        }
    }
}
