package io.paymenthub.connector.mojaloop.inbound;

import java.util.Map;
import java.util.TreeMap;

import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * An FSPIOP request as it arrived from the switch, filled in step by step: what the reader saw,
 * then the resource and version, then the tenant it is for.
 *
 * @param headers the FSPIOP-relevant headers, looked up without regard to case
 */
public record InboundRequest(String method, String path, Map<String, String> headers, String body,
                             FspiopResource resource, FspiopVersion version, String tenant) {

    public InboundRequest {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = caseless;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The header's name as the client spelt it (HTTP names are case-insensitive), for error descriptions. */
    public String sentName(String name) {
        String sent = ((TreeMap<String, String>) headers).ceilingKey(name);
        return sent != null && sent.equalsIgnoreCase(name) ? sent : name;
    }

    public InboundRequest withVersion(FspiopResource resource, FspiopVersion version) {
        return new InboundRequest(method, path, headers, body, resource, version, tenant);
    }

    public InboundRequest withTenant(String tenant) {
        return new InboundRequest(method, path, headers, body, resource, version, tenant);
    }

    /** The path's first segment: the resource name as sent, known or not. */
    public String firstSegment() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
