package io.paymenthub.connector.mojaloop.outbound;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;

/**
 * The switch's synchronous answer: 200 or 202 means it took the request (the result comes later
 * as a callback); anything else is raised as an {@link FspiopException} carrying the switch's own
 * {@code errorInformation} when it sent one.
 */
public class OutboundHttpResponse implements Processor {

    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        OutboundRequest request = exchange.getProperty(FspiopOutboundRouteBuilder.REQUEST, OutboundRequest.class);
        if (status == 200 || status == 202) {
            exchange.getMessage().getHeaders().clear();
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            exchange.getMessage().setBody(null);
            return;
        }
        ErrorInformation information;
        try {
            information = ErrorInformation.fromJson(body);
        } catch (RuntimeException e) {
            information = ErrorInformation.of(FspiopErrorCode.DESTINATION_COMMUNICATION_ERROR,
                    "switch answered " + request.method() + " " + request.path() + " with HTTP " + status);
        }
        FspiopErrorCode code = FspiopErrorCode.fromCode(information.errorCode()).orElse(FspiopErrorCode.COMMUNICATION_ERROR);
        throw new FspiopException(code, information);
    }
}
