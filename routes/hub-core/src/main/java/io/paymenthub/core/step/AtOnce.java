package io.paymenthub.core.step;

import java.util.Map;

/**
 * Takes an {@link Emit} where it goes without crossing its queue, in the caller's thread, when it
 * can: the Mojaloop connector publishes one (an OSGi service) that sends the flows' messages for
 * {@code fspiop.outbound} to the switch at once. What it does not take goes on its queue in the
 * JMS transaction of the message taken, as every Emit does ({@link Emit#sendEach}).
 *
 * <p>Taken before that transaction commits: if the hub stops between the two, the message taken
 * comes again and its flow sends the same Emit again, which an FSPIOP receiver takes as the same
 * request or callback.
 */
public interface AtOnce {

    /**
     * @param queue   the queue the message is for
     * @param headers its JMS properties, left as they are
     * @param body    its body, or empty
     * @return true when the message reached its destination; false when it was not sent, or not
     *         taken, and belongs on its queue
     */
    boolean send(String queue, Map<String, Object> headers, String body);
}
