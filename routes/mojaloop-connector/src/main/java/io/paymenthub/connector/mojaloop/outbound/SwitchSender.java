package io.paymenthub.connector.mojaloop.outbound;

import java.util.Map;

/**
 * Sends a message of {@link OutboundMessage#QUEUE} to the switch at once, in the caller's thread,
 * without crossing the queue: published by the Mojaloop connector as an OSGi service, for the flows
 * to answer the switch from the consumer that made the answer. The queue stays the way when this
 * says no: the flow then puts the message there, and the connector's resends, the broker's
 * redelivery and the dead-letter queue take it from there.
 */
public interface SwitchSender {

    /**
     * @param headers the message's JMS properties ({@link OutboundMessage}), left as they are
     * @param body    the JSON to send, or empty
     * @return true when the switch took the message (200 or 202); false when it was not sent or
     *         not taken, for the caller to queue it
     */
    boolean send(Map<String, Object> headers, String body);
}
