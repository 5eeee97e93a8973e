package io.paymenthub.connector.mojaloop.outbound;

import org.apache.camel.builder.RouteBuilder;

/**
 * Sends what the flows put on {@code fspiop.outbound}. Transacted: if the switch cannot be reached
 * after the resends, the message goes back on the queue for the broker's redelivery, and after the
 * last attempt to its dead-letter queue; an answer is never dropped.
 */
public class FspiopOutboundQueueRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "fspiop-outbound-queue";

    private final OutboundQueueReader reader;

    public FspiopOutboundQueueRouteBuilder(OutboundQueueReader reader) {
        this.reader = reader;
    }

    @Override
    public void configure() {
        from("jms:queue:" + OutboundMessage.QUEUE + "?transacted=true&concurrentConsumers={{fspiop.dispatch.consumers}}")
                .routeId(ROUTE_ID)
                .process(reader)
                .to(FspiopOutboundRouteBuilder.ENDPOINT);
    }
}
