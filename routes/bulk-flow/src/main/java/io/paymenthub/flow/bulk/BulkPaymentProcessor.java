package io.paymenthub.flow.bulk;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.flow.payer.PayerMessages;

/** How the transfer of a batch's item ended, from the payer flow. */
public class BulkPaymentProcessor implements Processor {

    private final BulkBatches batches;

    public BulkPaymentProcessor(BulkBatches batches) {
        this.batches = batches;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PayerMessages.Ended ended = PayerMessages.Ended.of(exchange.getMessage().getHeaders());
        exchange.getMessage().setBody(batches.transferEnded(ended.transferId(), ended.finalState(), ended.payerFee(), ended.failureCode(),
                ended.failureReason()));
    }
}
