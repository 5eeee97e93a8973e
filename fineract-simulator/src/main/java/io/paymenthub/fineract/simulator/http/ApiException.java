package io.paymenthub.fineract.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer. With a body it is one of Fineract's own error documents; without, the servlet container's
 * {timestamp, status, error, path} document that Fineract gives for unhandled errors, wrong tenants and bad
 * credentials.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient JsonNode body;

    public ApiException(int status, JsonNode body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** An error answered with the container's document, as for an unhandled exception. */
    public static ApiException unhandled(int status) {
        return new ApiException(status, null);
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
