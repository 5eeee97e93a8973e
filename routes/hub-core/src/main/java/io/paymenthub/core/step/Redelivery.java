package io.paymenthub.core.step;

import org.apache.camel.Message;

/** Whether the broker delivers a message again: an earlier try was rolled back, or the hub stopped before it was consumed. */
public final class Redelivery {

    private Redelivery() {
    }

    public static boolean isRedelivered(Message message) {
        return Boolean.TRUE.equals(message.getHeader("JMSRedelivered", Boolean.class));
    }
}
