package io.paymenthub.connector.mojaloop.outbound;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.FspiopVersion;
import io.paymenthub.fspiop.jws.SignedMessage;

/**
 * The HTTP request for an {@link OutboundRequest}: the switch URL of its resource, Content-Type
 * and Accept naming resource and version, Date, FSPIOP-Source (the tenant's fspId),
 * FSPIOP-Destination, and the tenant's FSPIOP signature of a message with a body. Nothing else
 * travels as a header.
 */
public class OutboundHttpRequest implements Processor {

    private final SwitchEndpoints endpoints;
    private final FspiopJws jws;
    private final Clock clock;

    public OutboundHttpRequest(SwitchEndpoints endpoints, FspiopJws jws) {
        this(endpoints, jws, Clock.systemUTC());
    }

    OutboundHttpRequest(SwitchEndpoints endpoints, FspiopJws jws, Clock clock) {
        this.endpoints = endpoints;
        this.jws = jws;
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
        // The enum itself: from a String, Camel looks for a converter through its whole registry on every call.
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        message.setHeader(FspiopHeaders.ACCEPT, mediaType);
        String date = FspiopHeaders.formatDate(clock.instant());
        message.setHeader(FspiopHeaders.DATE, date);
        message.setHeader(FspiopHeaders.FSPIOP_SOURCE, request.tenant().fspId());
        jws.signatureFor(new SignedMessage(request.method(), request.path(), request.tenant().fspId(), request.destination(), date,
                request.body())).ifPresent(signed -> {
                    message.setHeader(FspiopHeaders.FSPIOP_URI, signed.uri());
                    message.setHeader(FspiopHeaders.FSPIOP_HTTP_METHOD, signed.method());
                    message.setHeader(FspiopHeaders.FSPIOP_SIGNATURE, signed.signature());
                });
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
