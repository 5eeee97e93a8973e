package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.fspiop.FspiopHeaders;
import io.paymenthub.fspiop.jws.SignedMessage;

/**
 * Verifies the {@code FSPIOP-Signature} of what the switch delivers against the key of its
 * {@code FSPIOP-Source}: a message that is not signed by its sender is refused 400 / 3105 and never
 * stored.
 */
public class InboundSignatureCheck implements Processor {

    private final FspiopJws jws;

    public InboundSignatureCheck(FspiopJws jws) {
        this.jws = jws;
    }

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        jws.verify(new SignedMessage(request.method(), request.path(), request.header(FspiopHeaders.FSPIOP_SOURCE),
                        request.header(FspiopHeaders.FSPIOP_DESTINATION), request.header(FspiopHeaders.DATE), request.body()),
                request.header(FspiopHeaders.FSPIOP_SIGNATURE), request.header(FspiopHeaders.FSPIOP_URI),
                request.header(FspiopHeaders.FSPIOP_HTTP_METHOD));
    }
}
