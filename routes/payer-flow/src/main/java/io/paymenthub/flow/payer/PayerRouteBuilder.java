package io.paymenthub.flow.payer;

import org.apache.camel.builder.RouteBuilder;

/**
 * The payer DFSP's side of a transfer, one route per kind of input: {@code payer-step} (the step
 * due in a transfer's state), {@code payer-reply} (the switch's callbacks), {@code payer-deadlines}
 * (waits that ended, steps that stalled). Each records the transition in the journal, then hands
 * the messages it leads to to {@code payer-emit}, which sends them in the JMS transaction of the
 * message taken: the message is consumed only if they are sent.
 */
public class PayerRouteBuilder extends RouteBuilder {

    private final PayerStepProcessor steps;
    private final PayerReplyProcessor replies;
    private final PayerDeadlineProcessor deadlines;

    public PayerRouteBuilder(PayerStepProcessor steps, PayerReplyProcessor replies, PayerDeadlineProcessor deadlines) {
        this.steps = steps;
        this.replies = replies;
        this.deadlines = deadlines;
    }

    @Override
    public void configure() {
        from("jms:queue:" + PayerMessages.STEPS + "?transacted=true&concurrentConsumers={{payer.consumers}}")
                .routeId("payer-step")
                .process(steps)
                .to("direct:payer-emit");

        from("jms:queue:" + PayerMessages.REPLIES + "?transacted=true&concurrentConsumers={{payer.consumers}}")
                .routeId("payer-reply")
                .process(replies)
                .to("direct:payer-emit");

        from("timer:payer-deadlines?period={{payer.deadlineCheckMillis}}&delay={{payer.deadlineCheckMillis}}")
                .routeId("payer-deadlines")
                .process(deadlines)
                .to("direct:payer-emit");

        from("direct:payer-emit")
                .routeId("payer-emit")
                .split(body())
                    .process(Emit::write)
                    .toD(Emit.ENDPOINT)
                .end();
    }
}
