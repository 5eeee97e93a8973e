package io.paymenthub.connector.mojaloop.dispatch;

import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;

/**
 * Takes what the inbound API stored ({@code fspiop.inbound.queue}) and hands each message on once:
 * to the flows' queue of its resource, or, for a repeated request, back to the switch. The
 * consumer is transacted: a failure rolls the message back onto the queue for redelivery, and after
 * the broker's last attempt it lands in the queue's dead-letter queue, never lost.
 */
public class FspiopDispatchRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "fspiop-dispatch";

    private final InboundDispatcher dispatcher;

    public FspiopDispatchRouteBuilder(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void configure() {
        from("jms:queue:{{fspiop.inbound.queue}}?transacted=true&concurrentConsumers={{fspiop.dispatch.consumers}}")
                .routeId(ROUTE_ID)
                .process(dispatcher)
                .choice()
                    .when(header(InboundDispatcher.ACTION).isEqualTo(InboundDispatcher.Action.FORWARD.name()))
                        .toD("jms:queue:${header." + InboundDispatcher.TARGET + "}?deliveryPersistent=true")
                    .when(header(InboundDispatcher.ACTION).isEqualTo(InboundDispatcher.Action.SEND.name()))
                        .to(FspiopOutboundRouteBuilder.ENDPOINT)
                .end();
    }
}
