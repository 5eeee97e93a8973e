package io.paymenthub.connector.mojaloop.outbound;

import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StepRouteBuilder;

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
    public static final String CORRELATION = StepRouteBuilder.CALLBACK_CORRELATION;
    public static final String ERROR_CALLBACK = "fspiopErrorCallback";

    private OutboundMessage() {
    }

    /**
     * A callback as the flow that asked receives it on its {@link #REPLY_TO} queue: its request's
     * {@link #CORRELATION}, the resource, whether it is an error, the FSP that sent it, the body.
     */
    public record Reply(String correlation, String resource, boolean error, String source, String body) {

        public static Reply of(org.apache.camel.Message message) {
            return new Reply(message.getHeader(CORRELATION, String.class),
                    message.getHeader(io.paymenthub.connector.mojaloop.inbound.InboundMessage.RESOURCE, String.class),
                    Boolean.TRUE.equals(message.getHeader(ERROR_CALLBACK, Boolean.class)),
                    message.getHeader(io.paymenthub.connector.mojaloop.inbound.InboundMessage.SOURCE, String.class),
                    message.getBody(String.class));
        }
    }

    /**
     * A request of a tenant to the switch; with {@code replyTo}, its callback comes back to that
     * queue with {@code correlation} as its {@link #CORRELATION}.
     */
    public static Emit request(String tenant, String method, String path, String resource, String destination, String replyTo,
                               String correlation, String body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TENANT, tenant);
        headers.put(METHOD, method);
        headers.put(PATH, path);
        headers.put(RESOURCE, resource);
        if (destination != null) {
            headers.put(DESTINATION, destination);
        }
        if (replyTo != null) {
            headers.put(REPLY_TO, replyTo);
            headers.put(CORRELATION, correlation);
        }
        return new Emit(QUEUE, headers, body == null ? "" : body);
    }

    /**
     * A callback answering a request of the switch ({@code PUT} to its sender, in its version),
     * recorded as that request's answer when {@code answersId} names it, so that a resend or a
     * {@code GET} gets it again.
     */
    public static Emit answer(String tenant, String path, String resource, String destination, String version, String answersId,
                              String body) {
        Emit callback = callback(tenant, "PUT", path, resource, destination, version, body);
        if (answersId != null) {
            callback.headers().put(ANSWERS_RESOURCE, resource);
            callback.headers().put(ANSWERS_ID, answersId);
        }
        return callback;
    }

    /** A callback to the sender of a request of the switch, in the request's version: a recorded answer sent again, or an error. */
    public static Emit callback(String tenant, String method, String path, String resource, String destination, String version,
                                String body) {
        Emit callback = request(tenant, method, path, resource, destination, null, null, body);
        if (version != null) {
            callback.headers().put(VERSION, version);
        }
        return callback;
    }
}
