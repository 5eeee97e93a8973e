package io.paymenthub.connector.mojaloop.outbound;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * The HTTP request for an {@link OutboundRequest}: the switch URL of its resource, Content-Type
 * and Accept naming resource and version, Date, FSPIOP-Source (the tenant's fspId) and
 * FSPIOP-Destination. Nothing else travels as a header.
 */
public class OutboundHttpRequest implements Processor {

    private final SwitchEndpoints endpoints;
    private final Clock clock;

    public OutboundHttpRequest(SwitchEndpoints endpoints) {
        this(endpoints, Clock.systemUTC());
    }

    OutboundHttpRequest(SwitchEndpoints endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        OutboundRequest request = exchange.getMessage().getMandatoryBody(OutboundRequest.class);
        exchange.setProperty(FspiopOutboundRouteBuilder.REQUEST, request);
        FspiopVersion version = request.version() == null ? endpoints.version() : request.version();
        String mediaType = FspiopContentType.of(request.resource(), version).toString();
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_URI, endpoints.url(request.resource(), request.path()));
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(FspiopHeaders.ACCEPT, mediaType);
        message.setHeader(FspiopHeaders.DATE, FspiopHeaders.formatDate(clock.instant()));
        message.setHeader(FspiopHeaders.FSPIOP_SOURCE, request.tenant().fspId());
        if (request.destination() != null) {
            message.setHeader(FspiopHeaders.FSPIOP_DESTINATION, request.destination());
        }
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, mediaType);
            message.setBody(request.body());
        } else {
            // GET carries no body, but the switch (and the Toolkit) still want to know the version.
            message.setHeader(Exchange.CONTENT_TYPE, mediaType);
            message.setBody(null);
        }
    }
}
