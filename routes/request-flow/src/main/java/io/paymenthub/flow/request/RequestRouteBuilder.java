package io.paymenthub.flow.request;

import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.flow.payer.Emit;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * Requests to pay, one route per kind of input: {@code request-step} (a payee's request to send),
 * {@code request-reply} (the switch's callbacks to it), {@code request-payee-event} (the payee flow's
 * quotes and credits), {@code request-inbound} (another FSP's request for a payer of this hub),
 * {@code request-payment} (how the payer's transfer that pays one ended) and {@code request-deadlines}. Each records the transition, then hands the messages it leads to to
 * {@code request-emit}, which sends them in the JMS transaction of the message taken.
 */
public class RequestRouteBuilder extends RouteBuilder {

    private final RequestStepProcessor steps;
    private final RequestReplyProcessor replies;
    private final PayeeEventProcessor payeeEvents;
    private final InboundRequestProcessor inbound;
    private final RequestPaymentProcessor payments;
    private final RequestDeadlineProcessor deadlines;

    public RequestRouteBuilder(RequestStepProcessor steps, RequestReplyProcessor replies, PayeeEventProcessor payeeEvents,
                               InboundRequestProcessor inbound, RequestPaymentProcessor payments, RequestDeadlineProcessor deadlines) {
        this.steps = steps;
        this.replies = replies;
        this.payeeEvents = payeeEvents;
        this.inbound = inbound;
        this.payments = payments;
        this.deadlines = deadlines;
    }

    @Override
    public void configure() {
        from("jms:queue:" + RequestMessages.STEPS + "?transacted=true&concurrentConsumers={{request.consumers}}")
                .routeId("request-step")
                .process(steps)
                .to("direct:request-emit");

        from("jms:queue:" + RequestMessages.REPLIES + "?transacted=true&concurrentConsumers={{request.consumers}}")
                .routeId("request-reply")
                .process(replies)
                .to("direct:request-emit");

        from("jms:queue:" + PayeeEvent.QUEUE + "?transacted=true&concurrentConsumers={{request.consumers}}")
                .routeId("request-payee-event")
                .process(payeeEvents)
                .to("direct:request-emit");

        from("jms:queue:fspiop.requests.transactionRequests?transacted=true&concurrentConsumers={{request.consumers}}")
                .routeId("request-inbound")
                .filter(header(InboundMessage.METHOD).isEqualTo("POST"))
                    .process(inbound)
                    .to("direct:request-emit")
                .end();

        from("jms:queue:" + PayerMessages.REQUEST_PAYMENTS + "?transacted=true&concurrentConsumers={{request.consumers}}")
                .routeId("request-payment")
                .process(payments)
                .to("direct:request-emit");

        from("timer:request-deadlines?period={{request.deadlineCheckMillis}}&delay={{request.deadlineCheckMillis}}")
                .routeId("request-deadlines")
                .process(deadlines)
                .to("direct:request-emit");

        from("direct:request-emit")
                .routeId("request-emit")
                .split(body())
                    .process(Emit::write)
                    .toD(Emit.ENDPOINT)
                .end();
    }
}
