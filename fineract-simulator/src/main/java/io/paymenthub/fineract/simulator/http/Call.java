package io.paymenthub.fineract.simulator.http;

import io.paymenthub.fineract.simulator.ledger.Tenant;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the handlers see it: path parameters by name, query parameters (first value), headers (lower
 * case), the body as text and, on the Fineract API, the authenticated tenant.
 */
public record Call(String method, String path, Map<String, String> pathParams, Map<String, String> query,
        Map<String, String> headers, String body, Tenant tenant) {

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    Call with(Map<String, String> params, Tenant authenticated) {
        return new Call(method, path, params, query, headers, body, authenticated);
    }
}
