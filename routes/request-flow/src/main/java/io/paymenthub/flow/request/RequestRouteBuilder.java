package io.paymenthub.flow.request;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.step.StepRouteBuilder;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * Requests to pay on the step engine, one route per kind of input: {@code request-step} (a payee's
 * request to send, when it could not run on at once), {@code request-reply} (the switch's callbacks
 * to it), {@code request-payee-event} (the payee flow's quotes and credits), {@code request-inbound}
 * (another FSP's request for a payer of this hub), {@code request-payment} (how the payer's
 * transfer that pays one ended), {@code request-deadlines} and {@code request-emit}.
 */
public class RequestRouteBuilder extends StepRouteBuilder {

    public RequestRouteBuilder(RequestStepProcessor steps, RequestReplyProcessor replies, PayeeEventProcessor payeeEvents,
                               InboundRequestProcessor inbound, RequestPaymentProcessor payments, RequestDeadlineProcessor deadlines) {
        super("request");
        steps(RequestMessages.STEPS, steps);
        callbacks("reply", RequestMessages.REPLIES, RequestMessages.REQUEST_ID, replies);
        input("payee-event", PayeeEvent.QUEUE, payeeEvents);
        input("inbound", "fspiop.requests.transactionRequests", header(InboundMessage.METHOD).isEqualTo("POST"), inbound);
        input("payment", PayerMessages.REQUEST_PAYMENTS, payments);
        deadlines(deadlines);
    }
}
