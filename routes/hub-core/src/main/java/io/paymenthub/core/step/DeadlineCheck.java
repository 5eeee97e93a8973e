package io.paymenthub.core.step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run on a flow's timer: finds the records whose wait ran out or whose step stalled, and handles
 * each; the body becomes the {@link Emit}s to send. One record that cannot be handled now waits
 * for the next check, and the messages of those already moved in this check still go out (they
 * would be lost with the exchange).
 */
public final class DeadlineCheck implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineCheck.class);
    /** Records handled per kind and check: a backlog drains over several checks instead of one long transaction. */
    static final int BATCH = 200;

    /** Finds the records of one kind that are due. */
    @FunctionalInterface
    public interface Finder<T> {
        List<T> due(Instant now, int limit) throws Exception;
    }

    /** What one due record leads to. */
    @FunctionalInterface
    public interface Handler<T> {
        List<Emit> handle(T record, Instant now) throws Exception;
    }

    /** One kind of due record: how to find them, handle one, and name one in the log. */
    public record Due<T>(Finder<T> finder, Handler<T> handler, Function<T, String> name) {

        List<Emit> run(Instant now) throws Exception {
            List<Emit> emits = new ArrayList<>();
            for (T record : finder.due(now, BATCH)) {
                try {
                    emits.addAll(handler.handle(record, now));
                } catch (Exception e) {
                    LOG.warn("{}: its deadline could not be handled now: {}", name.apply(record), e.getMessage());
                }
            }
            return emits;
        }
    }

    private final Supplier<Instant> clock;
    private final List<Due<?>> dues;

    public DeadlineCheck(Supplier<Instant> clock, List<Due<?>> dues) {
        this.clock = clock;
        this.dues = List.copyOf(dues);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant now = clock.get();
        List<Emit> emits = new ArrayList<>();
        for (Due<?> due : dues) {
            emits.addAll(due.run(now));
        }
        exchange.getMessage().setBody(emits);
    }
}
