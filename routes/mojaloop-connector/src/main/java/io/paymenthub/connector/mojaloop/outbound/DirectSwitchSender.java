package io.paymenthub.connector.mojaloop.outbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.paymenthub.core.step.AtOnce;
import io.paymenthub.fspiop.FspiopException;

/**
 * Sends the flows' messages for {@link OutboundMessage#QUEUE} to the switch from the consumer that
 * made them, without crossing the queue (an {@link AtOnce}, published as an OSGi service): one
 * persistent message, one consumer transaction and a wait for the broker's disk fewer on the way.
 * It reads the message as the outbound queue's consumer does ({@link OutboundQueueReader}: an answer
 * recorded, a callback's return expected) and sends it through {@code fspiop-outbound} once, without
 * that route's resends and with a short wait for the answer (2 s), so that a switch that does not
 * answer holds the caller's consumer for one short attempt at most; what it
 * did not send goes on the queue, whose consumer resends it with the longer timeouts of
 * {@code io.paymenthub.fspiop}.
 *
 * <p>A circuit breaker (Resilience4j) keeps a switch that is away or slow from holding the flows'
 * consumers: once half of the last ten attempts went unanswered or took over a second, every
 * message goes to the queue for 30 s, then one is tried again. A refusal by the switch is an answer:
 * it is queued like the others (where it ends as it always did), without counting against the switch.
 */
public class DirectSwitchSender implements AtOnce {

    /** Exchange property of a message sent at once: {@code fspiop-outbound} does not resend it, and waits less for it. */
    static final String AT_ONCE = "fspiopAtOnce";
    /** How long a message sent at once waits for the switch's answer (a 202, within milliseconds normally). */
    static final int RESPONSE_TIMEOUT_MILLIS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(DirectSwitchSender.class);

    private final CamelContext context;
    private final OutboundQueueReader reader;
    private final boolean enabled;
    private final CircuitBreaker breaker;
    private volatile ProducerTemplate producer;

    /**
     * @param context the connector's CamelContext, where {@code fspiop-outbound} runs
     * @param enabled false: every message goes through the queue ({@code sendAtOnce = false})
     */
    public DirectSwitchSender(CamelContext context, OutboundQueueReader reader, boolean enabled) {
        this.context = context;
        this.reader = reader;
        this.enabled = enabled;
        this.breaker = CircuitBreaker.of("switch-at-once", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(Duration.ofSeconds(1))
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(FspiopException.class)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> LOG.warn("The switch did not take the hub's last messages at once, or took over a second: "
                        + "they go through {} for 30 s, then one is tried at once again", OutboundMessage.QUEUE);
                case CLOSED -> LOG.info("The switch takes the hub's messages at once again");
                default -> LOG.debug("Switch breaker: {}", event.getStateTransition());
            }
        });
    }

    /** @return true when the switch took the message (200 or 202); false for the caller to queue it */
    @Override
    public boolean send(String queue, Map<String, Object> headers, String body) {
        if (!enabled || !OutboundMessage.QUEUE.equals(queue) || !breaker.tryAcquirePermission()) {
            return false;
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeaders(new HashMap<>(headers));
        exchange.getMessage().setBody(body);
        exchange.setProperty(AT_ONCE, true);
        long started = System.nanoTime();
        try {
            reader.process(exchange);
            producer().send(FspiopOutboundRouteBuilder.ENDPOINT, exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        long took = System.nanoTime() - started;
        Exception failure = exchange.getException();
        if (failure == null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            return true;
        }
        breaker.onError(took, TimeUnit.NANOSECONDS, failure);
        LOG.debug("{} {} not sent at once ({}): queued", headers.get(OutboundMessage.METHOD), headers.get(OutboundMessage.PATH),
                failure.toString());
        return false;
    }

    /** CLOSED (messages go at once), OPEN (they are queued) or HALF_OPEN (one is tried). */
    public String state() {
        return breaker.getState().name();
    }

    private ProducerTemplate producer() {
        ProducerTemplate template = producer;
        if (template == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
                template = producer;
            }
        }
        return template;
    }

    /** Stops the producer template: the Blueprint's destroy method. */
    public void stop() throws Exception {
        ProducerTemplate template = producer;
        if (template != null) {
            template.stop();
        }
    }
}
