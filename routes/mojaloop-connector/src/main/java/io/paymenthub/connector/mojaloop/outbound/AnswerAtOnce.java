package io.paymenthub.connector.mojaloop.outbound;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.model.ProcessorDefinition;

/**
 * A flow's answer to the switch sent from the consumer that made it, through the connector's
 * {@link SwitchSender}, instead of crossing {@link OutboundMessage#QUEUE}: one persistent message,
 * one consumer transaction and a wait for the broker's disk fewer on the way to the switch. The
 * message in the exchange is the one the queue would get; when the sender says no (none
 * published, switched off, the switch away or slow, a refusal), the route queues it, in the JMS
 * transaction of the request it answers, as before.
 *
 * <p>Sent before that transaction commits: if the hub stops between the two, the request comes
 * again and the flow's journal sends its recorded answer again, which FSPIOP receivers take as the
 * same callback.
 */
public class AnswerAtOnce implements Processor {

    /** Exchange property: true when the answer went to the switch at once. */
    public static final String SENT = "fspiopAnsweredAtOnce";

    private final List<SwitchSender> senders;

    /** @param senders the connector's sender when it is there (a live OSGi reference list), or none */
    public AnswerAtOnce(List<SwitchSender> senders) {
        this.senders = senders;
    }

    /** Every answer through the queue: for tests and harnesses that play the switch on it. */
    public static AnswerAtOnce never() {
        return new AnswerAtOnce(List.of());
    }

    /** Appends to {@code route} the answer in the exchange sent at once, or put on {@code queueEndpoint}. */
    public ProcessorDefinition<?> sendOrQueue(ProcessorDefinition<?> route, String queueEndpoint) {
        Predicate notSent = exchange -> !Boolean.TRUE.equals(exchange.getProperty(SENT));
        return route.process(this).filter(notSent).to(queueEndpoint).end();
    }

    @Override
    public void process(Exchange exchange) {
        boolean sent = false;
        try {
            for (SwitchSender sender : senders) {
                sent = sender.send(exchange.getMessage().getHeaders(), exchange.getMessage().getBody(String.class));
                break;
            }
        } catch (RuntimeException e) {
            sent = false; // the connector going away as it sends: the queue takes the answer
        }
        exchange.setProperty(SENT, sent);
    }
}
