package io.paymenthub.flow.payee;

import org.apache.camel.Exchange;

import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.step.Emit;

/**
 * The payee flow's {@link PayeeEvent}s: a processor leaves one in the exchange property
 * {@link #PROPERTY}, and the route sends it after the answer to the switch, in the same JMS
 * transaction.
 */
final class PayeeEvents {

    static final String PROPERTY = "payeeEvent";
    /**
     * Kept a week at most: no request to pay lives longer, and a hub that runs the payee flow without
     * the request flow does not pile them up for ever.
     */
    static final String ENDPOINT = "jms:queue:" + PayeeEvent.QUEUE + "?deliveryPersistent=true&exchangePattern=InOnly"
            + "&explicitQosEnabled=true&timeToLive=604800000";

    private PayeeEvents() {
    }

    static void announce(Exchange exchange, PayeeEvent event) {
        exchange.setProperty(PROPERTY, event);
    }

    /** Makes the exchange the event's message ({@link PayeeEvent#emit}), as every flow writes what it sends. */
    static void write(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(PROPERTY, PayeeEvent.class).emit());
        Emit.write(exchange);
    }
}
