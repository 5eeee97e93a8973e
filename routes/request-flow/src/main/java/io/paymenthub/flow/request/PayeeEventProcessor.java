package io.paymenthub.flow.request;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.Redelivery;

/** What the payee flow tells of money coming to a tenant's customer: a quote for a request to pay, or a credit. */
public class PayeeEventProcessor implements Processor {

    private final PayeeRequests payee;

    public PayeeEventProcessor(PayeeRequests payee) {
        this.payee = payee;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PayeeEvent event = PayeeEvent.fromHeaders(exchange.getMessage().getHeaders());
        List<Emit> emits = event.kind() == PayeeEvent.Kind.QUOTED ? payee.quoted(event) : payee.credited(event);
        if (emits.isEmpty() && Redelivery.isRedelivered(exchange.getMessage())) {
            emits = payee.newsAgain(event);
        }
        exchange.getMessage().setBody(emits);
    }
}
