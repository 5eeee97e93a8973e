package io.paymenthub.core.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * Answers the broker health probe: consumes the probe queue and replies, so that {@code /health}
 * proves a message can go through the broker and come back.
 */
public class BrokerProbeRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "broker-probe-responder";
    /** The queue the probe travels on; its consumer URI is the {@code hub.broker.probeConsumerUri} property. */
    public static final String PROBE_QUEUE = "hub.health.probe";

    /** The reply the responder gives to a probe: the check compares it with what it sent. */
    public static String replyTo(String probe) {
        return "pong:" + probe;
    }

    @Override
    public void configure() {
        from("jms:queue:" + PROBE_QUEUE + "?concurrentConsumers=1")
                .routeId(ROUTE_ID)
                .log(org.apache.camel.LoggingLevel.DEBUG, "Broker probe ${body}")
                .setBody(exchange -> replyTo(exchange.getMessage().getBody(String.class)));
    }
}
