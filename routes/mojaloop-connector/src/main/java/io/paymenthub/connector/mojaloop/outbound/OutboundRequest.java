package io.paymenthub.connector.mojaloop.outbound;

import java.util.Objects;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * A request or callback the hub sends to the switch on behalf of a tenant.
 *
 * @param path        e.g. {@code /quotes} or {@code /transfers/{id}/error}
 * @param destination the receiving FSP, or null (a first {@code GET /parties})
 * @param version     the API version to speak; null for the configured default (a callback uses
 *                    the version of the request it answers)
 * @param body        JSON, or null
 */
public record OutboundRequest(Tenant tenant, String method, String path, FspiopResource resource, String destination,
                              FspiopVersion version, String body) {

    public OutboundRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resource, "resource");
    }
}
