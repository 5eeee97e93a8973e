package io.paymenthub.connector.mojaloop.outbound;

/**
 * How the flows ask for something to be sent to the switch: a message on the persistent queue
 * {@code fspiop.outbound} (body: the JSON to send, or empty) with these JMS properties. When it
 * answers a request of the switch, the answer is recorded first, so that a resend of that request
 * gets the same answer.
 */
public final class OutboundMessage {

    public static final String QUEUE = "fspiop.outbound";

    public static final String TENANT = "hubTenant";
    public static final String METHOD = "fspiopMethod";
    public static final String PATH = "fspiopPath";
    public static final String RESOURCE = "fspiopResource";
    public static final String DESTINATION = "fspiopDestination";
    public static final String VERSION = "fspiopVersion";
    /** With {@link #ANSWERS_ID}: the request (resource and id) this callback answers. */
    public static final String ANSWERS_RESOURCE = "fspiopAnswersResource";
    public static final String ANSWERS_ID = "fspiopAnswersId";
    /**
     * With {@link #CORRELATION}: the queue where the callback of this request goes, whichever node
     * receives it, carrying the correlation reference (and {@link #ERROR_CALLBACK} true for an error).
     */
    public static final String REPLY_TO = "fspiopReplyTo";
    public static final String CORRELATION = "fspiopCorrelation";
    public static final String ERROR_CALLBACK = "fspiopErrorCallback";

    private OutboundMessage() {
    }
}
