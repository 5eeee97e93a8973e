package io.paymenthub.flow.request;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.flow.payer.Emit;

/**
 * Ends the waits that ran out, on both sides: an unanswered lookup or request fails, an unpaid
 * request expires, a payer who did not answer gets the request expired (and the payee's FSP is
 * told), a step whose message was lost is asked again, an accepted request whose transfer was not
 * yet recorded gets it. One request that cannot be handled now is left for the next check.
 */
public class RequestDeadlineProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlineProcessor.class);
    private static final int BATCH = 200;

    private final PayeeRequests payee;
    private final PayerRequests payer;
    private final TransactionRequestStore store;

    public RequestDeadlineProcessor(PayeeRequests payee, PayerRequests payer, TransactionRequestStore store) {
        this.payee = payee;
        this.payer = payer;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Emit> emits = new ArrayList<>();
        for (TransactionRequest r : store.pastDeadline(store.now(), BATCH)) {
            try {
                emits.addAll(r.role() == RequestRole.PAYEE ? payee.deadlinePassed(r) : payer.deadlinePassed(r));
            } catch (Exception e) {
                // The messages of the requests already moved must still go out: only this one waits for the next check.
                LOG.warn("Request {} of {} ({}): its deadline could not be handled now: {}", r.requestId(), r.tenant(), r.state(),
                        e.getMessage());
            }
        }
        exchange.getMessage().setBody(emits);
    }
}
