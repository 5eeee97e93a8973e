package io.paymenthub.flow.request;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;

/**
 * A {@code POST /transactionRequests} of the switch, for one of the tenant's customers as payer,
 * once the {@link FspiopRequestGate} admits it: a repeat gets the recorded answer again instead.
 */
public class InboundRequestProcessor implements Processor {

    private final PayerRequests payer;
    private final FspiopRequestGate gate;

    public InboundRequestProcessor(PayerRequests payer, FspiopRequestGate gate) {
        this.payer = payer;
        this.gate = gate;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        FspiopRequestGate.Passage passage = gate.pass(message);
        if (!passage.admitted()) {
            message.setBody(passage.instead());
            return;
        }
        message.setBody(payer.receive(message.getHeader(InboundMessage.TENANT, String.class),
                message.getHeader(InboundMessage.SOURCE, String.class), message.getHeader(InboundMessage.VERSION, String.class),
                message.getBody(String.class)));
    }
}
