package io.paymenthub.flow.request;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.core.step.DeadlineCheck;

/**
 * Ends the waits that ran out, on both sides: an unanswered lookup or request fails, an unpaid
 * request expires, a payer who did not answer gets the request expired (and the payee's FSP is
 * told), a step whose message was lost is asked again, an accepted request whose transfer was not
 * yet recorded gets it.
 */
public class RequestDeadlineProcessor implements Processor {

    private final DeadlineCheck check;

    public RequestDeadlineProcessor(PayeeRequests payee, PayerRequests payer, TransactionRequestStore store) {
        this.check = new DeadlineCheck(store::now, List.of(new DeadlineCheck.Due<TransactionRequest>(store::pastDeadline,
                (r, now) -> r.role() == RequestRole.PAYEE ? payee.deadlinePassed(r) : payer.deadlinePassed(r),
                r -> "Request " + r.requestId() + " of " + r.tenant() + " (" + r.role() + ", " + r.state() + ")")));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        check.process(exchange);
    }
}
