package io.paymenthub.flow.bulk;

import java.math.BigDecimal;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        Message message = exchange.getMessage();
        String fee = message.getHeader(PayerMessages.PAYER_FEE, String.class);
        message.setBody(batches.transferEnded(message.getHeader(PayerMessages.TRANSFER_ID, String.class),
                message.getHeader(PayerMessages.FINAL_STATE, String.class), fee == null ? null : new BigDecimal(fee),
                message.getHeader(PayerMessages.FAILURE_CODE, String.class), message.getHeader(PayerMessages.FAILURE_REASON, String.class)));
    }
}
