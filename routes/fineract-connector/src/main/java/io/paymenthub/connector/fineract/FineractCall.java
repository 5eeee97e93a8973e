package io.paymenthub.connector.fineract;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP call to a tenant's Fineract: what the routes send.
 *
 * @param path           relative to the tenant's {@code fineract.url}, already encoded, e.g. {@code interoperation/transfers?action=PREPARE}
 * @param body           the JSON body, or null
 * @param idempotencyKey sent as {@code Idempotency-Key} so that a retried call is replayed by Fineract, not repeated; null for reads
 */
public record FineractCall(String method, String path, JsonNode body, String idempotencyKey) {

    public FineractCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    public static FineractCall get(String path) {
        return new FineractCall("GET", path, null, null);
    }

    public static FineractCall post(String path, JsonNode body, String idempotencyKey) {
        return new FineractCall("POST", path, body, idempotencyKey);
    }

    public static FineractCall delete(String path) {
        return new FineractCall("DELETE", path, null, null);
    }
}
