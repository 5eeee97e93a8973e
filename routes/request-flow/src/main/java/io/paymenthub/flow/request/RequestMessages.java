package io.paymenthub.flow.request;

import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.core.step.Emit;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * The queues and JMS properties of requests to pay. A message on {@link #STEPS} wakes a payee's
 * request up for the step due in the state it names; the journal holds the request. The switch's
 * callbacks to the payee's side come back on {@link #REPLIES} with the request id as correlation
 * (and the tenant in {@code hubTenant}). The channels are told through the payer flow's
 * {@link PayerMessages#EVENTS}, with {@link PayerMessages#EVENT_TYPE} {@value #REQUEST_EVENT}.
 */
public final class RequestMessages {

    public static final String STEPS = "request.steps";
    public static final String REPLIES = "request.replies";
    public static final String REQUEST_EVENT = "request";

    public static final String TENANT = "hubTenant";
    public static final String REQUEST_ID = "hubRequestId";
    public static final String STATE = "hubRequestState";
    /** On a notification: the state the request reached. */
    public static final String REQUEST_STATE = "requestState";

    private RequestMessages() {
    }

    /** Asks for the step due in the request's state; the flow runs it on at once where it can. */
    static Emit step(TransactionRequest r) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TENANT, r.tenant());
        headers.put(REQUEST_ID, r.requestId());
        headers.put(STATE, r.state().name());
        return new Emit(STEPS, headers, "");
    }

    /** The tenant's channels are told where the request stands (with its transfer, on the payer's side). */
    static Emit notification(TransactionRequest r, String body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TENANT, r.tenant());
        headers.put(PayerMessages.EVENT_TYPE, REQUEST_EVENT);
        headers.put(REQUEST_ID, r.requestId());
        headers.put(REQUEST_STATE, r.state().name());
        return new Emit(PayerMessages.EVENTS, headers, body);
    }
}
