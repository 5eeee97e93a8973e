package io.paymenthub.core.step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable only where the flow waits: a step message for the flow's own steps queue among the
 * {@link Emit}s of a transition is run here and now, in the same exchange, instead of crossing the
 * broker; what it leads to is run on in turn, until only messages for others are left (the switch,
 * another flow, the channels). Each transition is still recorded before what follows it, so a crash
 * in between leaves the journal saying what was done. A step that fails here (core banking
 * unavailable, the database busy) goes to its queue after all, where the broker retries it with its
 * back-off; it is marked {@link #RETRIED} so that it runs as a redelivery, as a step message rolled
 * back by the broker does: if it recorded a transition before failing, what that transition sends
 * is sent again. A flow may also run on the steps of the parts of one message itself, each in its own
 * thread ({@link io.paymenthub.core.route.ParallelParts}); a step that failed there is left to its
 * queue, not tried again by the message's own run-on.
 */
public final class RunOn implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RunOn.class);
    /** Header of a step message that was tried here before it went to its queue. */
    static final String RETRIED = "hubStepRetried";
    /** Steps run on from one message at most: a state table whose steps lead back to each other must not loop here. */
    static final int MAX_STEPS = 16;

    private final String stepsQueue;
    private final StepRunner runner;

    public RunOn(String stepsQueue, StepRunner runner) {
        this.stepsQueue = stepsQueue;
        this.runner = runner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<Emit> emits = exchange.getMessage().getBody(List.class);
        exchange.getMessage().setBody(expand(emits));
    }

    /**
     * The step message as it goes to its queue after failing here: marked as tried, so that it is
     * run as a redelivery (its transitions may be recorded while what they send was not).
     */
    static Emit retried(Emit step) {
        Map<String, Object> headers = new LinkedHashMap<>(step.headers());
        headers.put(RETRIED, Boolean.TRUE);
        return new Emit(step.queue(), headers, step.body());
    }

    /** The emits with every step message for the flow's own queue run here, and what those lead to, in turn. */
    public List<Emit> expand(List<Emit> emits) {
        List<Emit> out = new ArrayList<>();
        Deque<Emit> todo = new ArrayDeque<>(emits);
        int ran = 0;
        while (!todo.isEmpty()) {
            Emit emit = todo.removeFirst();
            if (!stepsQueue.equals(emit.queue()) || ran == MAX_STEPS || emit.headers().containsKey(RETRIED)) {
                out.add(emit);
                continue;
            }
            ran++;
            try {
                todo.addAll(runner.run(emit.headers(), false));
            } catch (Exception e) {
                LOG.info("Step {} could not run on now ({}): it goes to {} to be retried", emit.headers(), e.getMessage(), stepsQueue);
                out.add(retried(emit));
            }
        }
        return out;
    }
}
