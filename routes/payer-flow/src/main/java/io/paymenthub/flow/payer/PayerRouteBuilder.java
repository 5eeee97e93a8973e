package io.paymenthub.flow.payer;

import io.paymenthub.core.step.StepRouteBuilder;

/**
 * The payer DFSP's side of a transfer on the step engine: {@code payer-step} (the step due in a
 * transfer's state, when it could not run on at once), {@code payer-reply} (the switch's callbacks),
 * {@code payer-deadlines} (waits that ended, steps that stalled) and {@code payer-emit}. A transfer
 * crosses the broker only where it waits: for the switch, or for the payer's confirmation.
 */
public class PayerRouteBuilder extends StepRouteBuilder {

    public PayerRouteBuilder(PayerStepProcessor steps, PayerReplyProcessor replies, PayerDeadlineProcessor deadlines) {
        super("payer");
        steps(PayerMessages.STEPS, steps);
        input("reply", PayerMessages.REPLIES, replies);
        deadlines(deadlines);
    }
}
