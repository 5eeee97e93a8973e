package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopContentType;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Answers a refused request synchronously with FSPIOP's {@code errorInformation}, in the version
 * the request used when it is known. Anything that is not an FSPIOP refusal (the broker did not
 * take the message) is 503 / 2003: nothing was accepted, and the switch may send it again.
 */
public class InboundErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        FspiopException error;
        if (caught instanceof FspiopException fspiop) {
            error = fspiop;
            LOG.info("Refused {} {} from {}: {}", method(request), path(request), source(request), error.getMessage());
        } else {
            error = new FspiopException(FspiopErrorCode.SERVICE_CURRENTLY_UNAVAILABLE, "request not stored, send it again");
            LOG.error("Could not accept {} {} from {}: {}", method(request), path(request), source(request),
                    caught == null ? "unknown" : caught.toString());
        }
        ErrorInformation information = error.errorInformation();
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.httpStatus());
        message.setHeader(Exchange.CONTENT_TYPE, contentType(request));
        message.setBody(information.toJson());
    }

    private static String contentType(InboundRequest request) {
        if (request != null && request.resource() != null) {
            FspiopVersion version = request.version() != null && request.version().isSupported() ? request.version() : FspiopVersion.V1_1;
            return FspiopContentType.of(request.resource(), version).toString();
        }
        return "application/json";
    }

    private static String method(InboundRequest request) {
        return request == null ? "?" : request.method();
    }

    private static String path(InboundRequest request) {
        return request == null ? "?" : request.path();
    }

    private static String source(InboundRequest request) {
        return request == null ? "?" : request.header("FSPIOP-Source");
    }
}
