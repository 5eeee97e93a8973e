package io.paymenthub.flow.request;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.core.step.Emit;
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
        String tenant = message.getHeader(PayerMessages.TENANT, String.class);
        String requestId = message.getHeader(PayerMessages.TRANSACTION_REQUEST_ID, String.class);
        List<Emit> emits = payer.paymentEnded(tenant, requestId, message.getHeader(PayerMessages.TRANSFER_ID, String.class),
                message.getHeader(PayerMessages.FINAL_STATE, String.class), message.getHeader(PayerMessages.FAILURE_CODE, String.class),
                message.getHeader(PayerMessages.FAILURE_REASON, String.class));
        if (emits.isEmpty() && RequestMessages.redelivered(message)) {
            emits = payer.newsAgain(tenant, requestId);
        }
        message.setBody(emits);
    }
}
