package io.paymenthub.connector.mojaloop.dispatch;

import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.core.step.Emit;

/**
 * Hands on what the inbound API stored on {@code fspiop.inbound.queue} instead of handing it on
 * itself: a callback or a {@code GET} it accepted while the database could not be reached (and
 * messages stored there by earlier versions of the hub). The consumer is transacted: a failure
 * rolls the message back onto the queue for redelivery, and after the broker's last attempt it
 * lands in the queue's dead-letter queue, never lost.
 */
public class FspiopDispatchRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "fspiop-dispatch";

    private final InboundDispatcher dispatcher;

    public FspiopDispatchRouteBuilder(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void configure() {
        Emit.sendEach(from("jms:queue:{{fspiop.inbound.queue}}?transacted=true&concurrentConsumers={{fspiop.dispatch.consumers}}")
                .routeId(ROUTE_ID)
                .process(dispatcher));
    }
}
