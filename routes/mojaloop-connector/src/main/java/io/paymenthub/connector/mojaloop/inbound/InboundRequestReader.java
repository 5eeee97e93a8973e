package io.paymenthub.connector.mojaloop.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.FspiopHeaders;

/**
 * Reads the HTTP request into an {@link InboundRequest} (exchange property
 * {@link FspiopInboundRouteBuilder#REQUEST}), keeping only the headers FSPIOP defines.
 */
public class InboundRequestReader implements Processor {

    static final List<String> FSPIOP_HEADERS = List.of(FspiopHeaders.ACCEPT, FspiopHeaders.CONTENT_TYPE,
            FspiopHeaders.CONTENT_LENGTH, FspiopHeaders.DATE, FspiopHeaders.X_FORWARDED_FOR, FspiopHeaders.FSPIOP_SOURCE,
            FspiopHeaders.FSPIOP_DESTINATION, FspiopHeaders.FSPIOP_ENCRYPTION, FspiopHeaders.FSPIOP_SIGNATURE,
            FspiopHeaders.FSPIOP_URI, FspiopHeaders.FSPIOP_HTTP_METHOD, FspiopHeaders.TRACEPARENT, FspiopHeaders.TRACESTATE);

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        String path = uri == null ? "/" : uri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        // Kept under the client's spelling, so that an error can name a header as it was sent.
        Map<String, String> headers = new LinkedHashMap<>();
        for (String sent : message.getHeaders().keySet()) {
            if (FSPIOP_HEADERS.stream().anyMatch(sent::equalsIgnoreCase)) {
                String value = message.getHeader(sent, String.class);
                if (value != null) {
                    headers.put(sent, value);
                }
            }
        }
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        String body = message.getBody(String.class);
        exchange.setProperty(FspiopInboundRouteBuilder.REQUEST, new InboundRequest(method, path, headers, body, null, null, null));
    }
}
