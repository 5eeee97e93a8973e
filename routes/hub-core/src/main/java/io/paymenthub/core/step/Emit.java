package io.paymenthub.core.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.ProcessorDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message a step sends once its transition is recorded: to the switch, to the next step, to
 * another flow or to the tenant's channels. The flows send them in the JMS transaction of the
 * message they took, so they go out only if that one is consumed; one an {@link AtOnce} takes goes
 * at once instead, before that transaction commits.
 */
public record Emit(String queue, Map<String, Object> headers, String body) {

    private static final Logger LOG = LoggerFactory.getLogger(Emit.class);

    /** Header of the message to send: the queue it goes to. */
    public static final String QUEUE_HEADER = "hubEmitQueue";
    /** Header of the message to send: its JMS priority, {@link #NORMAL_PRIORITY} unless it is {@link #inBackground}. */
    public static final String PRIORITY_HEADER = "hubEmitPriority";
    /** JMS's default priority: every message but a batch's. */
    public static final int NORMAL_PRIORITY = 4;
    /**
     * The priority of a message that may wait behind the others on its queue: a batch's, so that the thousands of steps a
     * batch releases at once do not hold up single transfers. The broker hands a queue's consumers its higher priorities
     * first, and each consumer takes the higher priorities first from what it has prefetched (KahaDB keeps three lanes:
     * below 4, 4, above 4).
     */
    public static final int BACKGROUND_PRIORITY = 2;
    /** The endpoint that sends an exchange {@link #write}s prepared: one way, even from a REST or JMS request-reply. */
    public static final String ENDPOINT = "jms:queue:${header." + QUEUE_HEADER + "}?deliveryPersistent=true&exchangePattern=InOnly"
            + "&explicitQosEnabled=true&priority=${header." + PRIORITY_HEADER + "}";

    /** Exchange property of a split Emit: true when an {@link AtOnce} took it. */
    private static final String SENT_AT_ONCE = "hubEmitSentAtOnce";
    private static final Predicate NOT_SENT_AT_ONCE = exchange -> !Boolean.TRUE.equals(exchange.getProperty(SENT_AT_ONCE));

    /** A message with these JMS properties and no body. */
    public static Emit of(String queue, Map<String, Object> headers) {
        return new Emit(queue, new LinkedHashMap<>(headers), "");
    }

    /** This message, sent at {@link #BACKGROUND_PRIORITY}. */
    public Emit inBackground() {
        Map<String, Object> background = new LinkedHashMap<>(headers);
        background.put(PRIORITY_HEADER, BACKGROUND_PRIORITY);
        return new Emit(queue, background, body);
    }

    /** The JMS priority this message goes with. */
    public int priority() {
        Object priority = headers.get(PRIORITY_HEADER);
        return priority == null ? NORMAL_PRIORITY : Integer.parseInt(priority.toString());
    }

    /**
     * Appends to {@code route} the sending of every Emit in the exchange's body (a list of them, or
     * one), stopping at the first that fails so that the exception reaches the route: a transacted
     * consumer rolls back, a listener answers an error. Without {@code stopOnException} the split
     * would swallow a failed send.
     */
    public static ProcessorDefinition<?> sendEach(ProcessorDefinition<?> route) {
        return sendEach(route, List.of());
    }

    /**
     * As {@link #sendEach(ProcessorDefinition)}, each Emit offered first to {@code atOnce} (a live
     * list: the services published at the time), which may take it where it goes without its queue.
     */
    public static ProcessorDefinition<?> sendEach(ProcessorDefinition<?> route, List<? extends AtOnce> atOnce) {
        return route.split(Builder.body()).stopOnException()
                    .process(exchange -> exchange.setProperty(SENT_AT_ONCE, sentAtOnce(atOnce, exchange.getMessage().getBody(Emit.class))))
                    .filter(NOT_SENT_AT_ONCE)
                        .process(Emit::write)
                        .toD(ENDPOINT)
                    .end()
                .end();
    }

    private static boolean sentAtOnce(List<? extends AtOnce> atOnce, Emit emit) {
        try {
            for (AtOnce sender : atOnce) {
                if (sender.send(emit.queue(), emit.headers(), emit.body())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // A service going away as it sends: the queue takes the message (a repeat at worst, which FSPIOP receivers allow).
            LOG.info("A message for {} could not be sent at once ({}): it goes on its queue", emit.queue(), e.toString());
        }
        return false;
    }

    /** Turns an exchange whose body is an Emit into the message to send to {@link #ENDPOINT}: only its own headers. */
    public static void write(Exchange exchange) {
        Emit emit = exchange.getMessage().getBody(Emit.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().getHeaders().putAll(emit.headers());
        exchange.getMessage().setHeader(QUEUE_HEADER, emit.queue());
        exchange.getMessage().setHeader(PRIORITY_HEADER, emit.priority());
        exchange.getMessage().setBody(emit.body());
    }
}
