package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.FspiopResource;

/**
 * Finds the resource and the API version of a request: from its Content-Type when it has a body,
 * from its Accept header when it has none (GET). An unsupported version is 406 / 3001 listing the
 * supported ones; a media type that is not FSPIOP's is 400 / 3101.
 */
public class InboundVersionCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        FspiopResource resource = FspiopResource.fromPath(request.firstSegment())
                .orElseThrow(() -> new FspiopException(FspiopErrorCode.UNKNOWN_URI, "no resource " + request.path()));
        FspiopContentType type;
        if ("GET".equals(request.method()) || "DELETE".equals(request.method())) {
            type = FspiopContentType.negotiate(resource, request.header(FspiopHeaders.ACCEPT), null);
        } else {
            type = FspiopContentType.parse(request.header(FspiopHeaders.CONTENT_TYPE)).requireSupported();
            if (type.resource() != resource) {
                throw new FspiopException(FspiopErrorCode.MALFORMED_SYNTAX, "Content-Type is for " + type.resource()
                        + ", not " + resource);
            }
        }
        exchange.setProperty(FspiopInboundRouteBuilder.REQUEST, request.withVersion(resource, type.version()));
    }
}
