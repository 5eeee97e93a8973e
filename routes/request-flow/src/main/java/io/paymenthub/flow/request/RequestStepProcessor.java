package io.paymenthub.flow.request;

import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.flow.payer.Emit;

/**
 * Runs the step due in the state a {@link RequestMessages#STEPS} message names: for a payee's
 * request RECEIVED, the payee's account checked and the payer looked up. A redelivered message
 * whose transition was recorded but whose sends were rolled back sends the lookup again.
 */
public class RequestStepProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStepProcessor.class);

    private final PayeeRequests payee;
    private final TransactionRequestStore store;

    public RequestStepProcessor(PayeeRequests payee, TransactionRequestStore store) {
        this.payee = payee;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String tenant = message.getHeader(RequestMessages.TENANT, String.class);
        String requestId = message.getHeader(RequestMessages.REQUEST_ID, String.class);
        RequestState asked = RequestState.valueOf(message.getHeader(RequestMessages.STATE, String.class));
        Optional<TransactionRequest> found = store.find(tenant, requestId, RequestRole.PAYEE);
        List<Emit> emits = List.of();
        if (found.isEmpty()) {
            LOG.warn("Step {} for request {} of {}, which is not in the journal: dropped", asked, requestId, tenant);
        } else if (found.get().state() == asked && asked == RequestState.RECEIVED) {
            emits = payee.checkPayeeAndLookup(found.get());
        } else if (found.get().state() == RequestState.LOOKUP_SENT && asked == RequestState.RECEIVED
                && Boolean.TRUE.equals(message.getHeader("JMSRedelivered", Boolean.class))) {
            emits = List.of(RequestSwitchMessages.lookupPayer(found.get()));
        }
        message.setBody(emits);
    }
}
