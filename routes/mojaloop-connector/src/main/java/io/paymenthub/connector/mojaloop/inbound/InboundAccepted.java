package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The answer to a request that is stored on the broker: 202 Accepted, no body. */
public class InboundAccepted implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setBody(null);
    }
}
