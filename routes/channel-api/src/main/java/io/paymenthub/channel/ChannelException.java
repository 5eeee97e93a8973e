package io.paymenthub.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the channel API refuses, with its HTTP status and the channel API's error body:
 * {@code {"error":{"code":"IDEMPOTENCY_CONFLICT","message":"..."}}}. The message is for the
 * channel's developers and never carries a secret.
 */
public class ChannelException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpStatus;
    private final String code;

    public ChannelException(int httpStatus, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String toJson() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        return body.toString();
    }
}
