package io.paymenthub.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts the requests the flows send to Fineract, by operation: each is one exchange of a
 * {@code fineract-<operation>} route of the connector (an account holder's read is two: the account
 * and its client). What a transfer costs core banking, read beside its rate.
 */
final class FineractCalls extends EventNotifierSupport {

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    FineractCalls() {
        // Not only filtered by isEnabled: an event every notifier ignores is never created, which keeps the run's cost as it was.
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        String route = ((CamelEvent.ExchangeEvent) event).getExchange().getFromRouteId();
        if (route != null && route.startsWith("fineract-")) {
            byOperation.computeIfAbsent(route.substring("fineract-".length()), k -> new LongAdder()).increment();
        }
    }

    void reset() {
        byOperation.clear();
    }

    /** "12.0 (account 2.0, client 1.0, ...)": the requests per transfer (or row), in all and by operation. */
    String per(int count) {
        Map<String, Long> counts = new TreeMap<>();
        byOperation.forEach((operation, adder) -> counts.put(operation, adder.sum()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%.1f (%s)", total / (double) count, counts.entrySet().stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / (double) count)).collect(Collectors.joining(", ")));
    }
}
