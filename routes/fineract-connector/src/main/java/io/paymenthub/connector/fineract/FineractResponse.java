package io.paymenthub.connector.fineract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What Fineract answered: the HTTP status, the JSON body (a missing node when there was none), and
 * whether it was replayed from Fineract's idempotency store ({@code x-served-from-cache: true}),
 * meaning the request had been processed before.
 */
public record FineractResponse(int status, JsonNode body, boolean servedFromCache) {

    public FineractResponse {
        body = body == null ? MissingNode.getInstance() : body;
    }

    public FineractResponse(int status, JsonNode body) {
        this(status, body, false);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * Fineract's most precise error code: the first entry of {@code errors} carries it
     * ({@code error.msg.interop.account.not.found}); the top level only says the family.
     */
    public String globalisationCode() {
        JsonNode detailed = body.path("errors").path(0).path("userMessageGlobalisationCode");
        return detailed.isTextual() ? detailed.asText() : body.path("userMessageGlobalisationCode").asText(null);
    }

    /** The most precise human message, for logs and operators. */
    public String message() {
        JsonNode detailed = body.path("errors").path(0).path("defaultUserMessage");
        return detailed.isTextual() ? detailed.asText() : body.path("defaultUserMessage").asText("HTTP " + status);
    }
}
