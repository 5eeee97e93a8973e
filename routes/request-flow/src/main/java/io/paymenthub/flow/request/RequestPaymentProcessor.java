package io.paymenthub.flow.request;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.Redelivery;
import io.paymenthub.flow.payer.PayerMessages;

/** How the payer's transfer that pays an accepted request to pay ended, from the payer flow. */
public class RequestPaymentProcessor implements Processor {

    private final PayerRequests payer;

    public RequestPaymentProcessor(PayerRequests payer) {
        this.payer = payer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        PayerMessages.Ended ended = PayerMessages.Ended.of(message.getHeaders());
        List<Emit> emits = payer.paymentEnded(ended.tenant(), ended.transactionRequestId(), ended.transferId(), ended.finalState(),
                ended.failureCode(), ended.failureReason());
        if (emits.isEmpty() && Redelivery.isRedelivered(message)) {
            emits = payer.newsAgain(ended.tenant(), ended.transactionRequestId());
        }
        message.setBody(emits);
    }
}
