package io.paymenthub.core.step;

import java.util.List;
import java.util.Map;

/** Runs the step a message of a flow's own steps queue asks for, and returns what it leads to. */
@FunctionalInterface
public interface StepRunner {

    /**
     * @param headers     the step message's properties: which record, in which state
     * @param redelivered whether the broker delivers this message again (a transition may be recorded whose sends were lost)
     */
    List<Emit> run(Map<String, Object> headers, boolean redelivered) throws Exception;
}
