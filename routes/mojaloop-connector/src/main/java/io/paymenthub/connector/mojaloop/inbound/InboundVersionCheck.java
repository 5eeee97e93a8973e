package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.FspiopResource;

/**
 * Checks the headers every FSPIOP message carries and finds its resource and API version.
 * {@code Content-Type} on every message, with or without a body; {@code Accept} on every request
 * (GET, POST, DELETE; callbacks need none); {@code Date} in RFC 7231 form. The version comes from
 * the Content-Type of a message with a body, from Accept for a GET. A missing header is 400 / 3102,
 * a malformed one 400 / 3101, an unsupported version 406 / 3001 listing the supported ones; each
 * description names the header as the client spelt it.
 */
public class InboundVersionCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        FspiopResource resource = FspiopResource.fromPath(request.firstSegment())
                .orElseThrow(() -> new FspiopException(FspiopErrorCode.UNKNOWN_URI, "no resource " + request.path()));
        checkDate(request);
        String contentTypeName = request.sentName(FspiopHeaders.CONTENT_TYPE);
        String acceptName = request.sentName(FspiopHeaders.ACCEPT);
        FspiopContentType contentType = FspiopContentType.parse(contentTypeName, request.header(FspiopHeaders.CONTENT_TYPE));
        if (contentType.resource() != resource) {
            throw new FspiopException(FspiopErrorCode.MALFORMED_SYNTAX, contentTypeName + " is for " + contentType.resource()
                    + ", not " + resource);
        }
        FspiopContentType type;
        if ("GET".equals(request.method()) || "DELETE".equals(request.method())) {
            type = FspiopContentType.negotiate(resource, acceptName, request.header(FspiopHeaders.ACCEPT), null);
        } else {
            type = contentType.requireSupported();
            if ("POST".equals(request.method())) {
                FspiopContentType.negotiate(resource, acceptName, request.header(FspiopHeaders.ACCEPT), type.version());
            }
        }
        exchange.setProperty(FspiopInboundRouteBuilder.REQUEST, request.withVersion(resource, type.version()));
    }

    private static void checkDate(InboundRequest request) {
        String date = request.header(FspiopHeaders.DATE);
        String name = request.sentName(FspiopHeaders.DATE);
        if (date == null || date.isBlank()) {
            throw new FspiopException(FspiopErrorCode.MISSING_ELEMENT, "Missing " + name + " header");
        }
        try {
            FspiopHeaders.parseDate(date);
        } catch (IllegalArgumentException e) {
            throw new FspiopException(FspiopErrorCode.MALFORMED_SYNTAX, "Invalid " + name + " header: " + date
                    + " is not an RFC 7231 date");
        }
    }
}
