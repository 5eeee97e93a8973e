package io.paymenthub.connector.mojaloop.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.fspiop.FspiopHeaders;

/**
 * Builds the JMS message that carries an accepted request to the flows: the body as received
 * (a transfer's ILP packet and condition must reach the payee flow byte for byte) and the
 * routing facts as JMS properties, whose names must be Java identifiers.
 */
public class InboundMessage implements Processor {

    public static final String METHOD = "fspiopMethod";
    public static final String PATH = "fspiopPath";
    public static final String RESOURCE = "fspiopResource";
    public static final String VERSION = "fspiopVersion";
    public static final String SOURCE = "fspiopSource";
    public static final String DESTINATION = "fspiopDestination";
    public static final String DATE = "fspiopDate";
    public static final String TRACEPARENT = "traceparent";
    public static final String TENANT = "hubTenant";
    /** The id a {@code POST} of the switch gives its resource (a transfer's {@code transferId}...), once the gate read it: for logs. */
    public static final String RESOURCE_ID = "fspiopResourceId";
    /**
     * A fresh id for each request accepted from the switch. The same stored message delivered again
     * (after a crash the broker may not flag it redelivered) carries the same receipt; a resend by
     * the switch carries another one.
     */
    public static final String RECEIPT = "fspiopReceipt";

    private static final List<String> FACTS = List.of(METHOD, PATH, RESOURCE, VERSION, SOURCE, DESTINATION, DATE, TRACEPARENT, TENANT,
            RECEIPT);

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(METHOD, request.method());
        message.setHeader(PATH, request.path());
        message.setHeader(RESOURCE, request.resource().path());
        message.setHeader(VERSION, request.version().toString());
        message.setHeader(TENANT, request.tenant());
        message.setHeader(RECEIPT, java.util.UUID.randomUUID().toString());
        putIfPresent(message, SOURCE, request.header(FspiopHeaders.FSPIOP_SOURCE));
        putIfPresent(message, DESTINATION, request.header(FspiopHeaders.FSPIOP_DESTINATION));
        putIfPresent(message, DATE, request.header(FspiopHeaders.DATE));
        putIfPresent(message, TRACEPARENT, request.header(FspiopHeaders.TRACEPARENT));
        message.setBody(request.body() == null ? "" : request.body());
    }

    private static void putIfPresent(Message message, String name, String value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    /** The facts above that a message carries, and nothing else (not the JMS headers of a consumed one): to hand it on. */
    public static Map<String, Object> facts(Message message) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : FACTS) {
            Object value = message.getHeader(name);
            if (value != null) {
                facts.put(name, value);
            }
        }
        return facts;
    }
}
