package io.paymenthub.core.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.slf4j.MDC;

/**
 * The parts of one message worked on a few at a time: the individual transfers of a bulk quote or
 * bulk transfer, each of which waits on core banking. One after another, a bulk of 1,000 takes a
 * thousand core-banking round trips end to end (tens of seconds against a Fineract across a
 * network) while the machine idles. Camel's splitter cannot do it here: the flows' consumers are
 * transacted, and Camel runs the parts of a transacted exchange one after another on its thread.
 * <p>
 * The parts run on a pool of {@code parallelism} threads made by the message's CamelContext (and
 * shut down with it), shared by every message of the step, so the step never asks more of core
 * banking at once than its consumers times this. Results come back in the parts' order. A part
 * that fails stops the parts not yet started, and the whole fails only once every started part
 * has ended: nothing of the message still runs when its transaction rolls back and the broker
 * delivers it again (the parts must be safe to repeat, as a redelivered message's are).
 */
public final class ParallelParts {

    /** The work of one part. */
    @FunctionalInterface
    public interface Part<I, O> {
        O on(I input) throws Exception;
    }

    private final String name;
    private final int parallelism;
    private volatile ExecutorService pool;

    /**
     * @param name        the pool's threads' name
     * @param parallelism the parts of all messages of the step at work at once; 1 works them in turn on the message's thread
     */
    public ParallelParts(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.name = name;
        this.parallelism = parallelism;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Each input's result, in the inputs' order; the first failure (in the inputs' order) once all started parts ended. */
    public <I, O> List<O> map(CamelContext context, List<I> inputs, Part<I, O> part) throws Exception {
        List<O> results = new ArrayList<>(inputs.size());
        if (parallelism == 1 || inputs.size() <= 1) {
            for (I input : inputs) {
                results.add(part.on(input));
            }
            return results;
        }
        ExecutorService executor = pool(context);
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<O>> futures = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            futures.add(executor.submit(() -> {
                if (failed.get()) {
                    throw new CancellationException("an earlier part failed");
                }
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    return part.on(input);
                } catch (Exception | Error e) {
                    failed.set(true);
                    throw e;
                } finally {
                    MDC.clear();
                }
            }));
        }
        Throwable first = null;
        try {
            for (Future<O> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    // A part skipped (CancellationException) was skipped for a failure found further on.
                    if (first == null && !(e.getCause() instanceof CancellationException)) {
                        first = e.getCause();
                    }
                }
            }
        } catch (InterruptedException e) {
            failed.set(true);
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw e;
        }
        if (first instanceof Exception exception) {
            throw exception;
        }
        if (first instanceof Error error) {
            throw error;
        }
        return results;
    }

    private ExecutorService pool(CamelContext context) {
        ExecutorService executor = pool;
        if (executor == null || executor.isShutdown()) {
            synchronized (this) {
                executor = pool;
                if (executor == null || executor.isShutdown()) {
                    executor = context.getExecutorServiceManager().newFixedThreadPool(this, name, parallelism);
                    pool = executor;
                }
            }
        }
        return executor;
    }
}
