package io.paymenthub.flow.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StepRunner;

/**
 * Runs the step due in the state a step message names: for a payee's request RECEIVED, the payee's
 * account checked and the payer looked up. A redelivered message whose transition was recorded but
 * whose sends were rolled back sends the lookup again.
 */
public class RequestStepProcessor implements StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStepProcessor.class);

    private final PayeeRequests payee;
    private final TransactionRequestStore store;

    public RequestStepProcessor(PayeeRequests payee, TransactionRequestStore store) {
        this.payee = payee;
        this.store = store;
    }

    @Override
    public List<Emit> run(Map<String, Object> headers, boolean redelivered) throws Exception {
        String tenant = (String) headers.get(RequestMessages.TENANT);
        String requestId = (String) headers.get(RequestMessages.REQUEST_ID);
        RequestState asked = RequestState.valueOf((String) headers.get(RequestMessages.STATE));
        Optional<TransactionRequest> found = store.find(tenant, requestId, RequestRole.PAYEE);
        if (found.isEmpty()) {
            LOG.warn("Step {} for request {} of {}, which is not in the journal: dropped", asked, requestId, tenant);
            return List.of();
        }
        if (found.get().state() == asked && asked == RequestState.RECEIVED) {
            return payee.checkPayeeAndLookup(found.get());
        }
        if (found.get().state() == RequestState.LOOKUP_SENT && asked == RequestState.RECEIVED && redelivered) {
            return List.of(RequestSwitchMessages.lookupPayer(found.get()));
        }
        return List.of();
    }
}
