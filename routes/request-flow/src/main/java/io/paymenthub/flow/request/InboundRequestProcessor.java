package io.paymenthub.flow.request;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;

/** A {@code POST /transactionRequests} of the switch, for one of the tenant's customers as payer. */
public class InboundRequestProcessor implements Processor {

    private final PayerRequests payer;

    public InboundRequestProcessor(PayerRequests payer) {
        this.payer = payer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        message.setBody(payer.receive(message.getHeader(InboundMessage.TENANT, String.class),
                message.getHeader(InboundMessage.SOURCE, String.class), message.getHeader(InboundMessage.VERSION, String.class),
                message.getBody(String.class)));
    }
}
