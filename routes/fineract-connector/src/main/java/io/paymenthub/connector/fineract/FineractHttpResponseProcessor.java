package io.paymenthub.connector.fineract;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Reads Fineract's answer into a {@link FineractResponse}, whatever its status. */
public class FineractHttpResponseProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FineractHttpResponseProcessor.class);

    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = exchange.getMessage().getBody(String.class);
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = FineractJson.read(text);
            } catch (IOException e) {
                // Not JSON (a proxy's error page, say): keep the text for the operator.
                body = TextNode.valueOf(text.length() > 500 ? text.substring(0, 500) : text);
            }
        }
        boolean replayed = "true".equalsIgnoreCase(exchange.getMessage().getHeader("x-served-from-cache", String.class));
        FineractCall call = exchange.getProperty(FineractConnectorRouteBuilder.CALL, FineractCall.class);
        LOG.debug("Fineract {} {} answered {}", call.method(), call.path(), status);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(new FineractResponse(status, body, replayed));
    }
}
